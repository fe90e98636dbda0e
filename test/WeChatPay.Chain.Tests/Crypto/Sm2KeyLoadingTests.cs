using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using NUnit.Framework;
using Org.BouncyCastle.OpenSsl;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Crypto;

public sealed class Sm2KeyLoadingTests
{
    private const string PrivateOption = "MerchantPrivateKey";
    private const string PublicOption = "PlatformPublicKey";

    private string tempDirectory = null!;

    public static IEnumerable<TestCaseData> PrivateForms()
    {
        yield return new TestCaseData("PKCS#8", null).SetArgDisplayNames("PKCS#8");
        yield return new TestCaseData("SEC1", null).SetArgDisplayNames("SEC1");
        yield return new TestCaseData("SEC1 without its public key", null).SetArgDisplayNames("SEC1 without its public key");
        yield return new TestCaseData("encrypted PKCS#8 (PBES2 AES-256-CBC)", Sm2KeyInputs.Passphrase).SetArgDisplayNames("encrypted PKCS#8 (PBES2 AES-256-CBC)");
        yield return new TestCaseData("encrypted PKCS#8 (PBE-SHA1-3DES)", Sm2KeyInputs.Passphrase).SetArgDisplayNames("encrypted PKCS#8 (PBE-SHA1-3DES)");
        yield return new TestCaseData("legacy encrypted SEC1", Sm2KeyInputs.Passphrase).SetArgDisplayNames("legacy encrypted SEC1");
        yield return new TestCaseData("PKCS#8 on one line with literal \\n", null).SetArgDisplayNames("PKCS#8 on one line with literal \\n");
    }

    internal static string PrivateInput(string form) => form switch
    {
        "PKCS#8" => Sm2KeyInputs.MerchantPkcs8,
        "SEC1" => Sm2KeyInputs.Sec1(),
        "SEC1 without its public key" => Sm2KeyInputs.Sec1(withPublicKey: false),
        "encrypted PKCS#8 (PBES2 AES-256-CBC)" => Sm2KeyInputs.Pbes2Pkcs8(),
        "encrypted PKCS#8 (PBE-SHA1-3DES)" => Sm2KeyInputs.EncryptedPkcs8(Pkcs8Generator.PbeWithShaAnd3KeyTripleDesCbc),
        "legacy encrypted SEC1" => Sm2KeyInputs.LegacyEncryptedSec1(),
        "PKCS#8 on one line with literal \\n" => Sm2KeyInputs.MerchantPkcs8.Replace("\n", "\\n"),
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    [OneTimeSetUp]
    public void MakeDirectory()
    {
        tempDirectory = Path.Combine(Path.GetTempPath(), "wechatpay-chain-sm2-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(tempDirectory);
    }

    [OneTimeTearDown]
    public void RemoveDirectory() => Directory.Delete(tempDirectory, recursive: true);

    [TestCaseSource(nameof(PrivateForms))]
    public void Every_SM2_private_key_form_loads_from_text_and_from_a_path_as_the_merchant_key(string form, string? passphrase)
    {
        string pem = PrivateInput(form);
        string path = Path.Combine(tempDirectory, Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, pem);
        VerifyingKey merchantPublic = Keys.LoadVerifyingKey(CryptoTestData.PathOf(SmTestData.MerchantPublicKey), PublicOption);
        byte[] message = Encoding.UTF8.GetBytes("GET\n/v3/certificates?algorithm_type=SM2\n1763802100\nnonce\n\n");

        foreach (string input in new[] { pem, path })
        {
            SigningKey key = Keys.LoadSigningKey(input, passphrase, PrivateOption);

            Assert.That(key, Is.InstanceOf<Sm2PrivateKey>());
            Assert.That(key.Scheme, Is.SameAs(Scheme.Sm));
            Assert.That(key.PublicKey.SameKeyAs(merchantPublic), Is.True);
            Assert.That(merchantPublic.Verify(message, key.Sign(message)), Is.True);
        }
    }

    [TestCase(SmTestData.PlatformPublicKey)]
    [TestCase(SmTestData.PlatformCertificate)]
    [TestCase("spki with the SM2 OID as algorithm")]
    public void Every_SM2_public_key_form_loads_as_an_SM2_key(string input)
    {
        string pem = input.StartsWith("keys/", StringComparison.Ordinal) ? CryptoTestData.Text(input) : Sm2KeyInputs.SpkiWithSm2Algorithm();

        VerifyingKey key = Keys.LoadVerifyingKey(pem, PublicOption);

        Assert.That(key, Is.InstanceOf<Sm2PublicKey>());
        Assert.That(key.Scheme, Is.SameAs(Scheme.Sm));
    }

    [Test]
    public void The_SM2_OID_as_algorithm_names_the_same_key()
    {
        VerifyingKey plain = Keys.LoadVerifyingKey(CryptoTestData.PathOf(SmTestData.MerchantPublicKey), PublicOption);

        Assert.That(Keys.LoadVerifyingKey(Sm2KeyInputs.SpkiWithSm2Algorithm(), PublicOption).SameKeyAs(plain), Is.True);
    }

    [Test]
    public void The_platform_certificate_gives_the_vector_serial_and_its_validity()
    {
        VerifyingKey certificate = Keys.LoadVerifyingKey(CryptoTestData.PathOf(SmTestData.PlatformCertificate), PublicOption);

        Assert.That(certificate.CertificateSerial, Is.EqualTo(SmTestData.PlatformSerial));
        Assert.That(certificate.NotBefore, Is.EqualTo(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(certificate.NotAfter, Is.EqualTo(new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(certificate.ToString(), Is.EqualTo("SM2 certificate " + SmTestData.PlatformSerial));
    }

    [Test]
    public void The_merchant_certificate_gives_the_merchant_serial_and_a_bare_key_none()
    {
        VerifyingKey certificate = Keys.LoadVerifyingKey(CryptoTestData.PathOf(SmTestData.MerchantCertificate), PublicOption);
        VerifyingKey bare = Keys.LoadVerifyingKey(CryptoTestData.PathOf(SmTestData.MerchantPublicKey), PublicOption);

        Assert.That(certificate.CertificateSerial, Is.EqualTo(SmTestData.MerchantSerial));
        Assert.That(bare.CertificateSerial, Is.Null);
        Assert.That(bare.NotBefore, Is.Null);
        Assert.That(bare.NotAfter, Is.Null);
    }

    [Test]
    public void SameKeyAs_tells_the_merchant_key_from_the_platform_key_and_from_RSA_keys()
    {
        VerifyingKey merchant = Keys.LoadVerifyingKey(CryptoTestData.PathOf(SmTestData.MerchantPublicKey), PublicOption);
        VerifyingKey merchantCertificate = Keys.LoadVerifyingKey(CryptoTestData.PathOf(SmTestData.MerchantCertificate), PublicOption);
        VerifyingKey platform = Keys.LoadVerifyingKey(CryptoTestData.PathOf(SmTestData.PlatformCertificate), PublicOption);
        VerifyingKey rsa = Keys.LoadVerifyingKey(CryptoTestData.PathOf(CryptoTestData.PlatformCertificate), PublicOption);
        SigningKey merchantPrivate = Keys.LoadSigningKey(CryptoTestData.PathOf(SmTestData.MerchantKey), null, PrivateOption);

        Assert.That(merchant.SameKeyAs(merchantCertificate), Is.True);
        Assert.That(merchantPrivate.PublicKey.SameKeyAs(merchant), Is.True);
        Assert.That(merchant.SameKeyAs(platform), Is.False);
        Assert.That(merchantPrivate.PublicKey.SameKeyAs(platform), Is.False);
        Assert.That(platform.SameKeyAs(rsa), Is.False);
        Assert.That(rsa.SameKeyAs(platform), Is.False);
    }

    [Test]
    public void Keys_loads_RSA_keys_as_RSA_keys_of_the_RSA_scheme()
    {
        SigningKey rsaPrivate = Keys.LoadSigningKey(CryptoTestData.PathOf(CryptoTestData.MerchantKeyPkcs8), null, PrivateOption);
        SigningKey rsaPkcs1 = Keys.LoadSigningKey(CryptoTestData.PathOf(CryptoTestData.MerchantKeyPkcs1), null, PrivateOption);
        VerifyingKey rsaPublic = Keys.LoadVerifyingKey(CryptoTestData.PathOf(CryptoTestData.PlatformCertificate), PublicOption);

        Assert.That(rsaPrivate, Is.InstanceOf<RsaPrivateKey>());
        Assert.That(rsaPkcs1, Is.InstanceOf<RsaPrivateKey>());
        Assert.That(rsaPublic, Is.InstanceOf<RsaPublicKey>());
        Assert.That(rsaPrivate.Scheme, Is.SameAs(Scheme.Rsa));
        Assert.That(rsaPublic.CertificateSerial, Is.EqualTo(CryptoTestData.PlatformCertificateSerial));
    }

    [Test]
    public void Keys_loads_RSA_keys_on_the_BouncyCastle_path_too()
    {
        CryptoBackend.ForceBouncyCastle = true;
        try
        {
            Assert.That(Keys.LoadSigningKey(CryptoTestData.PathOf(CryptoTestData.MerchantKeyPkcs8), null, PrivateOption), Is.InstanceOf<RsaPrivateKey>());
            Assert.That(Keys.LoadVerifyingKey(CryptoTestData.PathOf(CryptoTestData.PlatformPublicKey), PublicOption), Is.InstanceOf<RsaPublicKey>());
        }
        finally
        {
            CryptoBackend.ForceBouncyCastle = false;
        }
    }

    [Test]
    public void A_passphrase_given_for_an_unencrypted_SM2_key_is_ignored()
    {
        Assert.That(Keys.LoadSigningKey(Sm2KeyInputs.MerchantPkcs8, "unused", PrivateOption), Is.InstanceOf<Sm2PrivateKey>());
    }
}
