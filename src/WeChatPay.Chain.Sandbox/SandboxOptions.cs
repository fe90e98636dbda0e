using System;
using Microsoft.Extensions.Logging;

namespace WeChatPay.Chain.Sandbox;

/// <summary>How to start a <see cref="WeChatPaySandbox"/>; every option has a working default.</summary>
public sealed class SandboxOptions
{
    /// <summary>The default merchant id.</summary>
    public const string DefaultMerchantId = "1900000001";

    /// <summary>Public-key mode (<c>PUB_KEY_ID_…</c>, the default) or platform-certificate mode.</summary>
    public KeyMode Mode { get; set; } = KeyMode.PublicKey;

    /// <summary>
    /// The merchant's signature scheme: <see cref="SandboxScheme.Rsa"/> (<c>WECHATPAY2-SHA256-RSA2048</c>, the default) or
    /// 国密 <see cref="SandboxScheme.Sm"/> (<c>WECHATPAY2-SM2-WITH-SM3</c>: SM2 keys and certificates, AEAD_SM4_GCM). The
    /// given keys and certificate must be of the scheme.
    /// </summary>
    public SandboxScheme Scheme { get; set; } = SandboxScheme.Rsa;

    /// <summary>The merchant id (<c>mchid</c>) requests must be signed for; <c>1900000001</c> unless set.</summary>
    public string MerchantId { get; set; } = DefaultMerchantId;

    /// <summary>
    /// The merchant private key (unencrypted PEM text or a PEM file path: RSA PKCS#1 or PKCS#8; SM2 PKCS#8 or SEC1 in
    /// <see cref="SandboxScheme.Sm"/>); generated (RSA-2048, or SM2) when null.
    /// </summary>
    public string? MerchantPrivateKey { get; set; }

    /// <summary>The merchant certificate serial (<c>serial_no</c>); 40 random hex digits when null.</summary>
    public string? MerchantSerialNumber { get; set; }

    /// <summary>The platform private key (unencrypted PEM text or a PEM file path, of the <see cref="Scheme"/> as the merchant key); generated when null.</summary>
    public string? PlatformPrivateKey { get; set; }

    /// <summary>
    /// The platform key id: a <c>PUB_KEY_ID_…</c> id in public-key mode, the certificate serial in certificate mode;
    /// generated (or read from <see cref="PlatformCertificate"/>) when null.
    /// </summary>
    public string? PlatformKeyId { get; set; }

    /// <summary>The platform certificate (PEM text or path) for certificate mode, SM2 in <see cref="SandboxScheme.Sm"/>; self-signed over the platform key when null.</summary>
    public string? PlatformCertificate { get; set; }

    /// <summary>The APIv3 key (32 characters) for certificates and callbacks; 32 random characters when null.</summary>
    public string? ApiV3Key { get; set; }

    /// <summary>The APIv2 key (32 printable ASCII characters) that signs v2 requests and answers; 32 random characters when null.</summary>
    public string? ApiV2Key { get; set; }

    /// <summary>The port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Receives one line per request and event, safe to show (names and statuses only); nothing is written anywhere when null.</summary>
    /// <remarks>Called from request threads, one call at a time.</remarks>
    public Action<string>? Log { get; set; }

    /// <summary>Receives the same lines as <see cref="Log"/> at Information level (errors of the sandbox itself at Error level).</summary>
    public ILogger? Logger { get; set; }

    /// <summary>The clock for the ±300 s window, the nonce window and answer timestamps; the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// Whether a query of an order or refund the sandbox never saw created or notified answers as WeChat Pay does: 404
    /// <c>ORDER_NOT_EXIST</c> (<c>GET v3/pay/transactions/…</c>) or 404 <c>RESOURCE_NOT_EXISTS</c>
    /// (<c>GET v3/refund/domestic/refunds/…</c>). False (the default): such a query answers a deterministic placeholder, so
    /// that any id answers. Orders and refunds the sandbox knows answer what it knows either way.
    /// </summary>
    public bool OrdersMustExist { get; set; }

    internal SandboxOptions Clone() => (SandboxOptions)MemberwiseClone();
}
