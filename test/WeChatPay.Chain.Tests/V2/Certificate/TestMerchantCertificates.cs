using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.V2.Certificate;

/// <summary>Merchant API certificates made with .NET's own certificate code (not the client's), for the test merchant key or another.</summary>
internal static class TestMerchantCertificates
{
    /// <summary>A certificate of the test merchant key, valid from <paramref name="notBefore"/> (a day before the test clock's now) to <paramref name="notAfter"/> (a year after).</summary>
    public static X509Certificate2 ForMerchantKey(DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(TestData.MerchantKeyPath));
        return Make(rsa, notBefore, notAfter);
    }

    /// <summary>The PEM of one certificate of the test merchant key, made once.</summary>
    public static string MerchantPem => LazyPem.Value;

    private static readonly Lazy<string> LazyPem = new(() =>
    {
        using var certificate = ForMerchantKey();
        return Pem(certificate);
    });

    /// <summary>A certificate of a fresh key that is not the merchant's.</summary>
    public static X509Certificate2 ForAnotherKey(DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var rsa = RSA.Create(2048);
        return Make(rsa, notBefore, notAfter);
    }

    /// <summary>The certificate as a .p12 file protected by <paramref name="password"/>, written to a new temporary path.</summary>
    public static string P12File(X509Certificate2 certificate, string? password, bool withKey = true)
    {
        var path = Path.Combine(Path.GetTempPath(), "apiclient_cert-" + Guid.NewGuid().ToString("N") + ".p12");
        var bytes = withKey
            ? certificate.Export(X509ContentType.Pkcs12, password)
            : new X509Certificate2Collection(X509CertificateLoader.LoadCertificate(certificate.RawData)).Export(X509ContentType.Pkcs12, password)!;
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The certificate as PEM text (apiclient_cert.pem).</summary>
    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    private static X509Certificate2 Make(RSA rsa, DateTimeOffset? notBefore, DateTimeOffset? notAfter)
    {
        var request = new CertificateRequest("CN=" + TestData.MerchantId + ", O=WeChat Pay merchant (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var from = notBefore ?? TestClient.Now.AddDays(-1);
        var to = notAfter ?? TestClient.Now.AddYears(1);
        return request.CreateSelfSigned(from, to);
    }
}
