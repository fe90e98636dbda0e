using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text.Json;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Crypto;

public sealed class Sm4GcmTests
{
    private const string ApiV3Key = "Tq9vXk3mRb7nWp2sYh6dLz4cFj8gKa5e";
    private const string Nonce = "lOWnYNiqF2fc";

    public static IEnumerable<TestCaseData> ValidVectors() => Vectors("sm4gcm");

    public static IEnumerable<TestCaseData> InvalidVectors() => Vectors("sm4gcm_invalid");

    private static IEnumerable<TestCaseData> Vectors(string group)
    {
        foreach (JsonElement c in SmTestData.Cases(group))
        {
            yield return new TestCaseData(
                    c.String("apiv3_key"), c.String("nonce"), c.String("associated_data"), c.String("ciphertext"), c.StringOrNull("plaintext"))
                .SetArgDisplayNames(c.String("name"));
        }
    }

    [TestCaseSource(nameof(ValidVectors))]
    public void Each_valid_vector_decrypts_to_its_plaintext(string key, string nonce, string aad, string ciphertext, string? plaintext)
    {
        Assert.That(Sm4Gcm.Decrypt(key, nonce, aad, ciphertext), Is.EqualTo(plaintext));
    }

    [TestCaseSource(nameof(ValidVectors))]
    public void Encrypting_each_valid_plaintext_reproduces_the_vector_ciphertext(string key, string nonce, string aad, string ciphertext, string? plaintext)
    {
        Assert.That(Sm4Gcm.Encrypt(key, nonce, aad, plaintext!), Is.EqualTo(ciphertext));
    }

    [TestCaseSource(nameof(ValidVectors))]
    public void The_SM_scheme_opens_each_valid_vector(string key, string nonce, string aad, string ciphertext, string? plaintext)
    {
        Assert.That(Scheme.Sm.Open(key, nonce, aad, ciphertext), Is.EqualTo(plaintext));
    }

    [TestCaseSource(nameof(InvalidVectors))]
    public void Each_invalid_vector_is_a_CryptographicException_without_key_material(string key, string nonce, string aad, string ciphertext, string? plaintext)
    {
        CryptographicException? ex = Assert.Throws<CryptographicException>(() => Sm4Gcm.Decrypt(key, nonce, aad, ciphertext));

        Assert.That(ex!.ToString(), Does.Not.Contain(key));
        Assert.That(ex.Message, Does.StartWith("AEAD_SM4_GCM decryption failed"));
    }

    [Test]
    public void The_scheme_names_are_those_WeChat_Pay_documents()
    {
        Assert.That(Scheme.Sm.Name, Is.EqualTo("WECHATPAY2-SM2-WITH-SM3"));
        Assert.That(Scheme.Sm.AeadAlgorithm, Is.EqualTo("AEAD_SM4_GCM"));
        Assert.That(Scheme.Sm.CertificateAlgorithmType, Is.EqualTo("SM2"));
        Assert.That(Scheme.Sm.ToString(), Is.EqualTo("WECHATPAY2-SM2-WITH-SM3"));
    }

    [Test]
    public void A_null_associated_data_counts_as_empty()
    {
        string sealedText = Sm4Gcm.Encrypt(ApiV3Key, Nonce, null, "text");

        Assert.That(Sm4Gcm.Decrypt(ApiV3Key, Nonce, string.Empty, sealedText), Is.EqualTo("text"));
    }

    [TestCase("not*base64!", "is not base64")]
    [TestCase("", "shorter than the 16-byte tag")]
    [TestCase("AAAAAAAAAAAAAAAAAAAA", "shorter than the 16-byte tag")]
    public void A_malformed_ciphertext_is_a_CryptographicException(string ciphertext, string expected)
    {
        CryptographicException? ex = Assert.Throws<CryptographicException>(() => Sm4Gcm.Decrypt(ApiV3Key, Nonce, "transaction", ciphertext));

        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [TestCase("short")]
    [TestCase("a-nonce-of-13")]
    public void A_nonce_that_is_not_12_bytes_is_a_CryptographicException(string nonce)
    {
        string ciphertext = Sm4Gcm.Encrypt(ApiV3Key, Nonce, "transaction", "text");

        CryptographicException? ex = Assert.Throws<CryptographicException>(() => Sm4Gcm.Decrypt(ApiV3Key, nonce, "transaction", ciphertext));

        Assert.That(ex!.Message, Does.Contain("nonce is not 12 bytes"));
    }

    [TestCase("short-key")]
    [TestCase("Tq9vXk3mRb7nWp2sYh6dLz4cFj8gKa5e-and-more")]
    public void An_APIv3_key_that_is_not_32_bytes_is_an_ArgumentException_without_the_key(string key)
    {
        ArgumentException? ex = Assert.Throws<ArgumentException>(() => Sm4Gcm.Decrypt(key, Nonce, "transaction", "AAAAAAAAAAAAAAAAAAAAAA=="));

        Assert.That(ex!.ParamName, Is.EqualTo("apiV3Key"));
        Assert.That(ex.Message, Does.Contain("32 characters").And.Not.Contain(key));
    }

    [Test]
    public void A_plaintext_that_is_not_UTF8_is_a_CryptographicException()
    {
        // Encrypt bytes that are not UTF-8 with the same key derivation, through BouncyCastle directly.
        byte[] key = Sm4Gcm.DeriveKey(ApiV3Key);
        var gcm = new Org.BouncyCastle.Crypto.Modes.GcmBlockCipher(new Org.BouncyCastle.Crypto.Engines.SM4Engine());
        gcm.Init(true, new Org.BouncyCastle.Crypto.Parameters.AeadParameters(
            new Org.BouncyCastle.Crypto.Parameters.KeyParameter(key), 128, System.Text.Encoding.UTF8.GetBytes(Nonce), Array.Empty<byte>()));
        byte[] plain = { 0xFF, 0xFE, 0xC0 };
        byte[] output = new byte[gcm.GetOutputSize(plain.Length)];
        int length = gcm.ProcessBytes(plain, 0, plain.Length, output, 0);
        length += gcm.DoFinal(output, length);

        CryptographicException? ex = Assert.Throws<CryptographicException>(
            () => Sm4Gcm.Decrypt(ApiV3Key, Nonce, string.Empty, Convert.ToBase64String(output, 0, length)));

        Assert.That(ex!.Message, Does.Contain("not UTF-8"));
    }

    [Test]
    public void Encrypting_a_lone_surrogate_is_an_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Sm4Gcm.Encrypt(ApiV3Key, Nonce, "transaction", "\uD800"));
    }
}
