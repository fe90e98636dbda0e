using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using NUnit.Framework;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Crypto;

public sealed class Sm2KeyErrorTests
{
    private const string PrivateOption = "MerchantPrivateKey";
    private const string PublicOption = "PlatformPublicKey";
    private const string WrongPassphrase = "Tr0ub4dor&3-a-wrong-guess";
    private const string WeChatPayKeys = "WeChat Pay keys are RSA (2048 bits or more) or SM2";

    private static readonly BigInteger N = GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1).N;

    private static readonly Dictionary<string, Func<(string Pem, string? Passphrase)>> BrokenPrivate = new()
    {
        ["encrypted PKCS#8, no passphrase"] = () => (Sm2KeyInputs.Pbes2Pkcs8(), null),
        ["encrypted PKCS#8, empty passphrase"] = () => (Sm2KeyInputs.Pbes2Pkcs8(), string.Empty),
        ["encrypted PKCS#8, wrong passphrase"] = () => (Sm2KeyInputs.Pbes2Pkcs8(), WrongPassphrase),
        ["3DES-encrypted PKCS#8, wrong passphrase"] = () => (Sm2KeyInputs.EncryptedPkcs8(Pkcs8Generator.PbeWithShaAnd3KeyTripleDesCbc), WrongPassphrase),
        ["legacy encrypted SEC1, no passphrase"] = () => (Sm2KeyInputs.LegacyEncryptedSec1(), null),
        ["legacy encrypted SEC1, wrong passphrase"] = () => (Sm2KeyInputs.LegacyEncryptedSec1(), WrongPassphrase),
        ["an SM2 public key"] = () => (CryptoTestData.Text(SmTestData.MerchantPublicKey), null),
        ["an SM2 certificate"] = () => (CryptoTestData.Text(SmTestData.MerchantCertificate), null),
        ["damaged base64"] = () => (Sm2KeyInputs.MerchantPkcs8.Replace("MIGHAgEAMBMG", "MIGHAgEA!!MG"), null),
        ["truncated"] = () => (Sm2KeyInputs.MerchantPkcs8.Substring(0, 120), null),
        ["SEC1 carrying another key's public key"] = () => (Sm2KeyInputs.Sec1WithAnotherPublicKey(), null),
        ["SEC1 with the private number 0"] = () => (Sm2KeyInputs.Sec1WithNumber(BigInteger.Zero), null),
        ["SEC1 with the private number n - 1"] = () => (Sm2KeyInputs.Sec1WithNumber(N.Subtract(BigInteger.One)), null),
        ["a P-256 key (PKCS#8)"] = () => (P256().ExportPkcs8PrivateKeyPem(), null),
        ["a P-256 key (SEC1)"] = () => (P256().ExportECPrivateKeyPem(), null),
        ["an Ed25519 key"] = () => (Sm2KeyInputs.Ed25519Pkcs8(), null),
    };

    private static readonly Dictionary<string, Func<string>> BrokenPublic = new()
    {
        ["an SM2 private key"] = () => Sm2KeyInputs.MerchantPkcs8,
        ["an SM2 SEC1 private key"] = () => Sm2KeyInputs.Sec1(),
        ["a P-256 public key"] = () => P256().ExportSubjectPublicKeyInfoPem(),
        ["a point off the curve"] = () => CryptoTestData.Text(SmTestData.MerchantPublicKey).Replace("z18JlA==", "z18JlQ=="),
    };

    [TestCase("encrypted PKCS#8, no passphrase", "is encrypted: set MerchantPrivateKeyPassphrase")]
    [TestCase("encrypted PKCS#8, empty passphrase", "is encrypted: set MerchantPrivateKeyPassphrase")]
    [TestCase("encrypted PKCS#8, wrong passphrase", "wrong passphrase in MerchantPrivateKeyPassphrase")]
    [TestCase("3DES-encrypted PKCS#8, wrong passphrase", "wrong passphrase in MerchantPrivateKeyPassphrase")]
    [TestCase("legacy encrypted SEC1, no passphrase", "is encrypted: set MerchantPrivateKeyPassphrase")]
    [TestCase("legacy encrypted SEC1, wrong passphrase", "wrong passphrase in MerchantPrivateKeyPassphrase")]
    [TestCase("an SM2 public key", "a public key was given where a private key is needed")]
    [TestCase("an SM2 certificate", "a public key was given where a private key is needed")]
    [TestCase("damaged base64", "truncated or damaged")]
    [TestCase("truncated", "truncated or damaged")]
    [TestCase("SEC1 carrying another key's public key", "is damaged: the public key it carries does not match its SM2 private key")]
    [TestCase("SEC1 with the private number 0", "is damaged: its SM2 private number is out of range")]
    [TestCase("SEC1 with the private number n - 1", "is damaged: its SM2 private number is out of range")]
    [TestCase("a P-256 key (PKCS#8)", "is an EC key on the curve P-256 (1.2.840.10045.3.1.7), not an SM2 key: " + WeChatPayKeys)]
    [TestCase("a P-256 key (SEC1)", "is an EC key on the curve P-256 (1.2.840.10045.3.1.7), not an SM2 key: " + WeChatPayKeys)]
    [TestCase("an Ed25519 key", "is an Ed25519 key, not an RSA or SM2 key: " + WeChatPayKeys)]
    public void A_broken_SM2_private_key_is_an_ArgumentException_naming_the_option_without_key_material(string input, string expected)
    {
        (string pem, string? passphrase) = BrokenPrivate[input]();

        ArgumentException? ex = Assert.Throws<ArgumentException>(() => Keys.LoadSigningKey(pem, passphrase, PrivateOption));

        AssertClean(ex!, PrivateOption, expected, pem, passphrase);
    }

    [TestCase("an SM2 private key", "a private key was given where a certificate or public key is needed")]
    [TestCase("an SM2 SEC1 private key", "a private key was given where a certificate or public key is needed")]
    [TestCase("a P-256 public key", "is an EC key on the curve P-256 (1.2.840.10045.3.1.7), not an SM2 key: " + WeChatPayKeys)]
    [TestCase("a point off the curve", "truncated or damaged")]
    public void A_broken_SM2_public_key_is_an_ArgumentException_naming_the_option_without_key_material(string input, string expected)
    {
        string pem = BrokenPublic[input]();

        ArgumentException? ex = Assert.Throws<ArgumentException>(() => Keys.LoadVerifyingKey(pem, PublicOption));

        AssertClean(ex!, PublicOption, expected, pem, null);
    }

    [Test]
    public void The_RSA_loaders_still_call_an_SM2_key_an_EC_key_not_an_RSA_key()
    {
        ArgumentException? privateError = Assert.Throws<ArgumentException>(() => RsaPrivateKey.Load(Sm2KeyInputs.MerchantPkcs8, null, PrivateOption));
        ArgumentException? sec1Error = Assert.Throws<ArgumentException>(() => RsaPrivateKey.Load(Sm2KeyInputs.Sec1(), null, PrivateOption));
        ArgumentException? publicError = Assert.Throws<ArgumentException>(
            () => RsaPublicKey.Load(CryptoTestData.Text(SmTestData.PlatformCertificate), PublicOption));

        Assert.That(privateError!.Message, Does.Contain("is an EC key, not an RSA key"));
        Assert.That(sec1Error!.Message, Does.Contain("is an EC key, not an RSA key"));
        Assert.That(publicError!.Message, Does.Contain("is an EC key, not an RSA key"));
    }

    [Test]
    public void The_SM2_loaders_refuse_RSA_keys_by_name()
    {
        ArgumentException? privateError = Assert.Throws<ArgumentException>(
            () => Sm2PrivateKey.Load(CryptoTestData.Text(CryptoTestData.MerchantKeyPkcs8), null, PrivateOption));
        ArgumentException? publicError = Assert.Throws<ArgumentException>(
            () => Sm2PublicKey.Load(CryptoTestData.Text(CryptoTestData.PlatformCertificate), PublicOption));

        AssertClean(privateError!, PrivateOption, "is an RSA key, not an SM2 key", CryptoTestData.Text(CryptoTestData.MerchantKeyPkcs8), null);
        AssertClean(publicError!, PublicOption, "is an RSA key, not an SM2 key", CryptoTestData.Text(CryptoTestData.PlatformCertificate), null);
    }

    [Test]
    public void The_P256_message_says_which_keys_WeChat_Pay_takes()
    {
        ArgumentException? ex = Assert.Throws<ArgumentException>(() => Keys.LoadSigningKey(P256().ExportPkcs8PrivateKeyPem(), null, PrivateOption));

        Assert.That(ex!.Message, Does.StartWith(
            "MerchantPrivateKey is an EC key on the curve P-256 (1.2.840.10045.3.1.7), not an SM2 key: WeChat Pay keys are RSA "
            + "(2048 bits or more) or SM2 (国密, EC on the curve SM2, OID 1.2.156.10197.1.301)."));
    }

    private static ECDsa P256() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private static void AssertClean(ArgumentException ex, string option, string expected, string pem, string? passphrase)
    {
        string everything = ex.ToString();
        string body = Sm2KeyInputs.BodyText(pem);
        Assert.Multiple(() =>
        {
            Assert.That(ex.ParamName, Is.EqualTo(option));
            Assert.That(ex.Message, Does.StartWith(option));
            Assert.That(ex.Message, Does.Contain(expected));
            Assert.That(ex.InnerException, Is.Null);
            for (int i = 0; i + 12 <= body.Length; i += 6)
            {
                Assert.That(everything, Does.Not.Contain(body.Substring(i, 12)), "the error echoes key material");
            }
            if (!string.IsNullOrEmpty(passphrase))
            {
                Assert.That(everything, Does.Not.Contain(passphrase), "the error echoes the passphrase");
            }
        });
    }
}
