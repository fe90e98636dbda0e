using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Crypto;

[TestFixtureSource(typeof(OnEachBackend), nameof(OnEachBackend.Backends))]
[NonParallelizable]
public sealed class OaepTests : OnEachBackend
{
    /// <summary>71 three-byte characters and one ASCII letter: 214 bytes of UTF-8, the OAEP-SHA1 limit of RSA-2048.</summary>
    private static readonly string MaxLengthPlaintext = new string('测', 71) + "A";

    public OaepTests(Backend backend)
        : base(backend)
    {
    }

    public static IEnumerable<TestCaseData> DecryptableVectors()
    {
        JsonElement root = CryptoTestData.Json("oaep.json");
        foreach (string group in new[] { "platform", "merchant" })
        {
            string keyFile = root.GetProperty("keys").GetProperty(group).String("private_key");
            foreach (JsonElement c in root.GetProperty(group).EnumerateArray())
            {
                yield return new TestCaseData(keyFile, c.String("ciphertext"), c.String("plaintext"))
                    .SetArgDisplayNames(group, c.String("name"));
            }
        }
    }

    public static IEnumerable<TestCaseData> InvalidVectors()
    {
        foreach (JsonElement c in CryptoTestData.Cases("oaep.json", "invalid"))
        {
            yield return new TestCaseData(c.String("key"), c.String("ciphertext"), c.String("plaintext_if_misread"))
                .SetArgDisplayNames(c.String("name"));
        }
    }

    [TestCaseSource(nameof(DecryptableVectors))]
    public void Each_vector_decrypts_to_its_plaintext_with_its_groups_private_key(string keyFile, string ciphertext, string plaintext)
    {
        RsaPrivateKey key = RsaPrivateKey.Load(CryptoTestData.PathOf(keyFile), null, "PrivateKey");

        Assert.That(key.Decrypt(ciphertext), Is.EqualTo(plaintext));
    }

    [TestCaseSource(nameof(InvalidVectors))]
    public void Each_invalid_vector_fails_with_a_CryptographicException_that_holds_no_plaintext(string keyFile, string ciphertext, string misread)
    {
        RsaPrivateKey key = RsaPrivateKey.Load(CryptoTestData.PathOf(keyFile), null, "PrivateKey");

        CryptographicException? ex = Assert.Throws<CryptographicException>(() => key.Decrypt(ciphertext));
        Assert.That(ex!.ToString(), Does.Not.Contain(misread));
    }

    public static IEnumerable<TestCaseData> RoundTrips()
    {
        yield return new TestCaseData(string.Empty).SetName("The empty string round-trips");
        yield return new TestCaseData("张三").SetName("A Chinese name round-trips");
        yield return new TestCaseData("李四🙂").SetName("An astral emoji round-trips");
        yield return new TestCaseData("44030519900101123X").SetName("An ID card number round-trips");
        yield return new TestCaseData(MaxLengthPlaintext).SetName("The 214-byte maximum round-trips");
        yield return new TestCaseData(string.Concat(Enumerable.Repeat("🙂", 53)) + "AB").SetName("53 emoji and two letters (214 bytes) round-trip");
    }

    public static IEnumerable<TestCaseData> OverTheLimit()
    {
        yield return new TestCaseData(MaxLengthPlaintext + "X").SetName("A 215-byte plaintext is refused without echoing it");
        yield return new TestCaseData(new string('测', 72)).SetName("A 216-byte plaintext is refused without echoing it");
        yield return new TestCaseData(new string('x', 5000)).SetName("A 5000-byte plaintext is refused without echoing it");
    }

    [TestCaseSource(nameof(RoundTrips))]
    public void Encrypt_then_decrypt_gives_back_the_plaintext(string plaintext)
    {
        RsaPrivateKey privateKey = RsaPrivateKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformKey), null, "PlatformPrivateKey");
        RsaPublicKey publicKey = RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformPublicKey), "PlatformPublicKey");
        RsaPublicKey certificate = RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformCertificate), "PlatformCertificate");

        string fromPublicKey = publicKey.Encrypt(plaintext);
        string fromCertificate = certificate.Encrypt(plaintext);
        string fromPrivateKeysOwnHalf = privateKey.PublicKey.Encrypt(plaintext);

        Assert.Multiple(() =>
        {
            Assert.That(Convert.FromBase64String(fromPublicKey), Has.Length.EqualTo(256));
            Assert.That(privateKey.Decrypt(fromPublicKey), Is.EqualTo(plaintext));
            Assert.That(privateKey.Decrypt(fromCertificate), Is.EqualTo(plaintext));
            Assert.That(privateKey.Decrypt(fromPrivateKeysOwnHalf), Is.EqualTo(plaintext));
        });
    }

    [Test]
    public void The_maximum_plaintext_is_214_bytes_for_a_2048_bit_key()
    {
        RsaPublicKey publicKey = RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformPublicKey), "PlatformPublicKey");

        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetByteCount(MaxLengthPlaintext), Is.EqualTo(214));
            Assert.That(Encoding.UTF8.GetByteCount(MaxLengthPlaintext + "X"), Is.EqualTo(215));
            Assert.That(publicKey.MaxPlaintextBytes, Is.EqualTo(214));
        });
    }

    [TestCaseSource(nameof(OverTheLimit))]
    public void A_plaintext_over_the_limit_is_an_ArgumentException_that_does_not_echo_it(string plaintext)
    {
        RsaPublicKey publicKey = RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformPublicKey), "PlatformPublicKey");

        ArgumentException? ex = Assert.Throws<ArgumentException>(() => publicKey.Encrypt(plaintext));
        Assert.Multiple(() =>
        {
            Assert.That(ex!.ParamName, Is.EqualTo("plaintext"));
            Assert.That(ex.Message, Does.Contain("214"));
            Assert.That(ex.ToString(), Does.Not.Contain(plaintext.Substring(0, 3)));
        });
    }

    [Test]
    public void Each_encryption_is_randomised()
    {
        RsaPublicKey publicKey = RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformPublicKey), "PlatformPublicKey");

        string first = publicKey.Encrypt("张三");
        string second = publicKey.Encrypt("张三");

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [TestCase("not base64 at all!", TestName = "Non-base64 ciphertext is a CryptographicException")]
    [TestCase("", TestName = "Empty ciphertext is a CryptographicException")]
    [TestCase("AAAA", TestName = "A 3-byte ciphertext is a CryptographicException")]
    public void Malformed_ciphertext_is_a_CryptographicException(string ciphertext)
    {
        RsaPrivateKey key = RsaPrivateKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformKey), null, "PlatformPrivateKey");

        Assert.Throws<CryptographicException>(() => key.Decrypt(ciphertext));
    }

    [Test]
    public void A_ciphertext_one_byte_short_or_long_is_a_CryptographicException()
    {
        RsaPrivateKey key = RsaPrivateKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformKey), null, "PlatformPrivateKey");
        byte[] valid = Convert.FromBase64String(key.PublicKey.Encrypt("张三"));
        byte[] longer = new byte[valid.Length + 1];
        valid.CopyTo(longer, 1);

        Assert.Multiple(() =>
        {
            Assert.Throws<CryptographicException>(() => key.Decrypt(Convert.ToBase64String(valid, 1, valid.Length - 1)));
            Assert.Throws<CryptographicException>(() => key.Decrypt(Convert.ToBase64String(longer)));
        });
    }

    [TestCase((byte)0xFF, TestName = "A ciphertext value above the modulus is a CryptographicException")]
    [TestCase((byte)0x00, TestName = "An all-zero ciphertext is a CryptographicException")]
    public void A_full_length_ciphertext_outside_the_key_range_is_a_CryptographicException(byte fill)
    {
        RsaPrivateKey key = RsaPrivateKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformKey), null, "PlatformPrivateKey");
        byte[] ciphertext = new byte[256];
        Array.Fill(ciphertext, fill);

        Assert.Throws<CryptographicException>(() => key.Decrypt(Convert.ToBase64String(ciphertext)));
    }

    [Test]
    public void A_ciphertext_for_the_merchant_key_fails_with_the_platform_key()
    {
        RsaPrivateKey platform = RsaPrivateKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformKey), null, "PlatformPrivateKey");
        RsaPublicKey merchant = RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.MerchantPublicKey), "MerchantPublicKey");

        Assert.Throws<CryptographicException>(() => platform.Decrypt(merchant.Encrypt("13900000000")));
    }
}
