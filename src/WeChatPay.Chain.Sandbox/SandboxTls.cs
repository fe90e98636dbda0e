using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// The sandbox's TLS, made at start with .NET's certificate code (never the client's): a throw-away certificate authority,
/// the server certificate it issues for 127.0.0.1, and the merchant API certificate it issues for the merchant's RSA key
/// (as WeChat Pay's CA issues <c>apiclient_cert</c>). The TLS listener asks every connection for a client certificate;
/// the APIv2 <c>security</c> operations require the merchant's.
/// </summary>
internal sealed class SandboxTls : IDisposable
{
    private readonly RSA _merchantPublic;
    private readonly List<HttpMessageHandler> _handlers = new();
    private string? _p12;

    private SandboxTls(X509Certificate2 authority, X509Certificate2 server, X509Certificate2 merchant, RSA merchantPublic)
    {
        Authority = authority;
        Server = server;
        Merchant = merchant;
        _merchantPublic = merchantPublic;
    }

    /// <summary>The certificate authority (public part): the only root the sandbox's handlers trust.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The server certificate, with its key, for 127.0.0.1 and localhost.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>The merchant API certificate, with the merchant key.</summary>
    public X509Certificate2 Merchant { get; }

    /// <summary>The merchant API certificate as PEM (apiclient_cert.pem): its key is the merchant private key (RSA merchants).</summary>
    public string MerchantPem => Merchant.ExportCertificatePem();

    /// <summary>
    /// The merchant API certificate with its key as an <c>apiclient_cert.p12</c> file protected by <paramref name="password"/>,
    /// written once to a folder of its own and deleted with this object.
    /// </summary>
    public string MerchantPkcs12File(string password)
    {
        lock (_handlers)
        {
            if (_p12 is not null) return _p12;
            var folder = Directory.CreateTempSubdirectory("wxpay-sandbox-").FullName;
            var path = Path.Combine(folder, "apiclient_cert.p12");
            File.WriteAllBytes(path, Merchant.Export(X509ContentType.Pkcs12, password));
            return _p12 = path;
        }
    }

    /// <summary>
    /// Makes the authority and its two certificates, each valid from a day before its "now" for a year: the server's by the
    /// machine's clock (the client's TLS checks it so), the merchant's by the sandbox clock <paramref name="sandboxNow"/> (the
    /// client checks its own certificate by its clock, the sandbox's).
    /// </summary>
    /// <param name="merchantId">The merchant id.</param>
    /// <param name="merchantSerial">The merchant serial, the merchant certificate's.</param>
    /// <param name="merchantPrivateKeyPem">The merchant's RSA key; null for a 国密 merchant, whose APIv2 certificate is RSA with a key of its own (made here).</param>
    /// <param name="sandboxNow">The sandbox clock's now.</param>
    public static SandboxTls Create(string merchantId, string merchantSerial, string? merchantPrivateKeyPem, DateTimeOffset sandboxNow)
    {
        var machineNow = TimeProvider.System.GetUtcNow(); // TLS peers check certificates by the machine clock, not the sandbox clock
        var from = (sandboxNow < machineNow ? sandboxNow : machineNow).AddDays(-2);
        var to = (sandboxNow > machineNow ? sandboxNow : machineNow).AddYears(1).AddDays(2);
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=WeChat Pay sandbox CA (throw-away), O=WeChatPay.Chain.Sandbox", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var authorityWithKey = authorityRequest.CreateSelfSigned(from, to);
        var authority = X509CertificateLoader.LoadCertificate(authorityWithKey.RawData);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        using var serverPublic = serverRequest.Create(authorityWithKey, machineNow.AddDays(-1), machineNow.AddYears(1), Serial());
        var server = serverPublic.CopyWithPrivateKey(serverKey);

        var merchantKey = RSA.Create(2048);
        if (merchantPrivateKeyPem is not null) merchantKey.ImportFromPem(merchantPrivateKeyPem);
        var merchantRequest = new CertificateRequest($"CN=商户证书 {merchantId}, OU={merchantId}, O=WeChat Pay sandbox merchant", merchantKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        merchantRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") }, false));
        using var merchantPublic = merchantRequest.Create(authorityWithKey.SubjectName, X509SignatureGenerator.CreateForECDsa(authorityKey), // an RSA key under an ECDSA authority
            sandboxNow.AddDays(-1), sandboxNow.AddYears(1), SerialOf(merchantSerial));
        var merchant = merchantPublic.CopyWithPrivateKey(merchantKey);
        var publicOnly = RSA.Create();
        publicOnly.ImportParameters(merchantKey.ExportParameters(false));
        merchantKey.Dispose();
        return new SandboxTls(authority, server, merchant, publicOnly);
    }

    /// <summary>Whether <paramref name="presented"/> is the merchant API certificate this authority issued (chain and key both checked).</summary>
    public bool IsMerchant(X509Certificate2? presented)
    {
        if (presented is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTimeIgnored = true; // the sandbox clock may be another time than the machine's
        if (!chain.Build(presented)) return false;
        using var key = presented.GetRSAPublicKey();
        if (key is null) return false;
        var theirs = key.ExportParameters(false);
        var ours = _merchantPublic.ExportParameters(false);
        return CryptographicOperations.FixedTimeEquals(theirs.Modulus, ours.Modulus) && CryptographicOperations.FixedTimeEquals(theirs.Exponent, ours.Exponent);
    }

    /// <summary>
    /// A handler that trusts this authority alone (the chain, the name 127.0.0.1 and the dates are checked as for any
    /// server), presenting the merchant certificate when <paramref name="presentMerchantCertificate"/>. Disposed with the sandbox.
    /// </summary>
    public HttpMessageHandler Handler(bool presentMerchantCertificate)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustsServer(certificate, errors);
        if (presentMerchantCertificate) handler.SslOptions.ClientCertificates = new X509CertificateCollection { Merchant };
        lock (_handlers) _handlers.Add(handler);
        return handler;
    }

    private bool TrustsServer(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(server);
    }

    // The merchant API certificate's serial is the one the merchant signs v3 requests under (serial_no).
    private static byte[] SerialOf(string hex)
    {
        try
        {
            var serial = Convert.FromHexString(hex);
            if (serial.Length is > 0 and <= 20 && serial[0] < 0x80) return serial;
        }
        catch (FormatException)
        {
            // a made-up serial of another shape: a random one
        }
        return Serial();
    }

    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }

    public void Dispose()
    {
        lock (_handlers)
        {
            foreach (var handler in _handlers) handler.Dispose();
            _handlers.Clear();
        }
        if (_p12 is not null) Directory.Delete(Path.GetDirectoryName(_p12)!, recursive: true);
        Authority.Dispose();
        Server.Dispose();
        Merchant.Dispose();
        _merchantPublic.Dispose();
    }
}
