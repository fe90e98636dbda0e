using System;

namespace WeChatPay.Chain.Sandbox;

/// <summary>One platform key: its id, what a client configures for it, the private key, and in certificate mode the certificate.</summary>
internal sealed record PlatformIdentity(string Id, string PublicPem, SandboxKey Key, string? CertificatePem, DateTimeOffset? NotBefore, DateTimeOffset? NotAfter);
