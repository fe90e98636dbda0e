using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// <c>NotifyV2PaymentAsync</c> / <c>NotifyV2RefundAsync</c>: APIv2 notifications as WeChat Pay sends them (支付结果通知 signed
/// with the APIv2 key; 退款结果通知 with <c>req_info</c>), checked here with the tests' own XML, sign and AES code, delivered
/// by the same machinery as v3's and judged acknowledged as WeChat Pay judges a v2 answer (<c>return_code</c> SUCCESS).
/// </summary>
public class SandboxV2NotifyTests : SandboxFixture
{
    private const string Success = "<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>";
    private const string Fail = "<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[busy]]></return_msg></xml>";

    private static readonly JObject Vectors = JObject.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "v2.json")));

    private static SandboxDeliveryOptions Once(string receiver) => new() { Receivers = { receiver }, RetrySchedule = Array.Empty<TimeSpan>() };

    private static Dictionary<string, string> Fields(string xml, string root = "xml")
    {
        var element = XDocument.Parse(xml).Root!;
        Assert.That(element.Name.LocalName, Is.EqualTo(root));
        return element.Elements().ToDictionary(e => e.Name.LocalName, e => e.Value, StringComparer.Ordinal);
    }

    // The tests' own AES-256-ECB: the key the 32 ASCII bytes of the lower-case hex MD5 of the APIv2 key, PKCS#7.
    private static string OpenReqInfo(string reqInfo, string apiV2Key)
    {
        using var aes = Aes.Create();
        aes.Key = Encoding.ASCII.GetBytes(Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(apiV2Key))).ToLowerInvariant());
        return Encoding.UTF8.GetString(aes.DecryptEcb(Convert.FromBase64String(reqInfo), PaddingMode.PKCS7));
    }

    private static async Task<ScriptedReceiver> AcknowledgingReceiver()
    {
        var receiver = await ScriptedReceiver.StartAsync(200);
        receiver.Body = _ => Success;
        return receiver;
    }

    [Test]
    public async Task A_payment_notification_has_the_documented_fields_and_a_sign_made_with_the_APIv2_key()
    {
        await using var receiver = await AcknowledgingReceiver();

        var sent = await sandbox.NotifyV2PaymentAsync(new { out_trade_no = "V2N-0001", total_fee = 888, attach = "支付测试&a=1<b>" }, Once(receiver.Url));

        var arrival = receiver.Arrivals.Single();
        var fields = Fields(Encoding.UTF8.GetString(arrival.Body));
        Assert.That(sent.Acknowledged, Is.True, sent.ToString());
        Assert.That(sent.EventType, Is.EqualTo("v2.pay"));
        Assert.That(fields, Does.ContainKey("appid").And.ContainKey("openid").And.ContainKey("trade_type").And.ContainKey("bank_type").And.ContainKey("is_subscribe"));
        Assert.That((fields["return_code"], fields["result_code"], fields["mch_id"]), Is.EqualTo(("SUCCESS", "SUCCESS", "1900000001")));
        Assert.That((fields["out_trade_no"], fields["total_fee"], fields["cash_fee"], fields["attach"]), Is.EqualTo(("V2N-0001", "888", "888", "支付测试&a=1<b>")));
        Assert.That(fields["transaction_id"], Does.Match("^4200[0-9]{24}$"));
        Assert.That(fields["time_end"], Does.Match("^20[0-9]{12}$"));
        Assert.That(fields["nonce_str"], Does.Match("^[0-9A-Za-z]{32}$").And.EqualTo(sent.NotificationId));
        Assert.That(fields, Does.Not.ContainKey("sign_type"), "MD5 is the default and goes unnamed");
        Assert.That(fields["sign"], Is.EqualTo(V2Requests.Sign(fields, sandbox.ApiV2Key, "MD5")));
        Assert.That(arrival.Headers["Content-Type"], Does.StartWith("text/xml"));
        Assert.That(arrival.Headers, Does.ContainKey("Request-ID"));
        Assert.That(arrival.Headers.Keys.Where(k => k.StartsWith("Wechatpay-", StringComparison.OrdinalIgnoreCase)), Is.Empty, "v2 carries no v3 signature headers");
    }

    [Test]
    public async Task A_payment_notification_asked_for_HMAC_SHA256_is_signed_so_and_says_so()
    {
        await using var receiver = await AcknowledgingReceiver();

        await sandbox.NotifyV2PaymentAsync(new Dictionary<string, object> { ["out_trade_no"] = "V2N-0002", ["sign_type"] = "HMAC-SHA256" }, Once(receiver.Url));

        var fields = Fields(Encoding.UTF8.GetString(receiver.Arrivals.Single().Body));
        Assert.That(fields["sign_type"], Is.EqualTo("HMAC-SHA256"));
        Assert.That(fields["sign"], Is.EqualTo(V2Requests.Sign(fields, sandbox.ApiV2Key, "HMAC-SHA256")).And.Length.EqualTo(64));
    }

    [Test]
    public async Task A_refund_notification_carries_the_refund_in_req_info_encrypted_with_the_APIv2_key()
    {
        await using var receiver = await AcknowledgingReceiver();

        var sent = await sandbox.NotifyV2RefundAsync(
            new { out_refund_no = "V2R-0001", out_trade_no = "V2N-0001", refund_fee = 88, total_fee = 888, sub_mch_id = "1900000109" }, Once(receiver.Url));

        var outer = Fields(Encoding.UTF8.GetString(receiver.Arrivals.Single().Body));
        Assert.That(sent.EventType, Is.EqualTo("v2.refund"));
        Assert.That(outer.Keys, Is.EquivalentTo(new[] { "return_code", "appid", "mch_id", "sub_mch_id", "nonce_str", "req_info" }), "no sign: req_info authenticates it");
        Assert.That((outer["return_code"], outer["mch_id"], outer["sub_mch_id"]), Is.EqualTo(("SUCCESS", "1900000001", "1900000109")));
        var refund = Fields(OpenReqInfo(outer["req_info"], sandbox.ApiV2Key), root: "root");
        Assert.That(refund.Keys, Is.SupersetOf(new[]
        {
            "out_refund_no", "refund_id", "out_trade_no", "transaction_id", "refund_fee", "total_fee", "refund_status", "success_time",
            "refund_recv_accout", "refund_account", "refund_request_source", "settlement_refund_fee", "settlement_total_fee",
        }));
        Assert.That(refund, Does.Not.ContainKey("sub_mch_id").And.Not.ContainKey("mch_id"));
        Assert.That((refund["out_refund_no"], refund["out_trade_no"], refund["refund_fee"], refund["total_fee"], refund["refund_status"]),
            Is.EqualTo(("V2R-0001", "V2N-0001", "88", "888", "SUCCESS")));
        Assert.That((refund["settlement_refund_fee"], refund["settlement_total_fee"]), Is.EqualTo(("88", "888")));
        Assert.That(refund["success_time"], Does.Match(@"^20\d\d-\d\d-\d\d \d\d:\d\d:\d\d$"));
    }

    [Test]
    public async Task What_the_sandbox_sends_the_client_reads()
    {
        await using var receiver = await AcknowledgingReceiver();
        await sandbox.NotifyV2PaymentAsync(new { out_trade_no = "V2N-0003" }, Once(receiver.Url));
        await sandbox.NotifyV2RefundAsync(new { out_refund_no = "V2R-0003", out_trade_no = "V2N-0003" }, Once(receiver.Url));

        var read = receiver.Arrivals.Select(a => client.ReadNotification(Array.Empty<KeyValuePair<string, string>>(), Encoding.UTF8.GetString(a.Body))).ToArray();

        Assert.That(read.Select(n => n.EventType), Is.EqualTo(new[] { "v2.pay", "v2.refund" }));
        Assert.That(((string)read[0].Resource!.out_trade_no, (string)read[1].Resource!.out_refund_no), Is.EqualTo(("V2N-0003", "V2R-0003")));
    }

    [Test]
    public async Task Only_return_code_SUCCESS_acknowledges_a_v2_notification_and_each_retry_is_the_same_notification()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(n => (n == 1 ? 204 : 200, TimeSpan.Zero));
        receiver.Body = n => n switch { 1 => null, 2 => Fail, 3 => "OK", _ => Success };
        var options = new SandboxDeliveryOptions { Receivers = { receiver.Url }, RetrySchedule = Enumerable.Repeat(TimeSpan.FromMilliseconds(20), 5).ToArray() };

        var sent = await sandbox.NotifyV2PaymentAsync(new { out_trade_no = "V2N-0004" }, options);

        Assert.That(sent.Deliveries.Select(d => (d.StatusCode, d.Acknowledged)), Is.EqualTo(new (int?, bool)[] { (204, false), (200, false), (200, false), (200, true) }),
            "a v3-style 204, return_code FAIL and a body that is not v2's XML are not acknowledgements");
        Assert.That(sent.Acknowledged, Is.True);
        Assert.That(receiver.Arrivals.Select(a => a.Body), Is.All.EqualTo(receiver.Arrivals[0].Body), "one notification, sent again as it was");
        Assert.That(receiver.Arrivals.Select(a => a.Headers["Request-ID"]).Distinct().Count(), Is.EqualTo(4));
    }

    [Test]
    public async Task Copies_of_a_refund_notification_arrive_together_with_one_body()
    {
        await using var receiver = await AcknowledgingReceiver();
        var options = Once(receiver.Url);
        options.Copies = 2;

        var sent = await sandbox.NotifyV2RefundAsync(new { out_refund_no = "V2R-0005", out_trade_no = "V2N-0005" }, options);

        Assert.That(sent.Deliveries.Select(d => (d.Attempt, d.Copy, d.Acknowledged)), Is.EqualTo(new[] { (1, 1, true), (1, 2, true) }));
        Assert.That(receiver.Arrivals[1].Body, Is.EqualTo(receiver.Arrivals[0].Body));
    }

    [Test]
    public void The_sandboxs_req_info_encryption_gives_the_known_answers()
    {
        foreach (var c in Vectors["refund_req_info"]!["cases"]!)
            Assert.That(SandboxReqInfo.Encrypt((string)c["apiv2_key"]!, (string)c["plaintext"]!), Is.EqualTo((string)c["req_info"]!), (string?)c["name"]);
    }

    private static IEnumerable<TestCaseData> BadFields()
    {
        yield return new TestCaseData(true, new { total_fee = 1 }, "out_trade_no").SetName("A payment without out_trade_no is refused");
        yield return new TestCaseData(false, new { out_trade_no = "T" }, "out_refund_no").SetName("A refund without out_refund_no is refused");
        yield return new TestCaseData(false, new { out_refund_no = "R" }, "out_trade_no").SetName("A refund without out_trade_no is refused");
        yield return new TestCaseData(true, new { out_trade_no = "T", sign = "ABC" }, "sign").SetName("A sign given is refused: the sandbox signs");
        yield return new TestCaseData(true, new { out_trade_no = "T", sign_type = "SHA1" }, "sign_type").SetName("An unknown sign_type is refused");
        yield return new TestCaseData(true, new { out_trade_no = "T", detail = new { a = 1 } }, "detail").SetName("A nested field is refused");
        yield return new TestCaseData(false, new { out_refund_no = "R", out_trade_no = "T", req_info = "x" }, "req_info").SetName("A req_info given is refused: the sandbox encrypts");
    }

    [TestCaseSource(nameof(BadFields))]
    public void Bad_fields_are_refused_before_anything_is_sent(bool payment, object fields, string named)
    {
        var options = Once("http://127.0.0.1:9/notify");
        var error = Assert.ThrowsAsync<ArgumentException>(() => payment ? sandbox.NotifyV2PaymentAsync(fields, options) : sandbox.NotifyV2RefundAsync(fields, options))!;
        Assert.That(error.Message, Does.Contain(named));
        Assert.That(error.ParamName, Is.EqualTo("fields"));
    }

    [Test]
    public void Missing_fields_or_options_are_refused()
    {
        Assert.ThrowsAsync<ArgumentNullException>(() => sandbox.NotifyV2PaymentAsync(null!, Once("http://127.0.0.1:9/notify")));
        Assert.ThrowsAsync<ArgumentNullException>(() => sandbox.NotifyV2RefundAsync(new { out_refund_no = "R", out_trade_no = "T" }, null!));
    }
}
