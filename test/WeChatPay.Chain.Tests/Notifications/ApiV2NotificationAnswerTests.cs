using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Crypto;
using WeChatPay.Chain.Tests.Support;
using WeChatPay.Chain.Tests.V2;

namespace WeChatPay.Chain.Tests.Notifications;

/// <summary>
/// What a receipt says to answer WeChat Pay: an APIv2 delivery in v2's form (HTTP 200 and <c>return_code</c> SUCCESS when
/// processed now or before; <c>return_code</c> FAIL with the receipt's error status otherwise), an APIv3 one as before.
/// </summary>
public sealed class ApiV2NotificationAnswerTests
{
    private static readonly Func<string, string?> NoHeader = _ => null;

    private static WeChatPayClient Client(string? apiV3Key = TestData.ApiV3Key)
    {
        var options = TestClient.Options();
        options.ApiV3Key = apiV3Key;
        options.ApiV2Key = V2TestData.ApiV2Key;
        return new WeChatPayClient(options);
    }

    private static byte[] Payment(string name = "pay-success-md5") =>
        Encoding.UTF8.GetBytes(V2TestData.Cases("notifications").Single(c => c.String("name") == name).String("body"));

    private static (string Code, string Message) Fields(string? xml)
    {
        Assert.That(xml, Is.Not.Null);
        var root = XDocument.Parse(xml!).Root!;
        Assert.That(root.Name.LocalName, Is.EqualTo("xml"));
        Assert.That(root.Elements().Select(e => e.Name.LocalName), Is.EqualTo(new[] { "return_code", "return_msg" }));
        return (root.Element("return_code")!.Value, root.Element("return_msg")!.Value);
    }

    private static Task<WeChatPayNotificationReceipt> Receive(WeChatPayClient client, byte[] body, Func<WeChatPayNotification, CancellationToken, Task>? handler = null) =>
        client.ReceiveNotificationAsync(NoHeader, body, handler ?? ((_, _) => Task.CompletedTask));

    [Test]
    public async Task A_handled_v2_notification_is_answered_200_with_the_documented_SUCCESS_xml()
    {
        using var client = Client();

        var receipt = await Receive(client, Payment());

        Assert.That((receipt.Outcome, receipt.IsApiV2, receipt.StatusCode), Is.EqualTo((WeChatPayNotificationOutcome.Handled, true, 200)));
        Assert.That(receipt.AnswerContentType, Is.EqualTo("text/xml; charset=utf-8"));
        Assert.That(receipt.AnswerBody, Is.EqualTo("<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>"));
        Assert.That(Fields(receipt.AnswerBody), Is.EqualTo(("SUCCESS", "OK")));
    }

    [Test]
    public async Task A_v2_notification_processed_before_is_answered_SUCCESS_without_running_the_handler()
    {
        using var client = Client();
        await Receive(client, Payment());

        var again = await Receive(client, Payment(), (_, _) => throw new AssertionException("processed twice"));

        Assert.That((again.Outcome, again.StatusCode), Is.EqualTo((WeChatPayNotificationOutcome.DoneBefore, 200)));
        Assert.That(Fields(again.AnswerBody), Is.EqualTo(("SUCCESS", "OK")));
    }

    [Test]
    public async Task A_failed_handler_is_answered_FAIL_with_500_and_a_message_that_keeps_the_cause_out()
    {
        using var client = Client();

        var receipt = await Receive(client, Payment(), (_, _) => throw new InvalidOperationException("the order database is down"));

        Assert.That((receipt.Outcome, receipt.StatusCode), Is.EqualTo((WeChatPayNotificationOutcome.HandlerFailed, 500)));
        var (code, message) = Fields(receipt.AnswerBody);
        Assert.That(code, Is.EqualTo("FAIL"));
        Assert.That(message, Is.EqualTo(receipt.Message).And.Not.Contain("database"));
        Assert.That(message.Length, Is.LessThanOrEqualTo(128), "return_msg is String(128)");
    }

    [Test]
    public async Task A_copy_that_comes_while_the_handler_runs_is_answered_FAIL_409_so_that_it_is_sent_again()
    {
        using var client = Client();
        var running = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var first = Receive(client, Payment(), async (_, _) =>
        {
            running.SetResult();
            await release.Task;
        });
        await running.Task;

        var copy = await Receive(client, Payment(), (_, _) => throw new AssertionException("processed twice at once"));
        release.SetResult();

        Assert.That((copy.Outcome, copy.StatusCode), Is.EqualTo((WeChatPayNotificationOutcome.InProgress, 409)));
        Assert.That(Fields(copy.AnswerBody).Code, Is.EqualTo("FAIL"));
        Assert.That((await first).StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task A_forged_v2_notification_is_answered_FAIL_401_and_its_key_never_shows()
    {
        using var client = Client();

        var receipt = await Receive(client, Payment("pay-wrong-key"));

        Assert.That((receipt.Outcome, receipt.IsApiV2, receipt.StatusCode), Is.EqualTo((WeChatPayNotificationOutcome.NotWeChatPay, true, 401)));
        Assert.That(Fields(receipt.AnswerBody).Code, Is.EqualTo("FAIL"));
        Assert.That(receipt.AnswerBody, Does.Not.Contain(V2TestData.ApiV2Key));
    }

    [Test]
    public async Task A_v2_notification_without_an_APIv2_key_is_answered_FAIL_500_in_v2s_form()
    {
        var options = TestClient.Options();
        options.ApiV3Key = TestData.ApiV3Key;
        using var client = new WeChatPayClient(options);

        var receipt = await Receive(client, Payment());

        Assert.That((receipt.Outcome, receipt.IsApiV2, receipt.StatusCode), Is.EqualTo((WeChatPayNotificationOutcome.Misconfigured, true, 500)));
        Assert.That(Fields(receipt.AnswerBody), Is.EqualTo(("FAIL", receipt.Message)));
        Assert.That(receipt.AnswerContentType, Is.EqualTo("text/xml; charset=utf-8"));
    }

    [Test]
    public async Task An_APIv3_delivery_is_answered_as_before_204_without_a_body_or_4xx_5xx_with_the_FAIL_json()
    {
        using var client = Client();

        var receipt = await Receive(client, Encoding.UTF8.GetBytes("{\"id\":\"EV-1\"}"));

        Assert.That((receipt.Outcome, receipt.IsApiV2, receipt.StatusCode), Is.EqualTo((WeChatPayNotificationOutcome.NotWeChatPay, false, 401)));
        Assert.That(receipt.AnswerContentType, Is.EqualTo("application/json; charset=utf-8"));
        var json = JObject.Parse(receipt.AnswerBody!);
        Assert.That(((string?)json["code"], (string?)json["message"]), Is.EqualTo(("FAIL", receipt.Message)));
    }

    [Test]
    public async Task A_v3_success_has_no_body_to_answer()
    {
        var c = CryptoTestData.Cases("notification.json", "cases").First(n => n.GetProperty("valid").GetBoolean());
        var options = TestClient.Options(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(c.GetProperty("now").GetInt64())));
        options.ApiV3Key = c.String("apiv3_key");
        using var client = new WeChatPayClient(options);
        var headers = c.GetProperty("headers");

        var receipt = await client.ReceiveNotificationAsync(name => headers.TryGetProperty(name, out var v) ? v.GetString() : null,
            Encoding.UTF8.GetBytes(c.String("body")), (_, _) => Task.CompletedTask);

        Assert.That((receipt.Outcome, receipt.IsApiV2, receipt.StatusCode), Is.EqualTo((WeChatPayNotificationOutcome.Handled, false, 204)));
        Assert.That((receipt.AnswerBody, receipt.AnswerContentType), Is.EqualTo(((string?)null, (string?)null)));
    }
}
