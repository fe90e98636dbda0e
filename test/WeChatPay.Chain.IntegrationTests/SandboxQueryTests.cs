using System;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Shared;
using WeChatPay.Chain.Http;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// Queries agree with what the sandbox notified (delivered or withheld) and with the orders it saw created; with
/// <c>OrdersMustExist</c> an order or refund it never saw is a 404, as WeChat Pay answers.
/// </summary>
public class SandboxQueryTests : SandboxFixture
{
    private const string Mchid = SandboxOptions.DefaultMerchantId;

    protected override SandboxOptions? Options => new() { OrdersMustExist = true };

    private static JObject Paid(string outTradeNo, string transactionId) => new()
    {
        ["appid"] = "wxd678efh567hg6787",
        ["mchid"] = Mchid,
        ["out_trade_no"] = outTradeNo,
        ["transaction_id"] = transactionId,
        ["trade_type"] = "NATIVE",
        ["trade_state"] = "SUCCESS",
        ["trade_state_desc"] = "支付成功",
        ["bank_type"] = "CMC",
        ["attach"] = "cart-7",
        ["success_time"] = "2026-12-01T10:34:56+08:00",
        ["payer"] = new JObject { ["openid"] = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
        ["amount"] = new JObject { ["total"] = 100, ["payer_total"] = 100, ["currency"] = "CNY", ["payer_currency"] = "CNY" },
    };

    private static SandboxDeliveryOptions Withheld() => new() { Withhold = true };

    private async Task<JObject> ByOutTradeNo(string outTradeNo) =>
        (JObject)WeChatPayJson.Parse((await client.V3.Pay.Transactions.OutTradeNo[outTradeNo].GetAsync(new { mchid = Mchid })).Body);

    private async Task<JObject> ById(string transactionId) =>
        (JObject)WeChatPayJson.Parse((await client.V3.Pay.Transactions.Id[transactionId].GetAsync(new { mchid = Mchid })).Body);

    [Test]
    public async Task A_delivered_payment_notification_is_what_its_order_queries_answer()
    {
        await using var receiver = await ScriptedReceiver.StartAsync();
        var resource = Paid("Q-DELIVERED", "4200000000000000000000000101");

        var sent = await sandbox.NotifyAsync("TRANSACTION.SUCCESS", resource, new SandboxDeliveryOptions { Receivers = { receiver.Url } });

        Assert.That(sent.Acknowledged, Is.True);
        Assert.That(JToken.DeepEquals(await ByOutTradeNo("Q-DELIVERED"), resource), Is.True, "by out_trade_no: the notified resource");
        Assert.That(JToken.DeepEquals(await ById("4200000000000000000000000101"), resource), Is.True, "by transaction_id: the same");
    }

    [Test]
    public async Task A_withheld_notification_is_still_what_its_order_queries_answer()
    {
        var resource = Paid("Q-WITHHELD", "4200000000000000000000000102");
        resource["trade_state"] = "PAYERROR";
        resource["trade_state_desc"] = "支付失败，请重新下单支付";

        await sandbox.NotifyAsync("TRANSACTION.SUCCESS", resource, Withheld());

        var answer = await ByOutTradeNo("Q-WITHHELD");
        Assert.That((string?)answer["trade_state"], Is.EqualTo("PAYERROR"), "the state as notified");
        Assert.That(JToken.DeepEquals(answer, resource), Is.True, answer.ToString());
    }

    [Test]
    public async Task A_notification_without_a_trade_state_answers_the_state_of_its_event()
    {
        await sandbox.NotifyAsync("TRANSACTION.SUCCESS", new { mchid = Mchid, out_trade_no = "Q-NOSTATE" }, Withheld());

        Assert.That((string?)(await ByOutTradeNo("Q-NOSTATE"))["trade_state"], Is.EqualTo("SUCCESS"));
    }

    [Test]
    public async Task An_order_created_and_not_notified_is_NOTPAY_until_its_notification_and_a_close_makes_it_CLOSED()
    {
        foreach (var outTradeNo in new[] { "Q-CREATED", "Q-CLOSED" })
        {
            await client.V3.Pay.Transactions.Native.PostAsync(new
            {
                appid = "wxd678efh567hg6787", mchid = Mchid, description = "Image形象店-深圳腾大-QQ公仔", out_trade_no = outTradeNo,
                notify_url = "https://www.weixin.qq.com/wxpay/pay.php", amount = new { total = 100, currency = "CNY" }, attach = "cart-8",
            });
        }

        var unpaid = await ByOutTradeNo("Q-CREATED");
        Assert.That((string?)unpaid["trade_state"], Is.EqualTo("NOTPAY"));
        Assert.That((string?)unpaid["trade_state_desc"], Is.EqualTo("订单未支付"));
        Assert.That(((string?)unpaid["appid"], (string?)unpaid["mchid"], (string?)unpaid["out_trade_no"], (string?)unpaid["attach"], (int?)unpaid["amount"]!["total"]),
            Is.EqualTo(("wxd678efh567hg6787", Mchid, "Q-CREATED", "cart-8", 100)));
        Assert.That(unpaid["transaction_id"], Is.Null, "not paid: no WeChat Pay order number yet");

        await sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid("Q-CREATED", "4200000000000000000000000103"), Withheld());
        Assert.That((string?)(await ByOutTradeNo("Q-CREATED"))["trade_state"], Is.EqualTo("SUCCESS"), "paid once notified");

        await client.V3.Pay.Transactions.OutTradeNo["Q-CLOSED"].Close.PostAsync(new { mchid = Mchid });
        Assert.That((string?)(await ByOutTradeNo("Q-CLOSED"))["trade_state"], Is.EqualTo("CLOSED"));
    }

    [Test]
    public void An_order_never_seen_is_ORDER_NOT_EXIST_by_either_number()
    {
        var byOutTradeNo = Assert.ThrowsAsync<WeChatPayException>(() => ByOutTradeNo("Q-NEVER"));
        var byId = Assert.ThrowsAsync<WeChatPayException>(() => ById("4200000000000000000000000999"));

        foreach (var error in new[] { byOutTradeNo!, byId! })
        {
            Assert.That((error.StatusCode, error.Code, error.ErrorMessage), Is.EqualTo(((int?)404, "ORDER_NOT_EXIST", "订单不存在")));
        }
        Assert.That(sandbox.Calls[^1].StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task A_refund_answers_what_was_notified_and_one_never_seen_is_RESOURCE_NOT_EXISTS()
    {
        await sandbox.NotifyAsync("REFUND.SUCCESS", new
        {
            mchid = Mchid, out_trade_no = "Q-DELIVERED", transaction_id = "4200000000000000000000000101", out_refund_no = "QR-1",
            refund_id = "50000000382019052709732678859", refund_status = "SUCCESS", success_time = "2026-12-01T13:29:35+08:00",
            user_received_account = "招商银行信用卡0403", amount = new { total = 100, refund = 100, payer_total = 100, payer_refund = 100 },
        }, Withheld());

        var refund = (JObject)WeChatPayJson.Parse((await client.V3.Refund.Domestic.Refunds["QR-1"].GetAsync()).Body);
        Assert.That(((string?)refund["status"], (string?)refund["refund_id"], (string?)refund["out_trade_no"], (int?)refund["amount"]!["refund"]),
            Is.EqualTo(("SUCCESS", "50000000382019052709732678859", "Q-DELIVERED", 100)));
        Assert.That(refund["refund_status"], Is.Null, "the query names it status");

        var error = Assert.ThrowsAsync<WeChatPayException>(() => client.V3.Refund.Domestic.Refunds["QR-NEVER"].GetAsync());
        Assert.That((error!.StatusCode, error.Code), Is.EqualTo(((int?)404, "RESOURCE_NOT_EXISTS")));
    }

    [Test]
    public async Task A_refund_applied_for_answers_its_query_as_it_was_answered()
    {
        var applied = await client.V3.Refund.Domestic.Refunds.PostAsync(new
        {
            out_trade_no = "Q-DELIVERED", out_refund_no = "QR-APPLIED", amount = new { refund = 50, total = 100, currency = "CNY" },
        });

        var queried = await client.V3.Refund.Domestic.Refunds["QR-APPLIED"].GetAsync();

        Assert.That(JToken.DeepEquals(WeChatPayJson.Parse(queried.Body), WeChatPayJson.Parse(applied.Body)), Is.True, queried.Body);
    }

    [Test]
    public async Task A_service_provider_queries_its_sub_merchants_order_in_the_partner_form()
    {
        await sandbox.NotifyAsync("TRANSACTION.SUCCESS", new
        {
            sp_appid = "wx8888888888888888", sp_mchid = Mchid, sub_mchid = "1900000109", out_trade_no = "Q-PARTNER",
            transaction_id = "4200000000000000000000000104", trade_state = "SUCCESS",
        }, Withheld());

        var query = new { sp_mchid = Mchid, sub_mchid = "1900000109" };
        var byOutTradeNo = await client.V3.Pay.Partner.Transactions.OutTradeNo["Q-PARTNER"].GetAsync(query);
        var byId = await client.V3.Pay.Partner.Transactions.Id["4200000000000000000000000104"].GetAsync(query);

        Assert.That(((string?)byOutTradeNo.Data.sub_mchid, (string?)byOutTradeNo.Data.trade_state), Is.EqualTo(("1900000109", "SUCCESS")));
        Assert.That((string?)byId.Data.out_trade_no, Is.EqualTo("Q-PARTNER"));
    }

    [Test]
    public async Task The_backup_domain_answers_the_same_orders()
    {
        await sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid("Q-BACKUP", "4200000000000000000000000105"), Withheld());
        await using var backup = await sandbox.StartBackupAsync();
        var options = backup.ClientOptions();
        using var onBackup = new WeChatPayClient(options);

        var answer = await onBackup.V3.Pay.Transactions.OutTradeNo["Q-BACKUP"].GetAsync(new { mchid = Mchid });

        Assert.That((string?)answer.Data.transaction_id, Is.EqualTo("4200000000000000000000000105"));
    }

    [Test]
    public async Task Notifications_and_queries_at_the_same_time_each_answer_their_own_order()
    {
        var orders = Enumerable.Range(0, 40).Select(i => $"Q-MANY-{i}").ToArray();

        await Task.WhenAll(orders.Select(async (outTradeNo, i) =>
        {
            await sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid(outTradeNo, $"42000000000000000000{i:D8}"), Withheld());
            var answer = await ByOutTradeNo(outTradeNo);
            Assert.That((string?)answer["transaction_id"], Is.EqualTo($"42000000000000000000{i:D8}"));
        }));
    }

    [Test]
    public async Task Without_OrdersMustExist_an_order_never_seen_answers_a_placeholder_and_a_notified_one_what_was_notified()
    {
        await using var lenient = await WeChatPaySandbox.StartAsync();
        using var wxpay = new WeChatPayClient(lenient.ClientOptions());
        await lenient.NotifyAsync("TRANSACTION.SUCCESS", Paid("Q-LENIENT", "4200000000000000000000000106"), Withheld());

        var never = await wxpay.V3.Pay.Transactions.OutTradeNo["Q-NEVER"].GetAsync(new { mchid = Mchid });
        var notified = await wxpay.V3.Pay.Transactions.OutTradeNo["Q-LENIENT"].GetAsync(new { mchid = Mchid });

        Assert.That(((int)never.StatusCode, (string?)never.Data.out_trade_no), Is.EqualTo((200, "Q-NEVER")));
        Assert.That((string?)notified.Data.transaction_id, Is.EqualTo("4200000000000000000000000106"));
    }
}
