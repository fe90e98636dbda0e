using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// The merchant API certificate as the TLS client certificate of APIv2's <c>security</c> operations: read from a PKCS#12 file
/// (<c>apiclient_cert.p12</c>, with its own key) or from PEM (<c>apiclient_cert.pem</c>, whose key is the merchant key), and
/// checked before the client is used: it carries a private key, that key is the merchant key, and it is valid now.
/// </summary>
internal static class MerchantCertificate
{
    private const string Option = nameof(WeChatPayOptions.MerchantCertificate);
    private const string PasswordOption = nameof(WeChatPayOptions.MerchantCertificatePassword);
#if NETSTANDARD2_0
    private const X509KeyStorageFlags EphemeralKeySet = (X509KeyStorageFlags)32; // the value .NET Core defines; netstandard2.0 does not name it
#else
    private const X509KeyStorageFlags EphemeralKeySet = X509KeyStorageFlags.EphemeralKeySet;
#endif
    private const string CertificateMarker = "-----BEGIN CERTIFICATE-----";

    /// <summary>Loads and checks the certificate.</summary>
    /// <param name="textOrPath">PEM text, or the path of a PEM or PKCS#12 file.</param>
    /// <param name="password">The PKCS#12 password; null for the merchant id (WeChat Pay's default for apiclient_cert.p12).</param>
    /// <param name="merchantId">The merchant id.</param>
    /// <param name="merchantKey">The merchant key, which must be the certificate's (an SM2 merchant's RSA certificate comes with its own key in a .p12).</param>
    /// <param name="now">The time the certificate must be valid at.</param>
    /// <exception cref="ArgumentException">The value is unusable; the message says what to fix and shows no key or password.</exception>
    public static X509Certificate2 Load(string textOrPath, string? password, string merchantId, SigningKey merchantKey, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(textOrPath))
            throw new ArgumentException($"{Option} is empty: give the path of apiclient_cert.p12, or apiclient_cert.pem's text or path, or leave it null.", Option);
        X509Certificate2 certificate;
        if (textOrPath.IndexOf(CertificateMarker, StringComparison.Ordinal) >= 0)
        {
            certificate = FromPem(textOrPath, merchantKey);
        }
        else
        {
            var bytes = ReadFile(textOrPath.Trim());
            certificate = LooksLikePem(bytes) ? FromPem(Encoding.UTF8.GetString(bytes), merchantKey) : FromPkcs12(bytes, password ?? merchantId, password is null);
        }
        try
        {
            Check(certificate, merchantKey, now);
            return certificate;
        }
        catch
        {
            certificate.Dispose();
            throw;
        }
    }

    private static void Check(X509Certificate2 certificate, SigningKey merchantKey, DateTimeOffset now)
    {
        if (!certificate.HasPrivateKey)
            throw new ArgumentException($"{Option} holds a certificate without its private key: give apiclient_cert.p12, or apiclient_cert.pem with the merchant key in MerchantPrivateKey.", Option);
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        if (notAfter <= now)
            throw new ArgumentException($"{Option} (serial {certificate.SerialNumber}) expired on {notAfter:yyyy-MM-dd}: download a new merchant API certificate in the merchant platform.", Option);
        if (notBefore > now)
            throw new ArgumentException($"{Option} (serial {certificate.SerialNumber}) is not valid before {notBefore:yyyy-MM-dd HH:mm} UTC: check the clock, or the certificate.", Option);
        if (merchantKey.Scheme != Scheme.Rsa) return; // an SM2 merchant's APIv2 certificate is RSA with a key of its own
        var pem = "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(certificate.RawData) + "\n-----END CERTIFICATE-----\n";
        if (!Keys.LoadVerifyingKey(pem, Option).SameKeyAs(merchantKey.PublicKey))
            throw new ArgumentException(
                $"{Option} (serial {certificate.SerialNumber}) is not the certificate of MerchantPrivateKey: give the apiclient_cert of the same merchant API certificate as apiclient_key.pem.", Option);
    }

    // apiclient_cert.pem: the certificate, paired in memory with the merchant key (as PKCS#12, which every platform's TLS takes).
    private static X509Certificate2 FromPem(string pem, SigningKey merchantKey)
    {
        if (merchantKey is not RsaPrivateKey rsa)
            throw new ArgumentException($"{Option} is PEM, whose key would be MerchantPrivateKey, an SM2 key: give the RSA merchant API certificate as apiclient_cert.p12 (it holds its own key).", Option);
        Org.BouncyCastle.X509.X509Certificate parsed;
        try
        {
            parsed = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(Encoding.ASCII.GetBytes(pem.Replace("\\n", "\n")))
                ?? throw new ArgumentException($"{Option} holds no certificate between its PEM lines.", Option);
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            throw new ArgumentException($"{Option} is not a readable PEM certificate (apiclient_cert.pem): {e.Message}", Option);
        }
        var store = new Pkcs12StoreBuilder()
            .SetKeyAlgorithm(PkcsObjectIdentifiers.PbeWithShaAnd3KeyTripleDesCbc)
            .SetCertAlgorithm(PkcsObjectIdentifiers.PbeWithShaAnd3KeyTripleDesCbc) // not RC2, which OpenSSL 3 no longer reads by default
            .Build();
        store.SetKeyEntry("merchant", new AsymmetricKeyEntry(rsa.Parameters()), new[] { new X509CertificateEntry(parsed) });
        var password = Nonce.Create();
        using var bundle = new MemoryStream();
        store.Save(bundle, password.ToCharArray(), new SecureRandom());
        return FromPkcs12(bundle.ToArray(), password, defaultPassword: false);
    }

    private static X509Certificate2 FromPkcs12(byte[] bytes, string password, bool defaultPassword)
    {
        // Kept in memory on Linux; elsewhere the platform's TLS needs the key in its key store for the certificate's lifetime.
        var flags = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? EphemeralKeySet : X509KeyStorageFlags.DefaultKeySet;
        try
        {
#pragma warning disable SYSLIB0057 // X509CertificateLoader is net9+; this library targets netstandard2.0 and net8.0
            return new X509Certificate2(bytes, password, flags);
#pragma warning restore SYSLIB0057
        }
        catch (CryptographicException)
        {
            throw new ArgumentException(defaultPassword
                ? $"{Option} could not be opened with the merchant id, WeChat Pay's password of apiclient_cert.p12: give {PasswordOption}, or check that it is the PKCS#12 file (apiclient_cert.p12) or the PEM certificate."
                : $"{Option} could not be opened with {PasswordOption}: check the password, and that it is the PKCS#12 file (apiclient_cert.p12) or the PEM certificate.", Option);
        }
    }

    private static byte[] ReadFile(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new ArgumentException($"{Option} is neither PEM text nor the path of an existing file ('{path}' was not found): give apiclient_cert.p12's path, or apiclient_cert.pem's text or path.", Option);
        return KeyFile.ReadBytes(path, Option);
    }

    private static bool LooksLikePem(byte[] bytes) => Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 4096)).IndexOf(CertificateMarker, StringComparison.Ordinal) >= 0;
}
