using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// The sandbox's APIv2 bills, asked for with the tests' own signing code (not the client's): downloadbill by bill_date and
/// bill_type, downloadfundflow by bill_date and account_type, text in WeChat Pay's documented format or gzip, and the XML
/// that says why there is none.
/// </summary>
public class SandboxV2BillTests : SandboxFixture
{
    private const string Day = "20251121";
    private const string NoBillDay = "20991231"; // a day that has not ended: no bill yet

    private string Key => sandbox.ApiV2Key;

    [SetUp]
    public void Size() => sandbox.BillSize = 4096;

    private static Dictionary<string, string> Trade(string date, string? billType = null, bool gzip = false)
    {
        var fields = new Dictionary<string, string> { ["appid"] = "wxd678efh567hg6787", ["mch_id"] = "1900000001", ["bill_date"] = date };
        if (billType is not null) fields["bill_type"] = billType;
        if (gzip) fields["tar_type"] = "GZIP";
        return fields;
    }

    private static Dictionary<string, string> Fund(string date, string accountType, bool gzip = false)
    {
        var fields = new Dictionary<string, string> { ["appid"] = "wxd678efh567hg6787", ["mch_id"] = "1900000001", ["bill_date"] = date, ["account_type"] = accountType };
        if (gzip) fields["tar_type"] = "GZIP";
        return fields;
    }

    // downloadfundflow needs the merchant's client certificate: it goes to the TLS address with it.
    private async Task<(int Status, string? MediaType, byte[] Body)> Post(string path, Dictionary<string, string> fields, string? signType = null)
    {
        var xml = V2Requests.Xml(V2Requests.Signed(fields, Key, signType));
        if (path != "pay/downloadfundflow") return await V2Requests.PostRawAsync(sandbox.BaseUrl, path, xml);
        using var handler = sandbox.CreateTrustingHandler(presentMerchantCertificate: true);
        return await V2Requests.PostRawAsync(sandbox.TlsBaseUrl!, path, xml, handler);
    }

    private static Dictionary<string, string> XmlFields(byte[] body) =>
        System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(body)).Root!.Elements().ToDictionary(e => e.Name.LocalName, e => e.Value);

    private static byte[] Inflate(byte[] packed)
    {
        using var plain = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress)) gzip.CopyTo(plain);
        return plain.ToArray();
    }

    [TestCase(null, "ALL")]
    [TestCase("ALL", "ALL")]
    [TestCase("SUCCESS", "SUCCESS")]
    [TestCase("REFUND", "REFUND")]
    [TestCase("RECHARGE_REFUND", "RECHARGE_REFUND")]
    public async Task A_trade_bill_is_the_documented_text_and_adds_up(string? billType, string kind)
    {
        var (status, type, body) = await Post("pay/downloadbill", Trade(Day, billType));

        Assert.That((status, type), Is.EqualTo((200, "text/plain")));
        var bill = V2Bill.Read(Encoding.UTF8.GetString(body));
        var (header, summary) = V2Bill.Documented(kind);
        Assert.Multiple(() =>
        {
            Assert.That(bill.Header, Is.EqualTo(header));
            Assert.That(bill.SummaryHeader, Is.EqualTo(summary));
            Assert.That(bill.Rows, Is.Not.Empty);
            Assert.That(bill.Rows.Select(r => r[0]), Has.All.StartWith("2025-11-21 "), "the rows are of the day asked for");
            Assert.That(bill.Rows.Select(r => r[2]), Has.All.EqualTo("1900000001"));
            Assert.That(bill.Summary[0], Is.EqualTo(bill.Rows.Count.ToString()), "the summary counts the rows");
            Assert.That(body.Length, Is.GreaterThanOrEqualTo(4096).And.LessThan(4096 + 1024), "about BillSize bytes");
        });
        var state = Array.IndexOf(header.Split(','), "交易状态");
        var refunds = bill.Rows.Count(r => r[state] == "REFUND");
        Assert.That(refunds, kind switch
        {
            "SUCCESS" => Is.Zero,
            "ALL" => Is.Positive.And.LessThan(bill.Rows.Count),
            _ => Is.EqualTo(bill.Rows.Count),
        });
        var settled = Array.IndexOf(header.Split(','), "应结订单金额");
        Assert.That(V2Bill.Amount(bill.Summary[1]), Is.EqualTo(bill.Rows.Sum(r => V2Bill.Amount(r[settled]))), "应结订单总金额 is the sum of the rows");
    }

    [TestCase("Basic")]
    [TestCase("Operation")]
    [TestCase("Fees")]
    public async Task A_fund_flow_bill_is_the_documented_text_and_adds_up(string accountType)
    {
        var (status, _, body) = await Post("pay/downloadfundflow", Fund(Day, accountType), "HMAC-SHA256");

        Assert.That(status, Is.EqualTo(200));
        var bill = V2Bill.Read(Encoding.UTF8.GetString(body));
        Assert.That((bill.Header, bill.SummaryHeader), Is.EqualTo((V2Bill.FundHeader, V2Bill.FundSummary)));
        var income = bill.Rows.Where(r => r[5] == "收入").ToList();
        var expenses = bill.Rows.Where(r => r[5] == "支出").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(income.Count + expenses.Count, Is.EqualTo(bill.Rows.Count), "every row is 收入 or 支出");
            Assert.That(bill.Summary[0], Is.EqualTo(bill.Rows.Count.ToString()));
            Assert.That((bill.Summary[1], bill.Summary[3]), Is.EqualTo((income.Count.ToString(), expenses.Count.ToString())));
            Assert.That(V2Bill.Amount(bill.Summary[2]), Is.EqualTo(income.Sum(r => V2Bill.Amount(r[6]))));
            Assert.That(V2Bill.Amount(bill.Summary[4]), Is.EqualTo(expenses.Sum(r => V2Bill.Amount(r[6]))));
            Assert.That(bill.Rows.Select(r => r[0]), Has.All.StartWith("2025-11-21 "));
        });
    }

    [TestCase("pay/downloadbill")]
    [TestCase("pay/downloadfundflow")]
    public async Task With_tar_type_GZIP_the_same_bill_comes_gzip_compressed(string path)
    {
        var fund = path.EndsWith("fundflow", StringComparison.Ordinal);
        var signType = fund ? "HMAC-SHA256" : null;

        var plain = await Post(path, fund ? Fund(Day, "Basic") : Trade(Day, "ALL"), signType);
        var packed = await Post(path, fund ? Fund(Day, "Basic", gzip: true) : Trade(Day, "ALL", gzip: true), signType);

        Assert.That(packed.MediaType, Is.EqualTo("application/x-gzip"));
        Assert.That(packed.Body.Take(2), Is.EqualTo(new byte[] { 0x1F, 0x8B }));
        Assert.That(Inflate(packed.Body), Is.EqualTo(plain.Body), "the same bill, deterministic for its day and type");
    }

    [Test]
    public async Task A_trade_bill_of_a_day_without_one_is_the_documented_xml_error()
    {
        var (status, _, body) = await Post("pay/downloadbill", Trade(NoBillDay, "ALL"));

        Assert.That(status, Is.EqualTo(200));
        Assert.That(XmlFields(body), Is.EqualTo(new Dictionary<string, string> { ["return_code"] = "FAIL", ["return_msg"] = "No Bill Exist", ["error_code"] = "20002" }),
            "no sign: the error is documented sign-less");
        Assert.That(sandbox.Calls[^1].ErrorCode, Is.EqualTo("20002"));
        Assert.That(sandbox.Calls[^1].FailedCheck, Is.Null, "a missing bill is an answer, not a failed check");
    }

    [Test]
    public async Task A_fund_flow_bill_of_a_day_without_one_is_a_result_code_failure()
    {
        var (_, _, body) = await Post("pay/downloadfundflow", Fund(NoBillDay, "Basic"), "HMAC-SHA256");

        var fields = XmlFields(body);
        Assert.That((fields["return_code"], fields["result_code"], fields["err_code"], fields["err_code_des"]),
            Is.EqualTo(("SUCCESS", "FAIL", "NO_BILL_EXIST", "账单不存在")));
        Assert.That(fields.ContainsKey("sign"), Is.False);
    }

    [Test]
    public async Task Today_has_no_bill_yet_by_the_sandbox_clock()
    {
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddMinutes(1).ToString("yyyyMMdd");

        var (_, _, body) = await Post("pay/downloadbill", Trade(today));

        Assert.That(XmlFields(body)["return_msg"], Is.EqualTo("No Bill Exist"));
    }

    [TestCase("pay/downloadbill", "bill_date", "2025-11-21", "invalid bill_date")]
    [TestCase("pay/downloadbill", "bill_date", "20251332", "invalid bill_date")]
    [TestCase("pay/downloadbill", "bill_type", "PAY", "invalid bill_type")]
    [TestCase("pay/downloadbill", "tar_type", "ZIP", "invalid tar_type")]
    [TestCase("pay/downloadfundflow", "account_type", "BASIC", "account_type参数错误")]
    [TestCase("pay/downloadfundflow", "bill_date", "2025112", "bill_date参数错误")]
    public async Task A_wrong_parameter_is_refused_in_the_operations_own_error_form(string path, string field, string value, string message)
    {
        var fund = path.EndsWith("fundflow", StringComparison.Ordinal);
        var fields = fund ? Fund(Day, "Basic") : Trade(Day);
        fields[field] = value;

        var (_, _, body) = await Post(path, fields, fund ? "HMAC-SHA256" : null);

        var answer = XmlFields(body);
        Assert.That(fund ? answer["err_code_des"] : answer["return_msg"], Does.StartWith(message));
        Assert.That(fund ? answer["err_code"] : answer["return_code"], Is.EqualTo(fund ? "PARAM_ERROR" : "FAIL"));
        Assert.That(sandbox.Calls[^1].FailedCheck, Is.EqualTo(SandboxCheck.Parameters));
    }

    [Test]
    public async Task A_fund_flow_bill_is_signed_HMAC_SHA256_only()
    {
        var (_, _, md5) = await Post("pay/downloadfundflow", Fund(Day, "Basic"), "MD5");
        var (_, _, none) = await Post("pay/downloadfundflow", Fund(Day, "Basic"));

        Assert.That(XmlFields(md5)["err_code_des"], Does.Contain("HMAC-SHA256 only"));
        Assert.That(XmlFields(none)["err_code_des"], Is.EqualTo("缺少参数sign_type"), "documented as required");
    }

    [Test]
    public async Task A_bill_request_whose_sign_does_not_hold_gets_no_bill()
    {
        var request = V2Requests.Signed(Trade(Day), Key);
        request["bill_date"] = "20251120"; // changed after signing

        var (_, _, body) = await V2Requests.PostRawAsync(sandbox.BaseUrl, "pay/downloadbill", V2Requests.Xml(request));

        Assert.That(XmlFields(body), Is.EqualTo(new Dictionary<string, string> { ["return_code"] = "FAIL", ["return_msg"] = "签名错误" }));
    }

    [Test]
    public async Task A_large_bill_is_generated_as_it_is_sent()
    {
        sandbox.BillSize = 8L * 1024 * 1024;

        var (_, _, body) = await Post("pay/downloadbill", Trade(Day, "ALL"));

        var bill = V2Bill.Read(Encoding.UTF8.GetString(body));
        Assert.That(body.Length, Is.GreaterThanOrEqualTo(8L * 1024 * 1024));
        Assert.That(bill.Summary[0], Is.EqualTo(bill.Rows.Count.ToString()));
    }
}
