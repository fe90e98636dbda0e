using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using System.Xml;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.V2.Calls;

/// <summary>
/// An APIv2 bill streamed through DownloadAsync: the signed XML POSTed, a bill (text or gzip) written as it arrives, an XML
/// answer judged as the error it reports with nothing written, a bomb stopped at MaxDecompressedBillSize, nothing resent.
/// </summary>
public class ApiV2DownloadCallTests : V2CallFixture
{
    private const int Limit = 64 * 1024;
    private const string Bill = "交易时间,公众账号ID,商户号\r\n`2025-11-22 10:00:00,`wx1,`1900000001\r\n总交易单数,应结订单总金额\r\n`1,`0.01\r\n";
    private const string NoBill = "<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[No Bill Exist]]></return_msg><error_code><![CDATA[20002]]></error_code></xml>";

    private static readonly object Body = new { appid = "wx1", mch_id = TestData.MerchantId, bill_date = "20251122", bill_type = "ALL" };

    protected override WeChatPayOptions Options()
    {
        var options = base.Options();
        options.MaxDecompressedBillSize = Limit;
        return options;
    }

    private static byte[] Gzip(byte[] plain)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal)) gzip.Write(plain, 0, plain.Length);
        return packed.ToArray();
    }

    private void AnswerBytes(byte[] bytes, int status = 200) => Http.RespondWith(() => new ByteArrayContent(bytes), status);

    private Task<WeChatPayDownload> Download(Stream destination, bool decompress = false) =>
        Client.Chain("v2/pay/downloadbill").DownloadAsync(destination, Body, decompress: decompress);

    [Test]
    public async Task A_bill_is_posted_as_signed_xml_and_streamed_to_the_stream_as_sent()
    {
        AnswerBytes(Encoding.UTF8.GetBytes(Bill));
        using var file = new MemoryStream();

        var download = await Download(file);

        var sent = Http.CallLog.Single();
        var fields = SentFields();
        Assert.Multiple(() =>
        {
            Assert.That(sent.HttpRequestMessage.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(sent.Request.Url.ToString(), Is.EqualTo("https://api.mch.weixin.qq.com/pay/downloadbill"));
            Assert.That(sent.HttpRequestMessage.Content!.Headers.ContentType!.MediaType, Is.EqualTo("text/xml"));
            Assert.That(sent.HttpRequestMessage.Headers.Contains("Authorization"), Is.False, "no v3 signature");
            Assert.That(fields["bill_date"], Is.EqualTo("20251122"));
            Assert.That(fields["nonce_str"], Does.Match("^[0-9A-Za-z]{32}$"));
            Assert.That(ApiV2Signature.Verify(fields, Key, ApiV2SignType.Md5), Is.True);
            Assert.That(Encoding.UTF8.GetString(file.ToArray()), Is.EqualTo(Bill));
            Assert.That(download.StatusCode, Is.EqualTo(200));
            Assert.That(download.Length, Is.EqualTo(Encoding.UTF8.GetByteCount(Bill)));
            Assert.That((download.Decompressed, download.Decrypted, download.Parts, download.HashType), Is.EqualTo((false, false, 1, (string?)null)),
                "a v2 bill carries no digest and no sign to check");
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_gzip_bill_is_inflated_on_request_and_otherwise_written_as_sent(bool decompress)
    {
        var packed = Gzip(Encoding.UTF8.GetBytes(Bill));
        AnswerBytes(packed);
        using var file = new MemoryStream();

        var download = await Download(file, decompress);

        Assert.That(download.Decompressed, Is.EqualTo(decompress));
        Assert.That(file.ToArray(), Is.EqualTo(decompress ? Encoding.UTF8.GetBytes(Bill) : packed));
        Assert.That(download.Length, Is.EqualTo(file.Length));
    }

    [Test]
    public async Task The_file_form_and_its_sync_twin_write_the_same_bill()
    {
        AnswerBytes(Encoding.UTF8.GetBytes(Bill));
        AnswerBytes(Encoding.UTF8.GetBytes(Bill));
        var folder = Path.Combine(Path.GetTempPath(), "wxpay-v2bill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var saved = await Client["v2/pay/downloadbill"].DownloadToFileAsync(Path.Combine(folder, "async.csv"), Body);
            var sync = Client.Chain("v2/pay/downloadbill").DownloadToFile(Path.Combine(folder, "sync.csv"), Body);

            Assert.That(File.ReadAllText(Path.Combine(folder, "async.csv")), Is.EqualTo(Bill));
            Assert.That(File.ReadAllText(Path.Combine(folder, "sync.csv")), Is.EqualTo(Bill));
            Assert.That((sync.Length, saved.Length), Is.EqualTo((Encoding.UTF8.GetByteCount(Bill), (long)Encoding.UTF8.GetByteCount(Bill))));
            Assert.That(Directory.GetFiles(folder), Has.Length.EqualTo(2), "no .partial left");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCase("")]
    [TestCase("\r\n  ")]
    public async Task An_xml_answer_is_the_error_a_v2_call_reports_and_nothing_is_written(string before)
    {
        Answer(before + NoBill);
        Answer(before + NoBill);
        using var file = new MemoryStream();

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Download(file));
        var posted = Assert.ThrowsAsync<WeChatPayException>(() => Client.Chain("v2/pay/downloadbill").PostAsync(Body));

        Assert.Multiple(() =>
        {
            Assert.That(file.Length, Is.Zero, "nothing of the error reaches the caller's stream");
            Assert.That(error, Is.Not.InstanceOf<WeChatPaySignatureException>());
            Assert.That(error!.Code, Is.EqualTo("20002"), "the error_code downloadbill gives");
            Assert.That(error.ErrorMessage, Is.EqualTo("No Bill Exist"));
            Assert.That(error.StatusCode, Is.EqualTo(200));
            Assert.That(error.ResponseBody, Does.Contain("<return_code>"));
            Assert.That(error.Message, Does.Contain("/pay/downloadbill").And.Contain("No Bill Exist"));
            Assert.That((error.Code, error.ErrorMessage, error.Message), Is.EqualTo((posted!.Code, posted.ErrorMessage, posted.Message)),
                "the same error as PostAsync's");
            Assert.That(Http.CallLog, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void An_xml_answer_after_a_byte_order_mark_is_an_error_too()
    {
        AnswerBytes(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(NoBill)).ToArray());
        using var file = new MemoryStream();

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Download(file));

        Assert.That((error!.Code, error.ErrorMessage), Is.EqualTo(("20002", "No Bill Exist")));
        Assert.That(file.Length, Is.Zero);
    }

    [Test]
    public void An_xml_error_into_a_file_leaves_no_file()
    {
        Answer(NoBill);
        var path = Path.Combine(Path.GetTempPath(), "wxpay-v2bill-" + Guid.NewGuid().ToString("N") + ".csv");

        Assert.ThrowsAsync<WeChatPayException>(() => Client.Chain("v2/pay/downloadbill").DownloadToFileAsync(path, Body));

        Assert.That(File.Exists(path) || File.Exists(path + ".partial"), Is.False);
    }

    [TestCaseSource(nameof(Xxe))]
    public void An_xml_answer_with_a_dtd_is_refused_and_nothing_is_resolved_or_written(System.Text.Json.JsonElement c)
    {
        Answer(c.String("xml"));
        using var file = new MemoryStream();

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Download(file));

        Assert.That(error!.InnerException, Is.InstanceOf<XmlException>());
        Assert.That(error.Message, Does.Contain("not a readable APIv2 answer").And.Not.Contain("root:"));
        Assert.That(file.Length, Is.Zero);
    }

    private static System.Collections.Generic.IEnumerable<TestCaseData> Xxe() => V2TestData.Named("xxe");

    [Test]
    public void An_xml_success_is_no_bill()
    {
        Answer("<xml><return_code>SUCCESS</return_code><result_code>SUCCESS</result_code></xml>");
        using var file = new MemoryStream();

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Download(file));

        Assert.That(error!.Message, Does.Contain("answered 200 with XML that reports no error, and no bill"));
        Assert.That(file.Length, Is.Zero);
    }

    [Test]
    public void An_empty_answer_is_no_bill()
    {
        AnswerBytes(Array.Empty<byte>());
        using var file = new MemoryStream();

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Download(file));

        Assert.That(error!.Message, Does.Contain("answered 200 with an empty body"));
    }

    [Test]
    public void An_xml_answer_larger_than_MaxResponseBodySize_is_not_read_whole()
    {
        Answer("<xml><return_code>FAIL</return_code><return_msg>" + new string('x', 5 * 1024 * 1024) + "</return_msg></xml>");
        using var file = new MemoryStream();

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Download(file));

        Assert.That(error!.Message, Does.Contain("MaxResponseBodySize"));
        Assert.That(error.ResponseBodyTruncated, Is.True);
        Assert.That(file.Length, Is.Zero);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_gzip_bomb_is_stopped_at_MaxDecompressedBillSize(bool decompress)
    {
        AnswerBytes(Gzip(new byte[16 * 1024 * 1024]));
        using var file = new MemoryStream();

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Download(file, decompress));

        Assert.That(error!.Message, Does.Contain("inflates to more than WeChatPayOptions.MaxDecompressedBillSize (65536 bytes)").And.Contain("POST /pay/downloadbill"));
        Assert.That(file.Length, Is.LessThanOrEqualTo(Limit));
    }

    [Test]
    public void A_failed_download_is_not_sent_again()
    {
        Http.RespondWith("<html>502</html>", 502);
        Http.RespondWith(Bill);

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Download(Stream.Null));

        Assert.That(error!.StatusCode, Is.EqualTo(502));
        Assert.That(Http.CallLog, Has.Count.EqualTo(1), "a v2 call that may have reached WeChat Pay is never sent twice");
    }

    [TestCase("v2/pay/micropay")]
    [TestCase("v2/pay/nosuchoperation")]
    public void DownloadAsync_on_a_v2_operation_that_answers_xml_is_refused_before_sending(string path)
    {
        var error = Assert.ThrowsAsync<NotSupportedException>(() => Client.Chain(path).DownloadAsync(Stream.Null, Micropay()));

        Assert.That(error!.Message, Does.Contain("not an APIv2 download").And.Contain("PostAsync"));
        Assert.That(Http.CallLog, Is.Empty);
    }

    [Test]
    public void Bad_input_is_refused_before_sending_as_for_any_v2_call()
    {
        var error = Assert.ThrowsAsync<WeChatPayValidationException>(() =>
            Client.Chain("v2/pay/downloadbill").DownloadAsync(Stream.Null, new { appid = "wx1", mch_id = "1234", bill_date = "20251122" }));

        Assert.That(error!.Message, Does.Contain("mch_id is not the configured merchant"));
        Assert.That(Http.CallLog, Is.Empty);
    }
}
