using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text.Json;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Crypto;

[TestFixtureSource(typeof(OnEachBackend), nameof(OnEachBackend.Backends))]
[NonParallelizable]
public sealed class AesGcm256Tests : OnEachBackend
{
    private const string ApiV3Key = "Tq9vXk3mRb7nWp2sYh6dLz4cFj8gKa5e";

    public AesGcm256Tests(Backend backend)
        : base(backend)
    {
    }

    public static IEnumerable<TestCaseData> ValidVectors() => Vectors(valid: true);

    public static IEnumerable<TestCaseData> InvalidVectors() => Vectors(valid: false);

    private static IEnumerable<TestCaseData> Vectors(bool valid)
    {
        foreach (JsonElement c in CryptoTestData.Cases("aesgcm.json"))
        {
            if (c.GetProperty("valid").GetBoolean() != valid)
            {
                continue;
            }
            yield return new TestCaseData(
                    c.String("key"), c.String("nonce"), c.String("associated_data"), c.String("ciphertext"), c.StringOrNull("plaintext"))
                .SetArgDisplayNames(c.String("name"));
        }
    }

    [TestCaseSource(nameof(ValidVectors))]
    public void Each_valid_vector_decrypts_to_its_plaintext(string key, string nonce, string aad, string ciphertext, string? plaintext)
    {
        Assert.That(AesGcm256.Decrypt(key, nonce, aad, ciphertext), Is.EqualTo(plaintext));
    }

    [TestCaseSource(nameof(ValidVectors))]
    public void Encrypting_each_valid_plaintext_reproduces_the_vector_ciphertext(string key, string nonce, string aad, string ciphertext, string? plaintext)
    {
        Assert.That(AesGcm256.Encrypt(key, nonce, aad, plaintext!), Is.EqualTo(ciphertext));
    }

    [TestCaseSource(nameof(InvalidVectors))]
    public void Each_invalid_vector_is_a_CryptographicException_without_key_material(string key, string nonce, string aad, string ciphertext, string? plaintext)
    {
        CryptographicException? ex = Assert.Throws<CryptographicException>(() => AesGcm256.Decrypt(key, nonce, aad, ciphertext));
        Assert.That(ex!.ToString(), Does.Not.Contain(key));
    }

    [TestCase("not*base64!", TestName = "Non-base64 ciphertext is a CryptographicException")]
    [TestCase("", TestName = "Empty ciphertext is a CryptographicException")]
    [TestCase("AAAAAAAAAAAAAAAAAAAA", TestName = "A 15-byte ciphertext is a CryptographicException")]
    public void Malformed_ciphertext_is_a_CryptographicException(string ciphertext)
    {
        Assert.Throws<CryptographicException>(() => AesGcm256.Decrypt(ApiV3Key, "ta20nzikmHNm", "transaction", ciphertext));
    }

    [Test]
    public void A_nonce_that_is_not_12_bytes_is_a_CryptographicException_when_decrypting()
    {
        string sealedText = AesGcm256.Encrypt(ApiV3Key, "ta20nzikmHNm", "transaction", "{}");

        Assert.Throws<CryptographicException>(() => AesGcm256.Decrypt(ApiV3Key, "ta20nzikmHN", "transaction", sealedText));
    }

    [TestCase("short", TestName = "A 5-byte APIv3 key is refused without echoing it")]
    [TestCase("Tq9vXk3mRb7nWp2sYh6dLz4cFj8gKa5eX", TestName = "A 33-byte APIv3 key is refused without echoing it")]
    [TestCase("Tq9vXk3mRb7nWp2sYh6dLz4cFj8gKa5键", TestName = "A 32-character key of 34 UTF-8 bytes is refused without echoing it")]
    public void An_APIv3_key_that_is_not_32_bytes_is_an_ArgumentException_that_does_not_echo_it(string key)
    {
        ArgumentException? decrypting = Assert.Throws<ArgumentException>(() => AesGcm256.Decrypt(key, "ta20nzikmHNm", "", "AAAAAAAAAAAAAAAAAAAAAA=="));
        ArgumentException? encrypting = Assert.Throws<ArgumentException>(() => AesGcm256.Encrypt(key, "ta20nzikmHNm", "", "x"));
        Assert.Multiple(() =>
        {
            Assert.That(decrypting!.ParamName, Is.EqualTo("key"));
            Assert.That(decrypting.Message, Does.Not.Contain(key));
            Assert.That(encrypting!.Message, Does.Not.Contain(key));
        });
    }

    [TestCase("", "", TestName = "Empty text with empty associated data round-trips")]
    [TestCase("{\"out_trade_no\":\"订单🙂\"}", "transaction", TestName = "Chinese and emoji round-trip")]
    public void Encrypt_then_decrypt_gives_back_the_plaintext(string plaintext, string aad)
    {
        string sealedText = AesGcm256.Encrypt(ApiV3Key, "0123456789ab", aad, plaintext);

        Assert.That(AesGcm256.Decrypt(ApiV3Key, "0123456789ab", aad, sealedText), Is.EqualTo(plaintext));
    }

    [Test]
    public void A_large_payload_round_trips()
    {
        string plaintext = new string('字', 50_000) + "end";

        string sealedText = AesGcm256.Encrypt(ApiV3Key, "0123456789ab", new string('a', 1000), plaintext);

        Assert.That(AesGcm256.Decrypt(ApiV3Key, "0123456789ab", new string('a', 1000), sealedText), Is.EqualTo(plaintext));
    }

    [Test]
    public void A_null_associated_data_counts_as_empty()
    {
        string sealedText = AesGcm256.Encrypt(ApiV3Key, "0123456789ab", "", "x");

        Assert.That(AesGcm256.Decrypt(ApiV3Key, "0123456789ab", null!, sealedText), Is.EqualTo("x"));
    }
}
