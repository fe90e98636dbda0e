namespace WeChatPay.Chain.Sandbox;

/// <summary>The checks the sandbox runs on each request, in order.</summary>
public enum SandboxCheck
{
    /// <summary>The method and path name a documented v3 operation (or, APIv2, the URL path a v2 operation the sandbox serves).</summary>
    Operation = 0,

    /// <summary>The <c>Authorization</c> header is present, uses the merchant's scheme (<c>WECHATPAY2-SHA256-RSA2048</c>, or <c>WECHATPAY2-SM2-WITH-SM3</c> in <see cref="SandboxScheme.Sm"/>) and holds the five fields once each.</summary>
    Authorization,

    /// <summary><c>mchid</c> is the sandbox merchant.</summary>
    MerchantId,

    /// <summary><c>serial_no</c> is the merchant certificate serial.</summary>
    SerialNumber,

    /// <summary><c>timestamp</c> is within ±300 s of the sandbox clock.</summary>
    Timestamp,

    /// <summary><c>signature</c> verifies with the merchant public key over the exact request line target and body bytes.</summary>
    Signature,

    /// <summary><c>nonce_str</c> was not used before within the replay window.</summary>
    Nonce,

    /// <summary>Required fields are present, JSON types and enum values are right (body and query).</summary>
    Parameters,

    /// <summary>Every sensitive field present decrypts with the platform private key and <c>Wechatpay-Serial</c> names that key.</summary>
    Encryption,

    /// <summary>
    /// APIv2 operations that need the merchant's client certificate: the TLS connection (<see cref="WeChatPaySandbox.TlsBaseUrl"/>)
    /// presented the merchant API certificate the sandbox's authority issued (<c>CA_ERROR</c> otherwise).
    /// </summary>
    ClientCertificate,
}
