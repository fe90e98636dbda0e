using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto.Parameters;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Crypto;

public sealed class Sm2EncryptionTests
{
    private const string Uniform = "SM2 decryption failed: the value is not an SM2 ciphertext (C1C3C2, ASN.1 DER, base64) made for this key, "
        + "it was altered, or its plaintext is not UTF-8 text.";

    private Sm2PrivateKey platformKey = null!;
    private Sm2PublicKey platformPublic = null!;
    private Sm2PublicKey merchantPublic = null!;

    public static IEnumerable<TestCaseData> Encryptions()
    {
        foreach (JsonElement c in SmTestData.Cases("encryption"))
        {
            yield return new TestCaseData(c.String("plaintext"), c.String("ciphertext")).SetArgDisplayNames(c.String("name"));
        }
    }

    public static IEnumerable<TestCaseData> InvalidEncryptions()
    {
        foreach (JsonElement c in SmTestData.Cases("encryption_invalid"))
        {
            yield return new TestCaseData(c.String("key"), c.String("ciphertext")).SetArgDisplayNames(c.String("name"));
        }
    }

    [OneTimeSetUp]
    public void LoadKeys()
    {
        platformKey = Sm2PrivateKey.Load(CryptoTestData.PathOf(SmTestData.PlatformKey), null, "PlatformPrivateKey");
        platformPublic = Sm2PublicKey.Load(CryptoTestData.PathOf(SmTestData.PlatformCertificate), "PlatformCertificate");
        merchantPublic = Sm2PublicKey.Load(CryptoTestData.PathOf(SmTestData.MerchantPublicKey), "MerchantPublicKey");
    }

    [TestCaseSource(nameof(Encryptions))]
    public void Each_vector_ciphertext_decrypts_with_the_platform_private_key(string plaintext, string ciphertext)
    {
        Assert.That(platformKey.Decrypt(ciphertext), Is.EqualTo(plaintext));
    }

    [TestCaseSource(nameof(Encryptions))]
    public void Each_vector_ciphertext_is_recognised_as_a_ciphertext_and_its_plaintext_is_not(string plaintext, string ciphertext)
    {
        Assert.That(platformPublic.IsCiphertext(ciphertext), Is.True);
        Assert.That(platformPublic.IsCiphertext(plaintext), Is.False);
    }

    [TestCaseSource(nameof(InvalidEncryptions))]
    public void Each_invalid_vector_is_the_uniform_CryptographicException(string key, string ciphertext)
    {
        Sm2PrivateKey privateKey = Sm2PrivateKey.Load(CryptoTestData.PathOf(SmTestData.KeyFile(key)), null, "PlatformPrivateKey");

        CryptographicException? ex = Assert.Throws<CryptographicException>(() => privateKey.Decrypt(ciphertext));

        Assert.That(ex!.Message, Is.EqualTo(Uniform));
    }

    [TestCaseSource(nameof(Encryptions))]
    public void Our_ciphertext_of_each_vector_plaintext_decrypts_with_BouncyCastle_SM2Engine_directly(string plaintext, string vectorCiphertext)
    {
        string ciphertext = platformPublic.Encrypt(plaintext);

        Assert.That(Sm2Reference.Decrypt(Sm2Reference.PrivateKey(SmTestData.PlatformKey), ciphertext), Is.EqualTo(plaintext));
        Assert.That(platformPublic.IsCiphertext(ciphertext), Is.True);
        Assert.That(platformKey.Decrypt(ciphertext), Is.EqualTo(plaintext));
    }

    [TestCaseSource(nameof(Encryptions))]
    public void Our_ciphertext_has_the_documented_DER_form_and_the_vector_size(string plaintext, string vectorCiphertext)
    {
        byte[] der = Convert.FromBase64String(platformPublic.Encrypt(plaintext));

        var sequence = (Asn1Sequence)Asn1Object.FromByteArray(der);
        Assert.That(sequence.Count, Is.EqualTo(4));
        Assert.That(sequence[0], Is.InstanceOf<DerInteger>());
        Assert.That(sequence[1], Is.InstanceOf<DerInteger>());
        Assert.That(Asn1OctetString.GetInstance(sequence[2]).GetOctets(), Has.Length.EqualTo(32));
        Assert.That(Asn1OctetString.GetInstance(sequence[3]).GetOctets(), Has.Length.EqualTo(Encoding.UTF8.GetByteCount(plaintext)));
        Assert.That(sequence.GetDerEncoded(), Is.EqualTo(der));
        // x and y take 32 or 33 bytes each (a leading zero when the top bit is set), rarely fewer; the rest is fixed.
        int vectorLength = Convert.FromBase64String(vectorCiphertext).Length;
        Assert.That(der.Length, Is.InRange(vectorLength - 6, vectorLength + 6));
    }

    [Test]
    public void What_BouncyCastle_encrypts_directly_decrypts_with_the_product()
    {
        ECPublicKeyParameters key = Sm2Reference.PublicKey(SmTestData.PlatformPublicKey);

        string ciphertext = Sm2Reference.Encrypt(key, Encoding.UTF8.GetBytes("李四🙂 44030519900101123X"));

        Assert.That(platformKey.Decrypt(ciphertext), Is.EqualTo("李四🙂 44030519900101123X"));
    }

    [Test]
    public void Ciphertexts_are_randomised_and_made_for_one_key()
    {
        string first = platformPublic.Encrypt("张三");
        string second = platformPublic.Encrypt("张三");
        string forMerchant = merchantPublic.Encrypt("张三");

        Assert.That(first, Is.Not.EqualTo(second));
        Assert.That(platformKey.Decrypt(second), Is.EqualTo("张三"));
        Assert.That(Assert.Throws<CryptographicException>(() => platformKey.Decrypt(forMerchant))!.Message, Is.EqualTo(Uniform));
    }

    [Test]
    public void A_long_text_encrypts_there_is_no_size_limit()
    {
        string text = string.Concat(Enumerable.Repeat("国密", 2000));

        Assert.That(platformKey.Decrypt(platformPublic.Encrypt(text)), Is.EqualTo(text));
    }

    [Test]
    public void Encrypt_refuses_the_empty_text_a_lone_surrogate_and_null()
    {
        ArgumentException? empty = Assert.Throws<ArgumentException>(() => platformPublic.Encrypt(string.Empty));
        ArgumentException? surrogate = Assert.Throws<ArgumentException>(() => platformPublic.Encrypt("abc\uD800"));
        Assert.Throws<ArgumentNullException>(() => platformPublic.Encrypt(null!));

        Assert.That(empty!.Message, Does.Contain("empty"));
        Assert.That(surrogate!.Message, Does.Contain("lone surrogate"));
    }

    [Test]
    public void Every_malformed_ciphertext_is_the_uniform_CryptographicException_and_not_a_ciphertext()
    {
        byte[] der = Convert.FromBase64String(platformPublic.Encrypt("13800138000"));
        var sequence = (Asn1Sequence)Asn1Object.FromByteArray(der);
        var x = DerInteger.GetInstance(sequence[0]).Value;
        var y = DerInteger.GetInstance(sequence[1]).Value;
        byte[] hash = Asn1OctetString.GetInstance(sequence[2]).GetOctets();
        byte[] body = Asn1OctetString.GetInstance(sequence[3]).GetOctets();
        byte[] raw = new byte[] { 4 }.Concat(Fixed(x)).Concat(Fixed(y)).Concat(hash).Concat(body).ToArray();
        var malformed = new Dictionary<string, string>
        {
            ["empty"] = string.Empty,
            ["not base64"] = "not*base64!",
            ["plain text in base64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("13800138000")),
            ["trailing bytes"] = Convert.ToBase64String(der.Concat(new byte[] { 0 }).ToArray()),
            ["truncated"] = Convert.ToBase64String(der.Take(der.Length - 1).ToArray()),
            ["raw C1C3C2 without DER"] = Convert.ToBase64String(raw),
            ["a 31-byte hash"] = Sm2Reference.Der(x, y, hash.Take(31).ToArray(), body),
            ["an empty ciphertext part"] = Sm2Reference.Der(x, y, hash, Array.Empty<byte>()),
            ["a point off the curve"] = Sm2Reference.Der(x, y.Add(Org.BouncyCastle.Math.BigInteger.One), hash, body),
            ["x negative"] = Sm2Reference.Der(x.Negate(), y, hash, body),
            ["the parts in C1C2C3 order"] = Convert.ToBase64String(new DerSequence(
                new DerInteger(x), new DerInteger(y), new DerOctetString(body), new DerOctetString(hash)).GetDerEncoded()),
            ["one bit of C2 flipped"] = Sm2Reference.Der(x, y, hash, body.Select((b, i) => i == 0 ? (byte)(b ^ 1) : b).ToArray()),
        };

        foreach (var pair in malformed)
        {
            CryptographicException? ex = Assert.Throws<CryptographicException>(() => platformKey.Decrypt(pair.Value), pair.Key);
            Assert.That(ex!.Message, Is.EqualTo(Uniform), pair.Key);
            bool shaped = pair.Key == "one bit of C2 flipped";
            Assert.That(platformPublic.IsCiphertext(pair.Value), Is.EqualTo(shaped), pair.Key);
        }
        Assert.Throws<ArgumentNullException>(() => platformKey.Decrypt(null!));
    }

    [Test]
    public void A_plaintext_that_is_not_UTF8_is_the_uniform_CryptographicException()
    {
        string ciphertext = Sm2Reference.Encrypt(Sm2Reference.PublicKey(SmTestData.PlatformPublicKey), new byte[] { 0xFF, 0xC0, 0x80 });

        Assert.That(Assert.Throws<CryptographicException>(() => platformKey.Decrypt(ciphertext))!.Message, Is.EqualTo(Uniform));
    }

    [Test]
    public void An_RSA_ciphertext_is_not_an_SM2_ciphertext()
    {
        RsaPublicKey rsa = RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformPublicKey), "PlatformPublicKey");

        Assert.That(platformPublic.IsCiphertext(rsa.Encrypt("张三")), Is.False);
        Assert.That(rsa.IsCiphertext(platformPublic.Encrypt("张三")), Is.False);
    }

    private static byte[] Fixed(Org.BouncyCastle.Math.BigInteger value) => Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, value);
}
