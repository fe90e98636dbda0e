using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>Bills applied for, downloaded from their download_url and checked against hash_value, streamed; the sandbox generates them.</summary>
public class BillDownloadTests : SandboxFixture
{
    private string _directory = null!;

    [SetUp]
    public void Folder()
    {
        sandbox.BillSize = 4096;
        _directory = Path.Combine(Path.GetTempPath(), "wxpay-bills-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_directory, recursive: true);

    private async Task<WeChatPayResponse> Apply(bool gzip = false) =>
        await (Task<WeChatPayResponse>)client.V3.Bill.Tradebill.GetAsync(gzip
            ? new { bill_date = "2025-11-21", bill_type = "ALL", tar_type = "GZIP" }
            : (object)new { bill_date = "2025-11-21", bill_type = "ALL" });

    private static string Sha1(byte[] bytes) => Convert.ToHexString(SHA1.HashData(bytes)).ToLowerInvariant();

    [Test]
    public async Task A_plain_bill_is_streamed_and_its_hash_checked()
    {
        var applied = await Apply();
        using var file = new MemoryStream();

        var download = await client.DownloadBillAsync(applied, file);

        var csv = file.ToArray();
        Assert.That(Encoding.UTF8.GetString(csv), Does.StartWith("交易时间,公众账号ID,商户号"));
        Assert.That(download.Length, Is.EqualTo(4096).And.EqualTo(csv.Length));
        Assert.That((download.HashType, download.HashValue), Is.EqualTo(("SHA1", (string)applied.Json!["hash_value"]!)));
        Assert.That(download.HashValue, Is.EqualTo(Sha1(csv)), "the digest is the file's own");
        Assert.That(download.Decompressed, Is.False);
    }

    [Test]
    public async Task A_gzip_bill_is_decompressed_on_request_and_its_hash_is_over_the_original()
    {
        var applied = await Apply(gzip: true);
        using var file = new MemoryStream();

        var download = await client.DownloadBillAsync(applied, file, decompress: true);

        Assert.That(download.Decompressed, Is.True);
        Assert.That(Encoding.UTF8.GetString(file.ToArray()), Does.StartWith("交易时间"));
        Assert.That(download.HashValue, Is.EqualTo(Sha1(file.ToArray())));
    }

    [Test]
    public async Task A_gzip_bill_kept_compressed_is_still_checked_against_the_original()
    {
        var applied = await Apply(gzip: true);
        using var file = new MemoryStream();

        var download = await client.DownloadBillAsync(applied, file);

        var bytes = file.ToArray();
        Assert.That(bytes.Take(2), Is.EqualTo(new byte[] { 0x1F, 0x8B }), "written as sent: gzip");
        Assert.That(download.Length, Is.EqualTo(bytes.Length));
        using var inflated = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress)) gzip.CopyTo(inflated);
        Assert.That(download.HashValue, Is.EqualTo(Sha1(inflated.ToArray())));
    }

    [Test]
    public async Task An_altered_bill_fails_its_hash_check_and_no_file_is_left()
    {
        var applied = await Apply();
        var path = Path.Combine(_directory, "tradebill.csv");
        sandbox.Faults.Next = SandboxFault.AlteredFile;

        var error = Assert.ThrowsAsync<WeChatPayException>(() => client.DownloadBillToFileAsync(applied, path));

        Assert.That(error!.Message, Does.Contain("SHA1").And.Contain("incomplete or was altered"));
        Assert.That(Directory.GetFiles(_directory), Is.Empty, "neither the file nor its .partial");
    }

    [Test]
    public async Task A_bill_saved_to_a_file_appears_only_when_complete_and_replaces_an_older_one()
    {
        var path = Path.Combine(_directory, "tradebill.csv");
        File.WriteAllText(path, "an older bill");

        var download = await client.DownloadBillToFileAsync(await Apply(), path);

        Assert.That(new FileInfo(path).Length, Is.EqualTo(download.Length));
        Assert.That(Sha1(File.ReadAllBytes(path)), Is.EqualTo(download.HashValue));
        Assert.That(Directory.GetFiles(_directory), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Fifty_megabytes_stream_through_and_check_out()
    {
        sandbox.BillSize = 50L * 1024 * 1024;
        var applied = await Apply(gzip: true);
        using var sink = new CountingStream();

        var download = await client.DownloadBillAsync(applied, sink, decompress: true);

        Assert.That(download.Length, Is.EqualTo(50L * 1024 * 1024));
        Assert.That(sink.Written, Is.EqualTo(download.Length));
        Assert.That(download.HashValue, Is.EqualTo((string)applied.Json!["hash_value"]!));
    }

    [Test]
    public async Task Another_apply_operation_with_a_download_url_works_the_same()
    {
        WeChatPayResponse applied = await client.V3.Bill.Fundflowbill.GetAsync(new { bill_date = "2025-11-21" });
        using var file = new MemoryStream();

        var download = await client.DownloadBillAsync(applied, file);

        Assert.That(download.HashValue, Is.EqualTo(Sha1(file.ToArray())));
    }

    [Test]
    public async Task The_download_operation_itself_streams_to_a_stream()
    {
        var url = new Uri((string)(await Apply()).Json!["download_url"]!);
        var token = Uri.UnescapeDataString(url.Query.Substring("?token=".Length));
        using var file = new MemoryStream();

        WeChatPayDownload download = await client.V3.Billdownload.File.DownloadAsync(file, new { token });

        Assert.That(download.Length, Is.EqualTo(4096));
        Assert.That(download.HashValue, Is.Null, "nothing to check against without the apply answer");
    }

    [Test]
    public async Task An_error_answer_to_a_download_is_an_exception_and_nothing_is_written()
    {
        using var file = new MemoryStream();

        var error = Assert.ThrowsAsync<WeChatPayException>(() => (Task<WeChatPayDownload>)client.V3.Billdownload.File.DownloadAsync(file, new { token = "forged" }));

        Assert.That(error!.StatusCode, Is.EqualTo(400));
        Assert.That(file.Length, Is.Zero);
        await Task.CompletedTask;
    }

    [TestCase("https://evil.example/v3/billdownload/file?token=x")]
    [TestCase("http://127.0.0.1:1/v3/billdownload/file?token=x")]
    [TestCase("v3/billdownload/file?token=x")]
    public void A_download_url_outside_the_API_is_refused_before_anything_is_sent(string url)
    {
        var before = sandbox.Calls.Count;
        var json = new Newtonsoft.Json.Linq.JObject { ["download_url"] = url, ["hash_type"] = "SHA1", ["hash_value"] = "00" };
        var applied = new WeChatPayResponse(200, new System.Collections.Generic.Dictionary<string, string>(), Encoding.UTF8.GetBytes(json.ToString()), null,
            Array.Empty<string>(), Array.Empty<string>());

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.DownloadBillAsync(applied, Stream.Null));

        Assert.That(error!.Message, Does.Contain("does not lie under the API's base URL"));
        Assert.That(sandbox.Calls.Count, Is.EqualTo(before));
    }

    [TestCase("v3/billdownload/../../v3/certificates", "a dot segment ('..')")]
    [TestCase("v3/billdownload/%2e%2e/v3/certificates", "a dot segment ('..')")]
    [TestCase("v3/billdownload/%2E%2E/v3/certificates", "a dot segment ('..')")]
    [TestCase("v3/billdownload/.%2E/v3/certificates", "a dot segment ('..')")]
    [TestCase("v3/billdownload/%2e/file?token=x", "a dot segment ('.')")]
    [TestCase("v3/billdownload/..%2Fv3%2Fcertificates", "an escaped '/'")]
    [TestCase("v3\\..\\v3/billdownload/file?token=x", "a backslash")]
    [TestCase("v3/billdownload/file?token=x\r\nX-Injected: 1", "a carriage return (U+000D)")]
    [TestCase("v3/billdownload/fi\nle?token=x", "a line feed (U+000A)")]
    [TestCase("v3/billdownload/file?token=x%0D%0AX-Injected:%201", "a carriage return (U+000D)")]
    public void A_download_url_that_a_parser_would_change_is_refused_before_anything_is_sent(string relative, string holds)
    {
        var before = sandbox.Calls.Count;
        var json = new Newtonsoft.Json.Linq.JObject { ["download_url"] = sandbox.BaseUrl + relative, ["hash_type"] = "SHA1", ["hash_value"] = "00" };
        var applied = new WeChatPayResponse(200, new System.Collections.Generic.Dictionary<string, string>(), Encoding.UTF8.GetBytes(json.ToString()), null,
            Array.Empty<string>(), Array.Empty<string>());

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.DownloadBillAsync(applied, Stream.Null));

        Assert.That(error!.Message, Does.StartWith("download_url").And.Contain(holds).And.Contain("refused before anything is sent"));
        Assert.That(error.Message, Does.Not.Contain("token=x"), "the URL's token is not quoted");
        Assert.That(sandbox.Calls.Count, Is.EqualTo(before));
    }
}
