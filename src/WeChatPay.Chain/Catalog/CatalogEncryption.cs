namespace WeChatPay.Chain.Catalog;

/// <summary>The encryption markers a <see cref="CatalogField"/> can carry.</summary>
internal static class CatalogEncryption
{
    /// <summary>Encrypt before sending with the platform certificate / WeChat Pay public key (RSA-OAEP); the request then carries <c>Wechatpay-Serial</c>.</summary>
    public const string RsaPlatform = "rsa-platform";

    /// <summary>Encrypted by WeChat Pay with the merchant certificate's public key: decrypt after receiving with the merchant private key.</summary>
    public const string RsaMerchant = "rsa-merchant";

    /// <summary>AEAD_AES_256_GCM with the APIv3 key (callback resources).</summary>
    public const string AesGcm = "aes-gcm";

    /// <summary>AES-256-ECB with the MD5 of the API key (v2 refund notification).</summary>
    public const string AesEcb = "aes-ecb";

    /// <summary>The v2 pay-to-bank RSA key.</summary>
    public const string RsaPaybank = "rsa-paybank";
}
