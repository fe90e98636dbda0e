using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Http;

namespace WeChatPay.Chain.Tests.Crypto;

public sealed class Sm2VerifyingTests
{
    public static IEnumerable<TestCaseData> Answers()
    {
        foreach (string group in new[] { "verifying", "verifying_invalid" })
        {
            foreach (JsonElement c in SmTestData.Cases(group))
            {
                bool valid = c.GetProperty("valid").GetBoolean();
                yield return new TestCaseData(c, valid).SetArgDisplayNames(c.String("name"), valid ? "verifies" : "fails");
            }
        }
    }

    [TestCaseSource(nameof(Answers))]
    public void The_platform_public_key_gives_each_answer_its_verdict(JsonElement answer, bool valid)
    {
        VerifyingKey key = Sm2PublicKey.Load(CryptoTestData.PathOf(SmTestData.PlatformPublicKey), "PlatformPublicKey");

        Assert.That(key.Verify(Encoding.UTF8.GetBytes(answer.String("message")), Header(answer, "Wechatpay-Signature")), Is.EqualTo(valid));
    }

    [TestCaseSource(nameof(Answers))]
    public void The_platform_certificate_gives_each_answer_its_verdict(JsonElement answer, bool valid)
    {
        VerifyingKey key = Sm2PublicKey.Load(CryptoTestData.PathOf(SmTestData.PlatformCertificate), "PlatformCertificate");

        Assert.That(key.Verify(Encoding.UTF8.GetBytes(answer.String("message")), Header(answer, "Wechatpay-Signature")), Is.EqualTo(valid));
    }

    [TestCaseSource(nameof(Answers))]
    public void The_response_verifier_gives_each_answer_its_verdict_with_the_clock_at_its_now(JsonElement answer, bool valid)
    {
        VerifyingKey key = Keys.LoadVerifyingKey(CryptoTestData.PathOf(SmTestData.PlatformPublicKey), "PlatformPublicKey");
        PlatformKeyStore store = PlatformKeyStore.Of(new Dictionary<string, VerifyingKey> { [SmTestData.PlatformSerial] = key });
        var verifier = new ResponseVerifier(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(answer.GetProperty("now").GetInt64())));
        Dictionary<string, string> headers = answer.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!);

        bool verified = verifier.TryVerify(store, headers, Encoding.UTF8.GetBytes(answer.String("body")), out SignatureCheck failed, out string reason);

        Assert.That(verified, Is.EqualTo(valid), reason);
        if (!valid)
        {
            Assert.That(failed, Is.EqualTo(SignatureCheck.Signature), reason);
        }
    }

    [TestCaseSource(nameof(Answers))]
    public void Each_answer_message_is_timestamp_nonce_and_body(JsonElement answer, bool valid)
    {
        string expected = Header(answer, "Wechatpay-Timestamp") + "\n" + Header(answer, "Wechatpay-Nonce") + "\n" + answer.String("body") + "\n";

        Assert.That(answer.String("message"), Is.EqualTo(expected));
        Assert.That(Header(answer, "Wechatpay-Signature-Type"), Is.EqualTo(Scheme.Sm.Name));
    }

    [Test]
    public void The_merchant_key_does_not_verify_what_the_platform_signed()
    {
        VerifyingKey merchant = Sm2PublicKey.Load(CryptoTestData.PathOf(SmTestData.MerchantPublicKey), "PlatformPublicKey");

        foreach (JsonElement answer in SmTestData.Cases("verifying"))
        {
            Assert.That(merchant.Verify(Encoding.UTF8.GetBytes(answer.String("message")), Header(answer, "Wechatpay-Signature")), Is.False);
        }
    }

    [Test]
    public void Given_the_merchants_scheme_a_signature_type_of_the_other_scheme_fails_before_the_serial_is_looked_up()
    {
        JsonElement answer = SmTestData.Cases("verifying").First();
        Dictionary<string, string> headers = answer.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!);
        var verifier = new ResponseVerifier(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(answer.GetProperty("now").GetInt64())), Scheme.Sm);
        byte[] body = Encoding.UTF8.GetBytes(answer.String("body"));
        VerifyingKey key = Keys.LoadVerifyingKey(CryptoTestData.PathOf(SmTestData.PlatformPublicKey), "PlatformPublicKey");

        Assert.That(verifier.TryVerify(PlatformKeyStore.Of(new Dictionary<string, VerifyingKey> { [SmTestData.PlatformSerial] = key }), headers, body, out _, out string verified),
            Is.True, verified);
        headers["Wechatpay-Signature-Type"] = Scheme.Rsa.Name;
        bool passed = verifier.TryVerify(PlatformKeyStore.Of(new Dictionary<string, VerifyingKey>()), headers, body, out SignatureCheck failed, out string reason);

        Assert.That((passed, failed), Is.EqualTo((false, SignatureCheck.Signature)), "not UnknownSerial: no refresh for an answer of the other scheme");
        Assert.That(reason, Does.Contain(Scheme.Rsa.Name).And.Contain(Scheme.Sm.Name).And.Contain("MerchantPrivateKey"));
    }

    private static string Header(JsonElement answer, string name) => answer.GetProperty("headers").String(name);
}
