using System;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;

namespace WeChatPay.Chain.Sandbox;

/// <content>
/// The TLS address: a second listener on 127.0.0.1 with a server certificate from a throw-away authority
/// made at start, asking every connection for a client certificate. The APIv2 operations that need the merchant's client
/// certificate (the catalog's <c>security</c> ones) are served there, with the merchant API certificate the same authority
/// issued; on <see cref="BaseUrl"/> (plain HTTP) they answer <c>CA_ERROR</c>. Trusting the authority is the test's own
/// handler (<see cref="CreateTrustingHandler"/>): the client has no switch that weakens its server validation.
/// </content>
public sealed partial class WeChatPaySandbox
{
    private readonly SandboxTls _tls;
    private readonly bool _ownsTls;

    /// <summary>The sandbox's HTTPS address, e.g. <c>https://127.0.0.1:53118/</c>.</summary>
    public string TlsBaseUrl { get; }

    /// <summary>The throw-away certificate authority of <see cref="TlsBaseUrl"/> (public part): it issued the server certificate and <see cref="MerchantCertificatePem"/>.</summary>
    public X509Certificate2 CertificateAuthority => _tls.Authority;

    /// <summary>
    /// The merchant API certificate (<c>apiclient_cert.pem</c>) issued by <see cref="CertificateAuthority"/>: for the merchant
    /// key in an RSA sandbox; in a 国密 sandbox, whose merchant key is SM2, an RSA certificate with a key of its own (as a 国密
    /// merchant's APIv2 certificate is), which <see cref="TlsClientOptions"/> gives as a <c>.p12</c> file.
    /// </summary>
    public string MerchantCertificatePem => _tls.MerchantPem;

    /// <summary>
    /// An HTTP handler that trusts <see cref="CertificateAuthority"/> and nothing else (the server's chain, name and dates
    /// are checked as for any server), presenting the merchant API certificate when asked to. The sandbox disposes it.
    /// </summary>
    /// <param name="presentMerchantCertificate">Present the merchant API certificate on every connection.</param>
    public HttpMessageHandler CreateTrustingHandler(bool presentMerchantCertificate = false) => _tls.Handler(presentMerchantCertificate);

    /// <summary>
    /// <see cref="ClientOptions"/> for <see cref="TlsBaseUrl"/>: <see cref="WeChatPayOptions.MerchantCertificate"/> is
    /// <see cref="MerchantCertificatePem"/> (in a 国密 sandbox, the path of that certificate with its own key as a <c>.p12</c>
    /// file whose password is the merchant id, deleted when the sandbox stops), <see cref="WeChatPayOptions.HttpMessageHandler"/>
    /// a handler that trusts the sandbox's authority, and <see cref="WeChatPayOptions.CertificateHttpMessageHandler"/> one
    /// that also presents the certificate, which the client sends its <c>security</c> operations through. A new object on every call.
    /// </summary>
    public WeChatPayOptions TlsClientOptions()
    {
        var options = ClientOptions();
        options.BaseUrl = TlsBaseUrl;
        options.MerchantCertificate = Scheme == SandboxScheme.Sm ? _tls.MerchantPkcs12File(_keys.MerchantId) : _tls.MerchantPem;
        options.HttpMessageHandler = _tls.Handler(presentMerchantCertificate: false);
        options.CertificateHttpMessageHandler = _tls.Handler(presentMerchantCertificate: true);
        return options;
    }
}
