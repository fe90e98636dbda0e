using System;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// SM2 platform certificates, on BouncyCastle: self-signed ones (SM3withSM2, under the distinguishing ID
/// <c>1234567812345678</c>, BouncyCastle's default) and given ones read into a platform identity.
/// </summary>
internal static class SandboxSm2Certificate
{
    private const string Subject = "CN=WeChat Pay Sandbox Platform SM2,OU=WeChatPay.Chain Sandbox (throw-away),O=WeChatPay.Chain,C=CN";

    /// <summary>A self-signed certificate over <paramref name="key"/> with the given serial, valid from <paramref name="start"/> for five years, as PEM.</summary>
    public static string SelfSigned(SandboxSm2 key, byte[] serial, DateTimeOffset start)
    {
        var name = new X509Name(Subject);
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(new BigInteger(1, serial));
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        generator.SetNotBefore(start.UtcDateTime);
        generator.SetNotAfter(start.AddYears(5).UtcDateTime);
        generator.SetPublicKey(key.Public);
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment | KeyUsage.DataEncipherment));
        var certificate = generator.Generate(new Asn1SignatureFactory("SM3WITHSM2", key.Private, new SecureRandom()));
        return new string(PemEncoding.Write("CERTIFICATE", certificate.GetEncoded()));
    }

    /// <summary>A certificate-mode identity: the certificate must be an SM2 one certifying <paramref name="key"/>; its serial (upper-case hex, no leading zeros) is the id.</summary>
    /// <exception cref="ArgumentException">It holds no certificate, or one that does not certify the key.</exception>
    public static PlatformIdentity Identity(string certificatePem, SandboxSm2 key)
    {
        X509Certificate? certificate;
        try
        {
            certificate = new X509CertificateParser().ReadCertificate(System.Text.Encoding.ASCII.GetBytes(certificatePem));
        }
        catch (Exception e) when (e is System.IO.IOException || e is ArgumentException || e is GeneralSecurityException || e is InvalidCastException)
        {
            certificate = null;
        }
        if (certificate is null)
            throw new ArgumentException("PlatformCertificate holds no X.509 certificate.", nameof(SandboxOptions.PlatformCertificate));
        var certified = SandboxSm2.FromPublic(certificate.GetPublicKey());
        if (certified is null || !key.SameKeyAs(certified))
            throw new ArgumentException("PlatformCertificate does not certify PlatformPrivateKey (an SM2 key in SandboxScheme.Sm).", nameof(SandboxOptions.PlatformCertificate));
        return new PlatformIdentity(certificate.SerialNumber.ToString(16).ToUpperInvariant(), certificatePem, key, certificatePem,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero), new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
    }
}
