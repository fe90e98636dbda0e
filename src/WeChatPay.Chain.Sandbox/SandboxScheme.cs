namespace WeChatPay.Chain.Sandbox;

/// <summary>Which of WeChat Pay's two signature schemes the sandbox's merchant uses, as WeChat Pay enables one per merchant.</summary>
public enum SandboxScheme
{
    /// <summary><c>WECHATPAY2-SHA256-RSA2048</c>: RSA-2048 keys, SHA256withRSA signatures, RSA-OAEP fields, AEAD_AES_256_GCM (the default).</summary>
    Rsa = 0,

    /// <summary>国密 <c>WECHATPAY2-SM2-WITH-SM3</c>: SM2 keys, SM2-with-SM3 signatures, SM2-encrypted fields, AEAD_SM4_GCM.</summary>
    Sm = 1,
}
