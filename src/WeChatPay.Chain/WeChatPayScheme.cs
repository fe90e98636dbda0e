namespace WeChatPay.Chain;

/// <summary>WeChat Pay's APIv3 signature schemes; WeChat Pay enables one per merchant.</summary>
public enum WeChatPayScheme
{
    /// <summary><c>WECHATPAY2-SHA256-RSA2048</c>: RSA keys, SHA256withRSA signatures, RSA-OAEP fields, AEAD_AES_256_GCM callbacks.</summary>
    Rsa = 1,

    /// <summary>国密 <c>WECHATPAY2-SM2-WITH-SM3</c>: SM2 keys, SM2-with-SM3 signatures, SM2 fields, AEAD_SM4_GCM callbacks.</summary>
    Sm2 = 2,
}
