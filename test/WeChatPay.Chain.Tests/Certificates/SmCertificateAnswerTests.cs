using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Certificates;

/// <summary>The <c>GET v3/certificates?algorithm_type=SM2</c> answers of <c>TestData/sm.json</c>, read with <see cref="Scheme.Sm"/> and the clock at each case's now.</summary>
public class SmCertificateAnswerTests
{
    private static IEnumerable<TestCaseData> Cases(bool valid)
    {
        foreach (var c in SmTestData.Cases("certificates").Where(c => c.GetProperty("valid").GetBoolean() == valid))
        {
            yield return new TestCaseData(c, true).SetName($"国密 certificate vector {c.String("name")} (known key)");
            yield return new TestCaseData(c, false).SetName($"国密 certificate vector {c.String("name")} (first contact)");
        }
    }

    private static PlatformKeyStore KnownStore() => PlatformKeyStore.Of(new Dictionary<string, VerifyingKey>
    {
        [SmTestData.PlatformSerial] = Keys.LoadVerifyingKey(CryptoTestData.PathOf(SmTestData.PlatformPublicKey), "platform"),
    });

    private static WeChatPayCertificateDownload Download(JsonElement vector) => new(DateTimeOffset.FromUnixTimeSeconds(vector.GetProperty("now").GetInt64()),
        vector.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!, StringComparer.OrdinalIgnoreCase),
        vector.String("body"));

    private static IReadOnlyList<WeChatPayPlatformCertificate> Read(JsonElement vector, Scheme scheme, PlatformKeyStore? known) =>
        CertificateAnswer.Read("/v3/certificates", Download(vector), vector.String("apiv3_key"), scheme, known,
            new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(vector.GetProperty("now").GetInt64()))).Select(c => c.Certificate).ToList();

    [TestCaseSource(nameof(Cases), new object[] { true })]
    public void A_genuine_answer_gives_exactly_the_listed_SM2_certificates(JsonElement vector, bool withKnownKey)
    {
        var certificates = Read(vector, Scheme.Sm, withKnownKey ? KnownStore() : null);

        var expected = vector.GetProperty("expected_certificates").EnumerateArray().ToList();
        Assert.That(certificates.Select(c => c.SerialNumber), Is.EqualTo(expected.Select(e => e.String("serial_no"))));
        Assert.That(certificates.Select(c => c.Pem), Is.EqualTo(expected.Select(e => e.String("pem"))), "the PEM exactly as decrypted");
        Assert.That(certificates.Select(c => Keys.LoadVerifyingKey(c.Pem, "downloaded").Scheme), Is.All.SameAs(Scheme.Sm));
    }

    [TestCaseSource(nameof(Cases), new object[] { false })]
    public void A_bad_answer_is_refused_at_its_step(JsonElement vector, bool withKnownKey)
    {
        var error = Assert.Throws(Is.InstanceOf<WeChatPayException>(), () => Read(vector, Scheme.Sm, withKnownKey ? KnownStore() : null)) as WeChatPayException;

        Assert.That(vector.String("reject_at"), Is.EqualTo("decrypt"), "the only invalid case sm.json has");
        Assert.That(error!.Message, Does.Contain("does not decrypt with the APIv3 key").And.Contain("ApiV3Key").And.Not.Contain(vector.String("apiv3_key")));
    }

    [Test]
    public void A_guomi_answer_read_as_an_RSA_merchants_is_refused_naming_both_schemes()
    {
        var vector = SmTestData.Cases("certificates").First(c => c.GetProperty("valid").GetBoolean());

        var error = Assert.Throws(Is.InstanceOf<WeChatPayException>(), () => Read(vector, Scheme.Rsa, null)) as WeChatPayException;

        Assert.That(error!.Message, Does.Contain("AEAD_SM4_GCM").And.Contain("AEAD_AES_256_GCM").And.Contain(Scheme.Rsa.Name));
    }

    [Test]
    public void An_RSA_answer_read_as_a_guomi_merchants_is_refused()
    {
        var vector = TestData.Vectors("certificates")["cases"]!.First(c => (bool)c["valid"]!);
        var download = new WeChatPayCertificateDownload(DateTimeOffset.FromUnixTimeSeconds((long)vector["now"]!),
            ((Newtonsoft.Json.Linq.JObject)vector["headers"]!).Properties().ToDictionary(p => p.Name, p => (string)p.Value!, StringComparer.OrdinalIgnoreCase),
            (string)vector["body"]!);

        var error = Assert.Throws(Is.InstanceOf<WeChatPayException>(), () => CertificateAnswer.Read("/v3/certificates", download, (string)vector["apiv3_key"]!, Scheme.Sm,
            null, new FakeTimeProvider(download.DownloadedAt))) as WeChatPayException;

        Assert.That(error!.Message, Does.Contain("AEAD_AES_256_GCM").And.Contain("AEAD_SM4_GCM"));
    }
}
