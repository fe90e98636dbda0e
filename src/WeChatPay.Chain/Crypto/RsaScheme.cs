namespace WeChatPay.Chain.Crypto;

/// <summary><c>WECHATPAY2-SHA256-RSA2048</c>: the APIv3 key itself is the AES-256-GCM key.</summary>
internal sealed class RsaScheme : Scheme
{
    /// <inheritdoc />
    public override string Name => "WECHATPAY2-SHA256-RSA2048";

    /// <inheritdoc />
    public override string FieldCipher => "RSA-OAEP";

    /// <inheritdoc />
    public override string AeadAlgorithm => "AEAD_AES_256_GCM";

    /// <inheritdoc />
    public override string? CertificateAlgorithmType => null;

    /// <inheritdoc />
    public override string? PaySignType => "RSA";

    /// <inheritdoc />
    public override string Open(string apiV3Key, string nonce, string associatedData, string ciphertextBase64) =>
        AesGcm256.Decrypt(apiV3Key, nonce, associatedData, ciphertextBase64);
}
