using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// APIv2 bills streamed by the client from the sandbox, which serves them with its own code: trade bills and (with the
/// merchant's client certificate, over the sandbox's TLS address) fund flow bills, every call style, plain and gzip, the
/// XML error of a day without a bill (nothing written), hostile answers refused.
/// </summary>
public class V2BillDownloadTests : SandboxFixture
{
    private const string Day = "20251121";
    private string _directory = null!;
    private WeChatPayClient _tls = null!;

    // downloadfundflow is a security operation: a client of the sandbox's TLS address, which presents the merchant certificate.
    [OneTimeSetUp]
    public void StartTlsClient() => _tls = new WeChatPayClient(sandbox.TlsClientOptions());

    [OneTimeTearDown]
    public void StopTlsClient() => _tls.Dispose();

    [SetUp]
    public void Folder()
    {
        sandbox.BillSize = 4096;
        _directory = Path.Combine(Path.GetTempPath(), "wxpay-v2bills-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_directory, recursive: true);

    private static object Trade(string date = Day, string billType = "ALL", bool gzip = false) => gzip
        ? new { appid = "wxd678efh567hg6787", mch_id = "1900000001", bill_date = date, bill_type = billType, tar_type = "GZIP" }
        : new { appid = "wxd678efh567hg6787", mch_id = "1900000001", bill_date = date, bill_type = billType };

    private static object Fund(string date = Day, string accountType = "Basic", bool gzip = false) => gzip
        ? new { appid = "wxd678efh567hg6787", mch_id = "1900000001", bill_date = date, account_type = accountType, sign_type = "HMAC-SHA256", tar_type = "GZIP" }
        : new { appid = "wxd678efh567hg6787", mch_id = "1900000001", bill_date = date, account_type = accountType, sign_type = "HMAC-SHA256" };

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static byte[] Inflate(byte[] packed)
    {
        using var plain = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress)) gzip.CopyTo(plain);
        return plain.ToArray();
    }

    [TestCase("Chain")]
    [TestCase("indexer")]
    [TestCase("typed")]
    [TestCase("dynamic")]
    [TestCase("to a file")]
    [TestCase("dynamic to a file")]
    [TestCase("sync to a file")]
    public async Task A_trade_bill_streams_in_each_call_style(string style)
    {
        var path = Path.Combine(_directory, "bill.csv");
        using var stream = new MemoryStream();
        dynamic root = client;

        WeChatPayDownload download = style switch
        {
            "Chain" => await client.Chain("v2/pay/downloadbill").DownloadAsync(stream, Trade()),
            "indexer" => await client["v2/pay/downloadbill"].DownloadAsync(stream, Trade()),
            "typed" => await client.V2.Pay.Downloadbill.DownloadAsync(stream, Trade()),
            "dynamic" => await root.V2.Pay.Downloadbill.DownloadAsync(stream, Trade()),
            "to a file" => await client.Chain("v2/pay/downloadbill").DownloadToFileAsync(path, Trade()),
            "dynamic to a file" => await root.V2.Pay.Downloadbill.DownloadToFileAsync(path, Trade()),
            _ => client["v2/pay/downloadbill"].DownloadToFile(path, Trade()),
        };

        var bytes = style.EndsWith("a file", StringComparison.Ordinal) ? File.ReadAllBytes(path) : stream.ToArray();
        var bill = V2Bill.Read(Text(bytes));
        Assert.That((bill.Header, bill.SummaryHeader), Is.EqualTo((V2Bill.AllHeader, V2Bill.TradeSummary)));
        Assert.That(download.Length, Is.EqualTo(bytes.Length));
        Assert.That((download.StatusCode, download.Decompressed, download.HashValue), Is.EqualTo((200, false, (string?)null)));
        var call = sandbox.Calls[^1];
        Assert.That((call.Method, call.Path, call.Operation, call.ErrorCode), Is.EqualTo(("POST", "/pay/downloadbill", "POST v2/pay/downloadbill", (string?)null)));
    }

    [TestCase("SUCCESS")]
    [TestCase("REFUND")]
    [TestCase("RECHARGE_REFUND")]
    public async Task Each_bill_type_has_its_documented_header(string billType)
    {
        using var stream = new MemoryStream();

        await client.Chain("v2/pay/downloadbill").DownloadAsync(stream, Trade(billType: billType));

        var bill = V2Bill.Read(Text(stream.ToArray()));
        Assert.That((bill.Header, bill.SummaryHeader), Is.EqualTo(V2Bill.Documented(billType)));
    }

    [Test]
    public async Task A_gzip_bill_is_inflated_on_request_and_otherwise_kept_as_sent()
    {
        using var plain = new MemoryStream();
        using var inflated = new MemoryStream();
        using var kept = new MemoryStream();

        await client.Chain("v2/pay/downloadbill").DownloadAsync(plain, Trade());
        var decompressed = await client.Chain("v2/pay/downloadbill").DownloadAsync(inflated, Trade(gzip: true), decompress: true);
        var asSent = await client.Chain("v2/pay/downloadbill").DownloadAsync(kept, Trade(gzip: true));

        Assert.That(decompressed.Decompressed, Is.True);
        Assert.That(inflated.ToArray(), Is.EqualTo(plain.ToArray()));
        Assert.That(asSent.Decompressed, Is.False);
        Assert.That(kept.ToArray().Take(2), Is.EqualTo(new byte[] { 0x1F, 0x8B }));
        Assert.That(Inflate(kept.ToArray()), Is.EqualTo(plain.ToArray()));
    }

    [Test]
    public void A_day_without_a_bill_is_the_v2_error_and_nothing_is_written()
    {
        using var stream = new MemoryStream();
        var path = Path.Combine(_directory, "none.csv");

        var error = Assert.ThrowsAsync<WeChatPayException>(() => client.Chain("v2/pay/downloadbill").DownloadAsync(stream, Trade(date: "20991231")));
        var toFile = Assert.ThrowsAsync<WeChatPayException>(() => client.Chain("v2/pay/downloadbill").DownloadToFileAsync(path, Trade(date: "20991231")));
        var posted = Assert.ThrowsAsync<WeChatPayException>(() => client.Chain("v2/pay/downloadbill").PostAsync(Trade(date: "20991231")));

        Assert.Multiple(() =>
        {
            Assert.That(stream.Length, Is.Zero);
            Assert.That(Directory.GetFiles(_directory), Is.Empty, "neither the file nor its .partial");
            Assert.That((error!.Code, error.ErrorMessage, error.StatusCode), Is.EqualTo(("20002", "No Bill Exist", (int?)200)));
            Assert.That(error.Message, Does.Contain("POST /pay/downloadbill failed").And.Contain("No Bill Exist"));
            Assert.That((toFile!.Code, posted!.Code), Is.EqualTo(("20002", "20002")), "the same error whichever way it is called");
        });
    }

    [Test]
    public void A_wrong_bill_type_is_refused_by_WeChat_Pays_answer()
    {
        var error = Assert.ThrowsAsync<WeChatPayException>(() => client.Chain("v2/pay/downloadbill").DownloadAsync(Stream.Null, Trade(billType: "PAY")));

        Assert.That((error!.Code, error.ErrorMessage), Is.EqualTo(("FAIL", "invalid bill_type (ALL, SUCCESS, REFUND or RECHARGE_REFUND)")));
    }

    [Test]
    public async Task PostAsync_still_answers_the_whole_bill()
    {
        var res = await client.Chain("v2/pay/downloadbill").PostAsync(Trade());

        Assert.That(V2Bill.Read(res.Body).Header, Is.EqualTo(V2Bill.AllHeader));
        Assert.That(res.Json, Is.Null);
    }

    [Test]
    public async Task A_large_gzip_bill_streams_through()
    {
        sandbox.BillSize = 20L * 1024 * 1024;
        using var sink = new CountingStream();

        var download = await client.Chain("v2/pay/downloadbill").DownloadAsync(sink, Trade(gzip: true), decompress: true);

        Assert.That(download.Length, Is.GreaterThanOrEqualTo(20L * 1024 * 1024).And.EqualTo(sink.Written));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_gzip_bill_beyond_MaxDecompressedBillSize_is_stopped(bool decompress)
    {
        sandbox.BillSize = 1024 * 1024;
        var options = sandbox.ClientOptions();
        options.MaxDecompressedBillSize = 64 * 1024;
        using var bounded = new WeChatPayClient(options);
        using var sink = new CountingStream();

        var error = Assert.ThrowsAsync<WeChatPayException>(() => bounded.Chain("v2/pay/downloadbill").DownloadAsync(sink, Trade(gzip: true), decompress: decompress));

        Assert.That(error!.Message, Does.Contain("inflates to more than WeChatPayOptions.MaxDecompressedBillSize (65536 bytes)"));
        Assert.That(sink.Written, Is.LessThanOrEqualTo(64 * 1024));
    }

    [TestCase("<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><return_code>FAIL</return_code><return_msg>&e;</return_msg></xml>")]
    [TestCase("<?xml version=\"1.0\"?><!DOCTYPE xml SYSTEM \"http://127.0.0.1:1/x.dtd\"><xml><return_code>FAIL</return_code></xml>")]
    public void An_xml_answer_with_a_dtd_is_refused_and_nothing_is_written(string xml)
    {
        var body = Encoding.UTF8.GetBytes(xml);
        using var hostile = LoopbackServer.Answering(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n").Concat(body).ToArray());
        var options = sandbox.ClientOptions();
        options.BaseUrl = hostile.BaseUrl;
        using var lied = new WeChatPayClient(options);
        using var stream = new MemoryStream();

        var error = Assert.ThrowsAsync<WeChatPayException>(() => lied.Chain("v2/pay/downloadbill").DownloadAsync(stream, Trade()));

        Assert.That(error!.InnerException, Is.InstanceOf<System.Xml.XmlException>());
        Assert.That(error.Message, Does.Contain("not a readable APIv2 answer").And.Not.Contain("root:"));
        Assert.That(stream.Length, Is.Zero);
        Assert.That(hostile.Accepted, Is.EqualTo(1), "sent once, not again");
    }

    [TestCase("Chain")]
    [TestCase("indexer")]
    [TestCase("typed")]
    [TestCase("dynamic")]
    [TestCase("sync to a file")]
    public async Task A_fund_flow_bill_streams_with_the_client_certificate_in_each_call_style(string style)
    {
        var path = Path.Combine(_directory, "fundflow.csv");
        using var stream = new MemoryStream();
        dynamic root = _tls;

        WeChatPayDownload download = style switch
        {
            "Chain" => await _tls.Chain("v2/pay/downloadfundflow").DownloadAsync(stream, Fund()),
            "indexer" => await _tls["v2/pay/downloadfundflow"].DownloadAsync(stream, Fund(accountType: "Operation")),
            "typed" => await _tls.V2.Pay.Downloadfundflow.DownloadToFileAsync(path, Fund(gzip: true), decompress: true),
            "dynamic" => await root.V2.Pay.Downloadfundflow.DownloadAsync(stream, Fund(accountType: "Fees")),
            _ => _tls.Chain("v2/pay/downloadfundflow").DownloadToFile(path, Fund()),
        };

        var bytes = style is "sync to a file" or "typed" ? File.ReadAllBytes(path) : stream.ToArray();
        var bill = V2Bill.Read(Text(bytes));
        Assert.That((bill.Header, bill.SummaryHeader), Is.EqualTo((V2Bill.FundHeader, V2Bill.FundSummary)));
        Assert.That(download.Length, Is.EqualTo(bytes.Length));
        var call = sandbox.Calls[^1];
        Assert.That((call.Path, call.ErrorCode, call.PresentedClientCertificate), Is.EqualTo(("/pay/downloadfundflow", (string?)null, true)));
        Assert.That(call.PassedChecks, Does.Contain(WeChatPay.Chain.Sandbox.SandboxCheck.ClientCertificate));
    }

    [Test]
    public async Task A_gzip_fund_flow_bill_is_inflated_on_request()
    {
        using var plain = new MemoryStream();
        using var inflated = new MemoryStream();

        await _tls.Chain("v2/pay/downloadfundflow").DownloadAsync(plain, Fund());
        var download = await _tls.Chain("v2/pay/downloadfundflow").DownloadAsync(inflated, Fund(gzip: true), decompress: true);

        Assert.That(download.Decompressed, Is.True);
        Assert.That(inflated.ToArray(), Is.EqualTo(plain.ToArray()));
    }

    [Test]
    public void A_day_without_a_fund_flow_bill_is_the_v2_error_and_nothing_is_written()
    {
        using var stream = new MemoryStream();

        var error = Assert.ThrowsAsync<WeChatPayException>(() => _tls.Chain("v2/pay/downloadfundflow").DownloadAsync(stream, Fund(date: "20991231")));

        Assert.That((error!.Code, error.ErrorMessage), Is.EqualTo(("NO_BILL_EXIST", "账单不存在")));
        Assert.That(stream.Length, Is.Zero);
    }

    [Test]
    public void A_fund_flow_bill_without_the_client_certificate_is_refused_before_sending()
    {
        var before = sandbox.Calls.Count;
        using var stream = new MemoryStream();

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => client.Chain("v2/pay/downloadfundflow").DownloadAsync(stream, Fund()));

        Assert.That(error!.Message, Does.Contain("client certificate").And.Contain("MerchantCertificate").And.Contain("nothing was sent"));
        Assert.That(sandbox.Calls.Count, Is.EqualTo(before));
        Assert.That(stream.Length, Is.Zero);
    }
}
