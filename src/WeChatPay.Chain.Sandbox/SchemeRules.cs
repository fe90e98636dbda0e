namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// What differs between the sandbox's two schemes beyond the keys (which sign, verify, encrypt and decrypt by their own
/// scheme): the name on requests and answers, the AEAD of callbacks and certificates, the certificate <c>algorithm_type</c>,
/// and how error messages name the field cipher.
/// </summary>
internal sealed class SchemeRules
{
    /// <summary><c>WECHATPAY2-SHA256-RSA2048</c>.</summary>
    public static readonly SchemeRules Rsa = new(SandboxScheme.Rsa, SignedMessage.Scheme, "AEAD_AES_256_GCM", "RSA", "RSA-OAEP with SHA-1, base64");

    /// <summary>国密 <c>WECHATPAY2-SM2-WITH-SM3</c>.</summary>
    public static readonly SchemeRules Sm = new(SandboxScheme.Sm, SignedMessage.SmScheme, SandboxSm4Gcm.Algorithm, "SM2",
        "SM2 C1C3C2 with SM3 in ASN.1 DER, base64");

    private SchemeRules(SandboxScheme scheme, string name, string aead, string certificateAlgorithmType, string fieldCipher)
    {
        Scheme = scheme;
        Name = name;
        Aead = aead;
        CertificateAlgorithmType = certificateAlgorithmType;
        FieldCipher = fieldCipher;
    }

    /// <summary>The public name of the scheme.</summary>
    public SandboxScheme Scheme { get; }

    /// <summary>The name in <c>Authorization</c> and <c>Wechatpay-Signature-Type</c>.</summary>
    public string Name { get; }

    /// <summary>The <c>algorithm</c> of callback resources and encrypted certificates.</summary>
    public string Aead { get; }

    /// <summary>The <c>algorithm_type</c> of <c>GET v3/certificates</c> that lists this scheme's certificates.</summary>
    public string CertificateAlgorithmType { get; }

    /// <summary>How sensitive fields are encrypted, for error messages.</summary>
    public string FieldCipher { get; }

    /// <summary>The rules of a scheme.</summary>
    public static SchemeRules For(SandboxScheme scheme) => scheme == SandboxScheme.Sm ? Sm : Rsa;

    /// <summary>Encrypts a callback resource or a certificate with the APIv3 key by <see cref="Aead"/>: base64 of ciphertext‖tag.</summary>
    public string Seal(string apiV3Key, string nonce, string associatedData, string plaintext) =>
        Scheme == SandboxScheme.Sm
            ? SandboxSm4Gcm.Encrypt(apiV3Key, nonce, associatedData, plaintext)
            : SignedMessage.AesGcmEncrypt(apiV3Key, nonce, associatedData, plaintext);
}
