using System;
using System.Collections.Generic;
using System.Text.Json;
using NUnit.Framework;
using WeChatPay.Chain.ApiV2;
using WeChatPay.Chain.Tests.Crypto;
using WeChatPay.Chain.Tests.Support;
using WeChatPay.Chain.Tests.V2;

namespace WeChatPay.Chain.Tests.Notifications;

/// <summary>APIv2 (XML) notifications read by <see cref="WeChatPayClient.ReadNotification(IEnumerable{KeyValuePair{string, string}}, string)"/>, with the v2.json vectors.</summary>
public sealed class ApiV2NotificationReadingTests
{
    private static readonly KeyValuePair<string, string>[] NoHeaders = Array.Empty<KeyValuePair<string, string>>();

    private static WeChatPayClient Client(string? apiV2Key)
    {
        var options = TestClient.Options();
        options.ApiV3Key = TestData.ApiV3Key;
        options.ApiV2Key = apiV2Key;
        return new WeChatPayClient(options);
    }

    public static IEnumerable<TestCaseData> Payments() => V2TestData.Named("notifications");

    public static IEnumerable<TestCaseData> Refunds() => V2TestData.Named("refund_req_info", "cases");

    public static IEnumerable<TestCaseData> BadReqInfo() => V2TestData.Named("refund_req_info", "invalid");

    [TestCaseSource(nameof(Payments))]
    public void A_payment_notification_is_read_when_its_sign_holds_and_refused_otherwise(JsonElement c)
    {
        using var client = Client(c.String("apiv2_key"));
        var body = c.String("body");
        var fields = ApiV2XmlReader.Read(body);
        if (!c.GetProperty("valid").GetBoolean())
        {
            var e = Assert.Throws<WeChatPaySignatureException>(() => client.ReadNotification(NoHeaders, body))!;
            Assert.That(e.FailedCheck, Is.EqualTo(SignatureCheck.Signature));
            Assert.That(e.Message, Does.Contain("WeChatPayOptions.ApiV2Key").And.Not.Contain(c.String("apiv2_key")));
            return;
        }

        var notification = client.ReadNotification(NoHeaders, body);
        string outTradeNo = notification.Resource!.out_trade_no;
        Assert.Multiple(() =>
        {
            Assert.That(notification.EventType, Is.EqualTo("v2.pay"));
            Assert.That(outTradeNo, Is.EqualTo(fields["out_trade_no"]));
            Assert.That((string?)notification.Json["attach"], Is.EqualTo(fields["attach"]));
            Assert.That(notification.Body, Is.EqualTo(body));
            Assert.That(notification.Id, Is.Null);
        });
    }

    [TestCaseSource(nameof(Refunds))]
    public void A_refund_notification_is_read_with_its_decrypted_fields_as_the_resource(JsonElement c)
    {
        using var client = Client(c.String("apiv2_key"));
        var notification = client.ReadNotification(NoHeaders, c.String("notification_body"));
        var expected = ApiV2XmlReader.Read(c.String("plaintext"));

        string outRefundNo = notification.Resource!.out_refund_no;
        Assert.Multiple(() =>
        {
            Assert.That(notification.EventType, Is.EqualTo("v2.refund"));
            Assert.That(notification.ResourcePlaintext, Is.EqualTo(c.String("plaintext")));
            Assert.That(outRefundNo, Is.EqualTo(expected["out_refund_no"]));
            Assert.That(notification.ResourceJson!.Children(), Has.Exactly(expected.Count).Items);
        });
    }

    [TestCaseSource(nameof(BadReqInfo))]
    public void A_refund_notification_whose_req_info_does_not_decrypt_is_refused_without_padding_detail(JsonElement c)
    {
        using var client = Client(c.String("apiv2_key"));
        var body = $"<xml><return_code>SUCCESS</return_code><mch_id>1900000001</mch_id><nonce_str>n0nce</nonce_str><req_info>{c.String("req_info")}</req_info></xml>";

        var e = Assert.Throws<WeChatPaySignatureException>(() => client.ReadNotification(NoHeaders, body))!;
        Assert.That(e.Message, Does.Contain("req_info").And.Not.Contain("padding").And.Not.Contain("block"));
    }

    [Test]
    public void The_same_refund_is_processed_once()
    {
        var c = V2TestData.Cases("refund_req_info", "cases")[0];
        using var client = Client(c.String("apiv2_key"));
        var first = client.ReadNotification(NoHeaders, c.String("notification_body"));
        Assert.That(client.CompleteNotificationAsync(first).GetAwaiter().GetResult(), Is.Null);

        var again = Assert.Throws<WeChatPayNotificationException>(() => client.ReadNotification(NoHeaders, "\r\n  " + c.String("notification_body")))!;
        Assert.That(again.Outcome, Is.EqualTo(WeChatPayNotificationOutcome.DoneBefore));
    }

    [Test]
    public void Without_an_APIv2_key_an_XML_notification_names_the_option()
    {
        using var client = Client(null);
        var e = Assert.Throws<InvalidOperationException>(() => client.ReadNotification(NoHeaders, V2TestData.Cases("notifications")[0].String("body")))!;
        Assert.That(e.Message, Does.Contain("WeChatPayOptions.ApiV2Key"));
    }

    [Test]
    public void An_XML_body_with_neither_sign_nor_req_info_is_not_a_notification()
    {
        using var client = Client(V2TestData.ApiV2Key);
        var e = Assert.Throws<WeChatPayException>(() => client.ReadNotification(NoHeaders, "<xml><return_code>SUCCESS</return_code></xml>"))!;
        Assert.That(e, Is.Not.InstanceOf<WeChatPaySignatureException>());
    }
}
