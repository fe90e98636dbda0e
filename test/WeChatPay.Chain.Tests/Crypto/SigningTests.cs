using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Crypto;

[TestFixtureSource(typeof(OnEachBackend), nameof(OnEachBackend.Backends))]
[NonParallelizable]
public sealed class SigningTests : OnEachBackend
{
    public SigningTests(Backend backend)
        : base(backend)
    {
    }

    public static IEnumerable<TestCaseData> SigningVectors()
    {
        foreach (JsonElement c in CryptoTestData.Cases("signing.json"))
        {
            foreach (string keyFile in new[] { CryptoTestData.MerchantKeyPkcs8, CryptoTestData.MerchantKeyPkcs1 })
            {
                yield return new TestCaseData(keyFile, c.String("message"), c.String("signature"))
                    .SetArgDisplayNames(c.String("name"), keyFile.EndsWith("pkcs1.pem", StringComparison.Ordinal) ? "PKCS#1" : "PKCS#8");
            }
        }
    }

    public static IEnumerable<TestCaseData> MessageDigests()
    {
        foreach (JsonElement c in CryptoTestData.Cases("signing.json"))
        {
            yield return new TestCaseData(c.String("message"), c.String("message_sha256")).SetArgDisplayNames(c.String("name"));
        }
    }

    [TestCaseSource(nameof(SigningVectors))]
    public void Signing_the_vector_message_gives_exactly_the_vector_signature(string keyFile, string message, string signature)
    {
        RsaPrivateKey key = RsaPrivateKey.Load(CryptoTestData.PathOf(keyFile), null, "MerchantPrivateKey");

        Assert.That(key.Sign(Encoding.UTF8.GetBytes(message)), Is.EqualTo(signature));
    }

    [TestCaseSource(nameof(MessageDigests))]
    public void The_vector_message_hashes_to_the_vector_sha256(string message, string sha256Hex)
    {
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(message));

        Assert.That(Convert.ToHexStringLower(digest), Is.EqualTo(sha256Hex));
    }

    [Test]
    public void A_loaded_key_runs_on_the_selected_backend()
    {
        RsaPrivateKey key = RsaPrivateKey.Load(CryptoTestData.PathOf(CryptoTestData.MerchantKeyPkcs8), null, "MerchantPrivateKey");

        Assert.Multiple(() =>
        {
            Assert.That(key.UsesPlatformCrypto, Is.EqualTo(ExpectPlatform));
            Assert.That(key.RsaPublic.UsesPlatformCrypto, Is.EqualTo(ExpectPlatform));
        });
    }

    [Test]
    public void A_signature_verifies_with_the_matching_public_key_and_certificate()
    {
        RsaPrivateKey key = RsaPrivateKey.Load(CryptoTestData.PathOf(CryptoTestData.MerchantKeyPkcs8), null, "MerchantPrivateKey");
        byte[] message = Encoding.UTF8.GetBytes("1763800000\nnonce\n{\"a\":\"签名🙂\"}\n");
        string signature = key.Sign(message);

        Assert.Multiple(() =>
        {
            Assert.That(key.PublicKey.Verify(message, signature), Is.True);
            Assert.That(RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.MerchantPublicKey), "k").Verify(message, signature), Is.True);
            Assert.That(RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.MerchantCertificate), "k").Verify(message, signature), Is.True);
            Assert.That(RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformPublicKey), "k").Verify(message, signature), Is.False);
        });
    }

    [Test]
    public void An_empty_message_can_be_signed_and_verified()
    {
        RsaPrivateKey key = RsaPrivateKey.Load(CryptoTestData.PathOf(CryptoTestData.MerchantKeyPkcs1), null, "MerchantPrivateKey");

        string signature = key.Sign(Array.Empty<byte>());

        Assert.Multiple(() =>
        {
            Assert.That(Convert.FromBase64String(signature), Has.Length.EqualTo(256));
            Assert.That(key.PublicKey.Verify(Array.Empty<byte>(), signature), Is.True);
        });
    }
}
