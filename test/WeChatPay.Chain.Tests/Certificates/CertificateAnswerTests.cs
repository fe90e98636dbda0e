using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Certificates;

/// <summary>The <c>GET v3/certificates</c> answers of <c>TestData/certificates.json</c>, made by an independent implementation.</summary>
public class CertificateAnswerTests
{
    private static JObject Vectors => TestData.Vectors("certificates");

    private static PlatformKeyStore KnownStore() => PlatformKeyStore.Of(new Dictionary<string, VerifyingKey>
    {
        [TestData.PlatformSerial] = RsaPublicKey.Load(TestData.PlatformPublicKeyPath, "platform"),
    });

    private static IEnumerable<TestCaseData> Cases(bool valid)
    {
        foreach (var c in Vectors["cases"]!.Where(c => (bool)c["valid"]! == valid))
        {
            yield return new TestCaseData(c, true).SetName($"Certificate vector {(string)c["name"]!} (known key)");
            yield return new TestCaseData(c, false).SetName($"Certificate vector {(string)c["name"]!} (first contact)");
        }
    }

    private static WeChatPayCertificateDownload Download(JToken vector) => new(DateTimeOffset.FromUnixTimeSeconds((long)vector["now"]!),
        ((JObject)vector["headers"]!).Properties().ToDictionary(p => p.Name, p => (string)p.Value!, StringComparer.OrdinalIgnoreCase),
        (string)vector["body"]!);

    private static IReadOnlyList<WeChatPayPlatformCertificate> Read(JToken vector, bool withKnownKey) =>
        CertificateAnswer.Read("/v3/certificates", Download(vector), (string)vector["apiv3_key"]!, Scheme.Rsa, withKnownKey ? KnownStore() : null,
            new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds((long)vector["now"]!))).Select(c => c.Certificate).ToList();

    [TestCaseSource(nameof(Cases), new object[] { true })]
    public void A_genuine_answer_gives_exactly_the_listed_certificates(JToken vector, bool withKnownKey)
    {
        var certificates = Read(vector, withKnownKey);

        var expected = vector["expected_certificates"]!;
        Assert.That(certificates.Select(c => c.SerialNumber), Is.EqualTo(expected.Select(e => (string)e["serial_no"]!)));
        Assert.That(certificates.Select(c => c.Pem), Is.EqualTo(expected.Select(e => (string)e["pem"]!)), "the PEM exactly as decrypted");
        Assert.That(certificates.All(c => c.ExpireTime > c.EffectiveTime), Is.True);
    }

    [TestCaseSource(nameof(Cases), new object[] { false })]
    public void A_bad_answer_is_rejected_naming_the_cause(JToken vector, bool withKnownKey)
    {
        var error = Assert.Throws(Is.InstanceOf<WeChatPayException>(), () => Read(vector, withKnownKey)) as WeChatPayException;
        if (!withKnownKey) return; // first contact may notice another step first; the verdict is the same
        switch ((string)vector["reject_at"]!)
        {
            case "signature":
                Assert.That(error, Is.InstanceOf<WeChatPaySignatureException>(), error!.Message);
                break;
            case "decrypt":
                Assert.That(error!.Message, Does.Contain("does not decrypt with the APIv3 key"));
                break;
            case "serial":
                Assert.That(error!.Message, Does.Contain("is not the serial of the certificate"));
                break;
            default:
                Assert.Fail("unknown reject_at " + vector["reject_at"]);
                break;
        }
    }

    [Test]
    public void An_answer_read_long_after_it_was_signed_fails_its_clock_check()
    {
        var vector = Vectors["cases"]!.First(c => (bool)c["valid"]!);
        // Past every expire_time, the answer's own timestamp is stale too: the clock check comes first and says so.
        var error = Assert.Throws<WeChatPaySignatureException>(() => CertificateAnswer.Read("/v3/certificates", Download(vector),
            (string)vector["apiv3_key"]!, Scheme.Rsa, KnownStore(), new FakeTimeProvider(new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero))));
        Assert.That(error!.FailedCheck, Is.EqualTo(SignatureCheck.Timestamp));
    }

    [Test]
    public void A_wrong_apiv3_key_says_which_option_to_check()
    {
        var vector = Vectors["cases"]!.First(c => (bool)c["valid"]!);
        var wrong = (JObject)vector.DeepClone();
        wrong["apiv3_key"] = "Aa9vXk3mRb7nWp2sYh6dLz4cFj8gKa5e";
        var error = Assert.Throws<WeChatPayException>(() => Read(wrong, withKnownKey: true));
        Assert.That(error!.Message, Does.Contain("ApiV3Key"));
    }
}
