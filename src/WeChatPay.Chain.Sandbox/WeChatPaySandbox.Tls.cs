using System;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;

namespace WeChatPay.Chain.Sandbox;

/// <content>
/// The TLS address (RSA sandboxes): a second listener on 127.0.0.1 with a server certificate from a throw-away authority
/// made at start, asking every connection for a client certificate. The APIv2 operations that need the merchant's client
/// certificate (the catalog's <c>security</c> ones) are served there, with the merchant API certificate the same authority
/// issued; on <see cref="BaseUrl"/> (plain HTTP) they answer <c>CA_ERROR</c>. Trusting the authority is the test's own
/// handler (<see cref="CreateTrustingHandler"/>): the client has no switch that weakens its server validation.
/// </content>
public sealed partial class WeChatPaySandbox
{
    private readonly SandboxTls? _tls;
    private readonly bool _ownsTls;

    /// <summary>The sandbox's HTTPS address, e.g. <c>https://127.0.0.1:53118/</c>; null for a 国密 sandbox (its keys are SM2, which TLS here cannot present).</summary>
    public string? TlsBaseUrl { get; }

    /// <summary>The throw-away certificate authority of <see cref="TlsBaseUrl"/> (public part): it issued the server certificate and <see cref="MerchantCertificatePem"/>.</summary>
    public X509Certificate2? CertificateAuthority => _tls?.Authority;

    /// <summary>The merchant API certificate (<c>apiclient_cert.pem</c>) for the merchant key, issued by <see cref="CertificateAuthority"/>; null for a 国密 sandbox.</summary>
    public string? MerchantCertificatePem => _tls?.MerchantPem;

    /// <summary>
    /// An HTTP handler that trusts <see cref="CertificateAuthority"/> and nothing else (the server's chain, name and dates
    /// are checked as for any server), presenting the merchant API certificate when asked to. The sandbox disposes it.
    /// </summary>
    /// <param name="presentMerchantCertificate">Present the merchant API certificate on every connection.</param>
    /// <exception cref="NotSupportedException">A 国密 sandbox, which has no TLS address.</exception>
    public HttpMessageHandler CreateTrustingHandler(bool presentMerchantCertificate = false) =>
        (_tls ?? throw NoTls()).Handler(presentMerchantCertificate);

    /// <summary>
    /// <see cref="ClientOptions"/> for <see cref="TlsBaseUrl"/>: <see cref="WeChatPayOptions.MerchantCertificate"/> is
    /// <see cref="MerchantCertificatePem"/>, <see cref="WeChatPayOptions.HttpMessageHandler"/> a handler that trusts the
    /// sandbox's authority, and <see cref="WeChatPayOptions.CertificateHttpMessageHandler"/> one that also presents the
    /// certificate, which the client sends its <c>security</c> operations through. A new object on every call.
    /// </summary>
    /// <exception cref="NotSupportedException">A 国密 sandbox, which has no TLS address.</exception>
    public WeChatPayOptions TlsClientOptions()
    {
        var tls = _tls ?? throw NoTls();
        var options = ClientOptions();
        options.BaseUrl = TlsBaseUrl!;
        options.MerchantCertificate = tls.MerchantPem;
        options.HttpMessageHandler = tls.Handler(presentMerchantCertificate: false);
        options.CertificateHttpMessageHandler = tls.Handler(presentMerchantCertificate: true);
        return options;
    }

    private static NotSupportedException NoTls() =>
        new("A 国密 sandbox has no TLS address: its merchant key is SM2, which .NET's TLS cannot present; use an RSA sandbox for the APIv2 operations that need the client certificate.");
}
