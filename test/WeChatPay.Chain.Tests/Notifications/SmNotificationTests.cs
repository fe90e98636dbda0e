using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Notifications;

/// <summary>The 国密 callbacks of <c>TestData/sm.json</c> (SM2-signed, AEAD_SM4_GCM resources), read by a client with the SM2 keys and the clock at each case's now.</summary>
public class SmNotificationTests
{
    private static IEnumerable<TestCaseData> Cases(bool valid) => SmTestData.Cases("notification")
        .Where(c => c.GetProperty("valid").GetBoolean() == valid)
        .Select(c => new TestCaseData(c).SetName($"国密 callback vector {c.String("name")}"));

    private static WeChatPayClient SmClientAt(JsonElement vector)
    {
        var options = SmTestClient.Options();
        options.ApiV3Key = vector.String("apiv3_key");
        options.TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(vector.GetProperty("now").GetInt64()));
        return new WeChatPayClient(options);
    }

    private static IEnumerable<KeyValuePair<string, string>> Headers(JsonElement vector) =>
        vector.GetProperty("headers").EnumerateObject().Select(h => new KeyValuePair<string, string>(h.Name, h.Value.GetString()!));

    [TestCaseSource(nameof(Cases), new object[] { true })]
    public void A_genuine_callback_verifies_and_its_resource_decrypts_exactly(JsonElement vector)
    {
        using var client = SmClientAt(vector);

        var notification = client.ReadNotification(Headers(vector), vector.String("body"));

        Assert.That(notification.ResourcePlaintext, Is.EqualTo(vector.String("expected_resource_plaintext")));
        Assert.That(notification.EventType, Is.EqualTo("TRANSACTION.SUCCESS"));
    }

    [TestCaseSource(nameof(Cases), new object[] { false })]
    public void A_tampered_callback_is_refused(JsonElement vector)
    {
        using var client = SmClientAt(vector);

        var error = Assert.Throws<WeChatPaySignatureException>(() => client.ReadNotification(Headers(vector), vector.String("body")));

        Assert.That(error!.FailedCheck, Is.EqualTo(SignatureCheck.Signature));
        Assert.That(error.Message, Does.Not.Contain(vector.String("apiv3_key")));
    }

    [Test]
    public void An_RSA_merchants_client_refuses_a_guomi_callback_naming_both_schemes()
    {
        var vector = SmTestData.Cases("notification").First(c => c.GetProperty("valid").GetBoolean());
        var options = TestClient.Options(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(vector.GetProperty("now").GetInt64())));
        options.ApiV3Key = vector.String("apiv3_key");
        using var client = new WeChatPayClient(options);

        var error = Assert.Throws<WeChatPaySignatureException>(() => client.ReadNotification(Headers(vector), vector.String("body")));

        Assert.That(error!.FailedCheck, Is.EqualTo(SignatureCheck.Signature));
        Assert.That(error.Message, Does.Contain("WECHATPAY2-SM2-WITH-SM3").And.Contain("WECHATPAY2-SHA256-RSA2048").And.Contain("MerchantPrivateKey"));
    }
}
