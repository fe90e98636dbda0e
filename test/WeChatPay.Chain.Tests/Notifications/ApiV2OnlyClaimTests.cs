using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Crypto;
using WeChatPay.Chain.Tests.Support;
using WeChatPay.Chain.Tests.V2;

namespace WeChatPay.Chain.Tests.Notifications;

/// <summary>
/// A merchant with only an APIv2 key reads and claims APIv2 notifications: the claims are then keyed from the APIv2 key,
/// under a derivation of their own, so that an entry keyed from one key never passes for one keyed from the other.
/// </summary>
public sealed class ApiV2OnlyClaimTests
{
    private static readonly KeyValuePair<string, string>[] NoHeaders = Array.Empty<KeyValuePair<string, string>>();

    private static string PaymentBody => V2TestData.Cases("notifications")[0].String("body");

    private static string RefundBody => V2TestData.Cases("refund_req_info", "cases")[0].String("notification_body");

    private static WeChatPayClient Client(string? apiV3Key, string? apiV2Key, IWeChatPayNotificationStore? store = null)
    {
        var options = TestClient.Options();
        options.ApiV3Key = apiV3Key;
        options.ApiV2Key = apiV2Key;
        options.NotificationStore = store;
        return new WeChatPayClient(options);
    }

    [Test]
    public async Task A_merchant_with_only_an_APIv2_key_reads_and_claims_payment_and_refund_notifications_once()
    {
        using var client = Client(apiV3Key: null, V2TestData.ApiV2Key);

        foreach (var body in new[] { PaymentBody, RefundBody })
        {
            var first = client.ReadNotification(NoHeaders, body);
            Assert.That(await client.CompleteNotificationAsync(first), Is.Null);

            var again = Assert.Throws<WeChatPayNotificationException>(() => client.ReadNotification(NoHeaders, body))!;
            Assert.That(again.Outcome, Is.EqualTo(WeChatPayNotificationOutcome.DoneBefore), first.EventType);
        }
    }

    [Test]
    public async Task Claims_keyed_from_the_APIv2_key_never_pass_for_claims_keyed_from_an_APIv3_key_of_the_same_text()
    {
        // The same 32 characters as both keys: only the derivation tells the two kinds of claims apart.
        var key = V2TestData.ApiV2Key;
        var store = new InMemoryNotificationStore();
        using var withApiV3 = Client(apiV3Key: key, key, store);
        using var apiV2Only = Client(apiV3Key: null, key, store);
        await withApiV3.CompleteNotificationAsync(withApiV3.ReadNotification(NoHeaders, PaymentBody));

        var receipt = await apiV2Only.ReceiveNotificationAsync(_ => null, System.Text.Encoding.UTF8.GetBytes(PaymentBody), (_, _) => Task.CompletedTask);

        Assert.That(receipt.Outcome, Is.EqualTo(WeChatPayNotificationOutcome.Handled), "the other derivation's done entry is not this client's");
        Assert.That(receipt.StoreProblem, Does.Contain("does not carry a valid authenticator"));
    }

    [Test]
    public async Task Two_APIv2_only_servers_on_one_store_process_a_notification_once()
    {
        var store = new InMemoryNotificationStore();
        using var a = Client(apiV3Key: null, V2TestData.ApiV2Key, store);
        using var b = Client(apiV3Key: null, V2TestData.ApiV2Key, store);
        var body = System.Text.Encoding.UTF8.GetBytes(RefundBody);

        var atA = await a.ReceiveNotificationAsync(_ => null, body, (_, _) => Task.CompletedTask);
        var atB = await b.ReceiveNotificationAsync(_ => null, body, (_, _) => throw new AssertionException("processed twice"));

        Assert.That((atA.Outcome, atB.Outcome), Is.EqualTo((WeChatPayNotificationOutcome.Handled, WeChatPayNotificationOutcome.DoneBefore)));
        Assert.That(atB.StoreProblem, Is.Null);
    }

    [Test]
    public void Without_either_key_an_XML_notification_names_the_APIv2_key()
    {
        using var client = Client(apiV3Key: null, apiV2Key: null);

        var e = Assert.Throws<InvalidOperationException>(() => client.ReadNotification(NoHeaders, PaymentBody))!;

        Assert.That(e.Message, Does.Contain("WeChatPayOptions.ApiV2Key").And.Not.Contain("ApiV3Key"));
    }

    [Test]
    public void An_APIv2_only_merchant_still_needs_the_APIv3_key_for_an_APIv3_notification()
    {
        using var client = Client(apiV3Key: null, V2TestData.ApiV2Key);
        var vector = CryptoTestData.Cases("notification.json").First();
        var headers = vector.GetProperty("headers").EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!));

        var e = Assert.Throws<InvalidOperationException>(() => client.ReadNotification(headers, vector.String("body")))!;

        Assert.That(e.Message, Does.Contain("WeChatPayOptions.ApiV3Key"));
    }
}
