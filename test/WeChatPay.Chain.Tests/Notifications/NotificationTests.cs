using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Notifications;

public class NotificationTests
{
    private static JObject Vectors => TestData.Vectors("notification");

    private static WeChatPayClient ClientAt(long now, string? apiV3Key = TestData.ApiV3Key)
    {
        var options = TestClient.Options(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now)));
        options.ApiV3Key = apiV3Key;
        return new WeChatPayClient(options);
    }

    private static IEnumerable<TestCaseData> Valid() =>
        Vectors["cases"]!.Select(c => new TestCaseData(c).SetName("Callback vector " + (string)c["name"]!));

    private static IEnumerable<KeyValuePair<string, string>> Headers(JToken vector) =>
        ((JObject)vector["headers"]!).Properties().Select(p => new KeyValuePair<string, string>(p.Name, (string)p.Value!));

    [TestCaseSource(nameof(Valid))]
    public void A_genuine_callback_verifies_and_its_resource_decrypts_exactly(JToken vector)
    {
        using var client = ClientAt((long)vector["now"]!);
        var notification = client.ReadNotification(Headers(vector), (string)vector["body"]!);

        Assert.Multiple(() =>
        {
            Assert.That(notification.ResourcePlaintext, Is.EqualTo((string)vector["expected_resource_plaintext"]!));
            Assert.That(JToken.DeepEquals(notification.ResourceJson, vector["expected_resource"]), Is.True);
            Assert.That(notification.EventType, Is.EqualTo((string)JObject.Parse((string)vector["body"]!)["event_type"]!));
            Assert.That(notification.Body, Is.EqualTo((string)vector["body"]!));
        });
    }

    [Test]
    public void The_resource_reads_dynamically()
    {
        var vector = Vectors["cases"]!.Single(c => (string)c["name"]! == "papay-entrust-sign");
        using var client = ClientAt((long)vector["now"]!);
        var notification = client.ReadNotification(Headers(vector), (string)vector["body"]!);

        string contract = notification.Resource!.contract_id;
        Assert.That(contract, Is.EqualTo("202511220000000000000000000001"));
        Assert.That(notification.Summary, Is.EqualTo("签约成功"));
    }

    private static IEnumerable<TestCaseData> Tampered() =>
        Vectors["tampered"]!.Select(c => new TestCaseData(c).SetName("Tampered callback " + (string)c["name"]!));

    [TestCaseSource(nameof(Tampered))]
    public void A_tampered_or_stale_callback_is_rejected(JToken vector)
    {
        using var client = ClientAt((long)vector["now"]!);
        var error = Assert.Throws<WeChatPaySignatureException>(() => client.ReadNotification(Headers(vector), (string)vector["body"]!));
        Assert.That(error!.Message, Does.Not.Contain(TestData.ApiV3Key));
    }

    [Test]
    public void A_wrong_apiv3_key_says_which_option_to_check()
    {
        var vector = Vectors["cases"]![0]!;
        using var client = ClientAt((long)vector["now"]!, "ZZ9vXk3mRb7nWp2sYh6dLz4cFj8gKa5e");

        var error = Assert.Throws<WeChatPayException>(() => client.ReadNotification(Headers(vector), (string)vector["body"]!));
        Assert.That(error!.Message, Does.Contain("ApiV3Key").And.Not.Contain("ZZ9vXk3mRb7nWp2sYh6dLz4cFj8gKa5e"));
    }

    [Test]
    public void Reading_a_callback_without_an_apiv3_key_is_a_clear_error()
    {
        var vector = Vectors["cases"]![0]!;
        using var client = ClientAt((long)vector["now"]!, null);

        Assert.That(() => client.ReadNotification(Headers(vector), (string)vector["body"]!),
            Throws.InvalidOperationException.With.Message.Contains("ApiV3Key"));
    }

    [TestCase("short")]
    [TestCase("Tq9vXk3mRb7nWp2sYh6dLz4cFj8gKa5e-too-long")]
    public void An_apiv3_key_of_the_wrong_length_is_rejected_at_start_without_echoing_it(string key)
    {
        var options = TestClient.Options();
        options.ApiV3Key = key;
        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));
        Assert.That(error!.ParamName, Is.EqualTo("ApiV3Key"));
        Assert.That(error.Message, Does.Not.Contain(key));
    }
}
