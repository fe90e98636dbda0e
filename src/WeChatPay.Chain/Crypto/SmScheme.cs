namespace WeChatPay.Chain.Crypto;

/// <summary>
/// 国密 <c>WECHATPAY2-SM2-WITH-SM3</c>: SM2 keys, AEAD_SM4_GCM with the key derived from the APIv3 key
/// (the first 16 bytes of its SM3 digest), SM2 platform certificates.
/// </summary>
internal sealed class SmScheme : Scheme
{
    /// <inheritdoc />
    public override string Name => "WECHATPAY2-SM2-WITH-SM3";

    /// <inheritdoc />
    public override string FieldCipher => "SM2";

    /// <inheritdoc />
    public override string AeadAlgorithm => "AEAD_SM4_GCM";

    /// <inheritdoc />
    public override string? CertificateAlgorithmType => "SM2";

    /// <inheritdoc />
    public override string? PaySignType => null;

    /// <inheritdoc />
    public override string Open(string apiV3Key, string nonce, string associatedData, string ciphertextBase64) =>
        Sm4Gcm.Decrypt(apiV3Key, nonce, associatedData, ciphertextBase64);
}
