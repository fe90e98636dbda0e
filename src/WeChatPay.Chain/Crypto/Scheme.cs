namespace WeChatPay.Chain.Crypto;

/// <summary>
/// What differs between WeChat Pay's two signature schemes, <c>WECHATPAY2-SHA256-RSA2048</c> and 国密
/// <c>WECHATPAY2-SM2-WITH-SM3</c>, beyond the keys themselves (which sign, verify, encrypt and decrypt by their own
/// scheme): the name on requests and answers, the AEAD of callbacks and certificate downloads, and which platform
/// certificates to download. The call pipeline reads the same for both; nothing outside a scheme and its keys tells them apart.
/// </summary>
internal abstract class Scheme
{
    /// <summary>RSA: SHA256withRSA signatures, RSA-OAEP fields, AEAD_AES_256_GCM.</summary>
    public static readonly Scheme Rsa = new RsaScheme();

    /// <summary>国密: SM2-with-SM3 signatures, SM2 fields, AEAD_SM4_GCM.</summary>
    public static readonly Scheme Sm = new SmScheme();

    /// <summary>The name in <c>Authorization</c> and <c>Wechatpay-Signature-Type</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The cipher of sensitive fields, for messages: <c>RSA-OAEP</c> or <c>SM2</c>.</summary>
    public abstract string FieldCipher { get; }

    /// <summary>The <c>algorithm</c> of callback resources and encrypted certificates.</summary>
    public abstract string AeadAlgorithm { get; }

    /// <summary>The <c>algorithm_type</c> query of <c>GET v3/certificates</c>, or null for the default (RSA) certificates.</summary>
    public abstract string? CertificateAlgorithmType { get; }

    /// <summary>
    /// The <c>signType</c> of JSAPI and APP pay parameters signed with a key of this scheme, or null when WeChat Pay documents
    /// none (it documents <c>RSA</c> only).
    /// </summary>
    public abstract string? PaySignType { get; }

    /// <summary>Decrypts and authenticates a callback resource or an encrypted certificate (key: the APIv3 key, as the scheme documents).</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">It does not decrypt: wrong key, nonce, associated data, or altered data.</exception>
    public abstract string Open(string apiV3Key, string nonce, string associatedData, string ciphertextBase64);

    /// <summary>The scheme's name.</summary>
    public override string ToString() => Name;
}
