using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Crypto;

[TestFixtureSource(typeof(OnEachBackend), nameof(OnEachBackend.Backends))]
[NonParallelizable]
public sealed class VerifyingTests : OnEachBackend
{
    private RsaPublicKey platformKey = null!;
    private RsaPublicKey platformCertificate = null!;

    public VerifyingTests(Backend backend)
        : base(backend)
    {
    }

    /// <summary>
    /// Every case with a message and a serial the key store knows. The verdict expected from Verify is about the
    /// signature only: clock cases (|now − timestamp| beyond the allowed skew) carry a valid signature, so Verify
    /// must say true for them.
    /// </summary>
    public static IEnumerable<TestCaseData> VerifyingVectors()
    {
        foreach (VerifyCase c in Cases())
        {
            yield return new TestCaseData(c.KeyFile, c.Message, c.Signature, c.Expected)
                .SetArgDisplayNames(c.Name, c.Expected ? "verifies" : "fails");
        }
    }

    private static IEnumerable<VerifyCase> Cases()
    {
        JsonElement root = CryptoTestData.Json("verifying.json");
        JsonElement keyStore = root.GetProperty("key_store");
        long maxSkew = root.GetProperty("max_clock_skew_seconds").GetInt64();
        foreach (JsonElement c in root.GetProperty("cases").EnumerateArray())
        {
            string? message = c.StringOrNull("message");
            if (message is null || !keyStore.TryGetProperty(c.String("serial"), out JsonElement keyFile))
            {
                continue;
            }
            long skew = Math.Abs(c.GetProperty("now").GetInt64() - long.Parse(c.String("timestamp"), CultureInfo.InvariantCulture));
            bool vectorValid = c.GetProperty("valid").GetBoolean();
            yield return new VerifyCase(
                c.String("name"), keyFile.GetString()!, message, c.StringOrNull("signature"), vectorValid || skew > maxSkew, vectorValid);
        }
    }

    [SetUp]
    public void LoadKeys()
    {
        platformKey = RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformPublicKey), "PlatformPublicKey");
        platformCertificate = RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformCertificate), "PlatformCertificate");
    }

    [TestCaseSource(nameof(VerifyingVectors))]
    public void Verify_gives_the_vector_verdict_on_the_signature(string keyFile, string message, string? signature, bool expected)
    {
        RsaPublicKey key = RsaPublicKey.Load(CryptoTestData.PathOf(keyFile), "PlatformPublicKey");

        Assert.That(key.Verify(Encoding.UTF8.GetBytes(message), signature), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(VerifyingVectors))]
    public void The_platform_certificate_gives_the_same_verdict_as_the_public_key(string keyFile, string message, string? signature, bool expected)
    {
        Assert.That(platformCertificate.Verify(Encoding.UTF8.GetBytes(message), signature), Is.EqualTo(expected));
    }

    [Test]
    public void Only_the_stale_and_future_clock_cases_verify_against_the_vector_verdict()
    {
        var names = new List<string>();
        foreach (VerifyCase c in Cases())
        {
            if (c.Expected && !c.VectorValid)
            {
                names.Add(c.Name);
            }
        }

        Assert.That(names, Is.EquivalentTo(new[] { "stale-timestamp", "future-timestamp" }));
    }

    [TestCase(null, TestName = "A null signature does not verify")]
    [TestCase("", TestName = "An empty signature does not verify")]
    [TestCase("   ", TestName = "A blank signature does not verify")]
    [TestCase("签名-not*base64!!", TestName = "A non-base64 signature does not verify")]
    [TestCase("AAAA", TestName = "A three-byte signature does not verify")]
    [TestCase("WECHATPAY/SIGNTEST/", TestName = "The bare SIGNTEST prefix does not verify")]
    public void Malformed_signatures_are_false_without_throwing(string? signature)
    {
        Assert.That(platformKey.Verify(Encoding.UTF8.GetBytes("1763800000\nabc\n{}\n"), signature), Is.False);
    }

    [Test]
    public void A_SIGNTEST_probe_over_a_valid_signature_does_not_verify()
    {
        (byte[] message, string signature) = FirstValidCase();

        Assert.Multiple(() =>
        {
            Assert.That(platformKey.Verify(message, signature), Is.True);
            Assert.That(platformKey.Verify(message, "WECHATPAY/SIGNTEST/" + signature), Is.False);
        });
    }

    [Test]
    public void A_valid_signature_with_bytes_added_or_removed_does_not_verify()
    {
        (byte[] message, string signature) = FirstValidCase();
        byte[] raw = Convert.FromBase64String(signature);
        byte[] longer = new byte[raw.Length + 1];
        raw.CopyTo(longer, 1);

        Assert.Multiple(() =>
        {
            Assert.That(platformKey.Verify(message, Convert.ToBase64String(raw, 0, raw.Length - 1)), Is.False);
            Assert.That(platformKey.Verify(message, Convert.ToBase64String(longer)), Is.False);
            Assert.That(platformKey.Verify(message, signature.Substring(0, signature.Length - 4)), Is.False);
        });
    }

    [TestCase((byte)0xFF, TestName = "A signature value above the modulus does not verify")]
    [TestCase((byte)0x00, TestName = "An all-zero signature does not verify")]
    public void A_full_length_signature_outside_the_key_range_is_false_without_throwing(byte fill)
    {
        (byte[] message, _) = FirstValidCase();
        byte[] signature = new byte[256];
        Array.Fill(signature, fill);

        Assert.That(platformKey.Verify(message, Convert.ToBase64String(signature)), Is.False);
    }

    [Test]
    public void The_verifying_key_runs_on_the_selected_backend()
    {
        Assert.Multiple(() =>
        {
            Assert.That(platformKey.UsesPlatformCrypto, Is.EqualTo(ExpectPlatform));
            Assert.That(platformCertificate.UsesPlatformCrypto, Is.EqualTo(ExpectPlatform));
        });
    }

    private static (byte[] Message, string Signature) FirstValidCase()
    {
        foreach (JsonElement c in CryptoTestData.Cases("verifying.json"))
        {
            if (c.GetProperty("valid").GetBoolean())
            {
                return (Encoding.UTF8.GetBytes(c.String("message")), c.String("signature"));
            }
        }
        throw new InvalidOperationException("verifying.json has no valid case");
    }

    private sealed record VerifyCase(string Name, string KeyFile, string Message, string? Signature, bool Expected, bool VectorValid);
}
