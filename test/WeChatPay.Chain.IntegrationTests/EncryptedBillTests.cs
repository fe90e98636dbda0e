using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// Encrypted bills (download_bill_list): each part's key opened with the merchant key (RSA-OAEP, or SM2 for a 国密 merchant),
/// the parts downloaded, decrypted (AES-256-GCM or SM4-GCM) and merged in bill_sequence order; what comes out is the same CSV
/// the plain bills serve.
/// </summary>
[TestFixture(SandboxScheme.Rsa)]
[TestFixture(SandboxScheme.Sm)]
public class EncryptedBillTests(SandboxScheme scheme) : SandboxFixture
{
    protected override SandboxOptions? Options => new() { Scheme = scheme };

    private const string Date = "2025-11-21";

    [SetUp]
    public void Reset()
    {
        sandbox.BillSize = 10_000;
        sandbox.BillParts = 1;
    }

    [TearDown]
    public void Restore()
    {
        sandbox.BillSize = 4096;
        sandbox.BillParts = 1;
    }

    // The CSV a plain bill of the same day and size holds: what the decrypted parts must add up to.
    private async Task<byte[]> PlainCsv()
    {
        WeChatPayResponse applied = await client.V3.Bill.Tradebill.GetAsync(new { bill_date = Date, bill_type = "ALL" });
        using var file = new MemoryStream();
        await client.DownloadBillAsync(applied, file);
        return file.ToArray();
    }

    private async Task<WeChatPayResponse> SubMerchant(string algorithm = "AEAD_AES_256_GCM", bool gzip = false) =>
        await (Task<WeChatPayResponse>)client.V3.Bill.SubMerchantFundflowbill.GetAsync(gzip
            ? new { sub_mchid = "1900000109", bill_date = Date, account_type = "BASIC", algorithm, tar_type = "GZIP" }
            : (object)new { sub_mchid = "1900000109", bill_date = Date, account_type = "BASIC", algorithm });

    private static WeChatPayResponse Answer(JObject json) =>
        new(200, new System.Collections.Generic.Dictionary<string, string>(), Encoding.UTF8.GetBytes(json.ToString()), null, Array.Empty<string>(), Array.Empty<string>());

    [Test]
    public async Task One_AES_part_is_decrypted_to_the_bill()
    {
        var applied = await SubMerchant();
        using var file = new MemoryStream();

        var download = await client.DownloadBillAsync(applied, file);

        Assert.That(file.ToArray(), Is.EqualTo(await PlainCsv()));
        Assert.That((download.Decrypted, download.Parts, download.Length), Is.EqualTo((true, 1, 10_000L)));
        Assert.That((download.HashType, download.HashValue), Is.EqualTo(("SHA1", (string)applied.Json!["download_bill_list"]![0]!["hash_value"]!)));
    }

    [Test]
    public async Task Three_gzip_parts_are_merged_in_order_and_decompressed()
    {
        sandbox.BillParts = 3;
        WeChatPayResponse applied = await client.V3.Ecommerce.Bill.Fundflowbill.GetAsync(
            new { bill_date = Date, account_type = "ALL", algorithm = "AEAD_AES_256_GCM", tar_type = "GZIP" });
        // WeChat Pay does not promise the list in order.
        var list = (JArray)applied.Json!["download_bill_list"]!;
        var shuffled = (JObject)applied.Json!.DeepClone();
        shuffled["download_bill_list"] = new JArray(list.Reverse().Select(p => p.DeepClone()));
        using var file = new MemoryStream();

        var download = await client.DownloadBillAsync(Answer(shuffled), file, decompress: true);

        Assert.That(file.ToArray(), Is.EqualTo(await PlainCsv()));
        Assert.That((download.Decrypted, download.Decompressed, download.Parts), Is.EqualTo((true, true, 3)));
        Assert.That(download.HashValue!.Split(','), Is.EqualTo(list.Select(p => (string)p["hash_value"]!)));
    }

    [Test]
    public async Task Gzip_parts_kept_compressed_are_one_multi_member_gzip_file()
    {
        sandbox.BillParts = 2;
        var applied = await SubMerchant(gzip: true);
        using var file = new MemoryStream();

        var download = await client.DownloadBillAsync(applied, file);

        Assert.That(download.Decompressed, Is.False);
        Assert.That(file.ToArray().Take(2), Is.EqualTo(new byte[] { 0x1F, 0x8B }));
        using var inflated = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(file.ToArray()), CompressionMode.Decompress)) gzip.CopyTo(inflated);
        Assert.That(inflated.ToArray(), Is.EqualTo(await PlainCsv()));
    }

    [Test]
    public async Task SM4_GCM_parts_are_decrypted_too()
    {
        sandbox.BillParts = 2;
        WeChatPayResponse applied = await client.V3.Payscore.MerchantBill.GetAsync(
            new { bill_date = Date, encryption_algorithm = "SM4_GCM", service_id = "2002000000000558128851361561536", tar_type = "GZIP" });
        using var file = new MemoryStream();

        var download = await client.DownloadBillAsync(applied, file, decompress: true);

        Assert.That(file.ToArray(), Is.EqualTo(await PlainCsv()));
        Assert.That(download.Parts, Is.EqualTo(2));
    }

    [Test]
    public async Task An_altered_part_fails_its_digest_and_no_file_is_left()
    {
        sandbox.BillParts = 2;
        var applied = await SubMerchant();
        var directory = Directory.CreateTempSubdirectory("wxpay-encrypted-bill-").FullName;
        try
        {
            sandbox.Faults.Next = SandboxFault.AlteredFile;

            var error = Assert.ThrowsAsync<WeChatPayException>(() => client.DownloadBillToFileAsync(applied, Path.Combine(directory, "fund.csv")));

            Assert.That(error!.Message, Does.Contain("bill part 1 of 2").And.Contain("incomplete or was altered"));
            Assert.That(Directory.GetFiles(directory), Is.Empty);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task A_part_that_does_not_authenticate_is_an_error_naming_the_tag()
    {
        var applied = (JObject)(await SubMerchant()).Json!.DeepClone();
        applied["download_bill_list"]![0]!["nonce"] = "0123456789abcdef"; // another nonce: the GCM tag cannot match
        ((JObject)applied["download_bill_list"]![0]!).Remove("hash_type");
        ((JObject)applied["download_bill_list"]![0]!).Remove("hash_value");
        using var file = new MemoryStream();

        var error = Assert.ThrowsAsync<WeChatPayException>(() => client.DownloadBillAsync(Answer(applied), file));

        Assert.That(error!.Message, Does.Contain("bill part 1 of 1").And.Contain("GCM tag does not match").And.Contain("do not use what was written"));
    }

    [Test]
    public async Task A_missing_part_is_refused_before_anything_is_sent()
    {
        sandbox.BillParts = 3;
        var applied = (JObject)(await SubMerchant()).Json!.DeepClone();
        ((JArray)applied["download_bill_list"]!).RemoveAt(1);
        applied["download_bill_count"] = 2;
        var before = sandbox.Calls.Count;

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.DownloadBillAsync(Answer(applied), Stream.Null));

        Assert.That(error!.Message, Does.Contain("numbered 1, 3, not 1 to 2"));
        Assert.That(sandbox.Calls.Count, Is.EqualTo(before));
    }

    [Test]
    public async Task A_count_that_disagrees_with_the_list_is_refused()
    {
        var applied = (JObject)(await SubMerchant()).Json!.DeepClone();
        applied["download_bill_count"] = 2;

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.DownloadBillAsync(Answer(applied), Stream.Null));

        Assert.That(error!.Message, Does.Contain("download_bill_count is 2, but download_bill_list has 1 parts"));
    }

    [Test]
    public async Task A_key_sealed_for_another_merchant_is_refused_before_anything_is_sent_and_not_shown()
    {
        var applied = (JObject)(await SubMerchant()).Json!.DeepClone();
        var other = Keys.LoadVerifyingKey(TestKeys.Path(scheme == SandboxScheme.Sm ? "sm2_platform_pub.pem" : "platform_pub.pem"), "another key");
        var fileKey = "0123456789abcdef0123456789abcdef";
        applied["download_bill_list"]![0]!["encrypt_key"] = other.Encrypt(fileKey);
        var before = sandbox.Calls.Count;

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.DownloadBillAsync(Answer(applied), Stream.Null));

        Assert.That(error!.Message, Does.Contain("does not open with the merchant private key").And.Not.Contain(fileKey));
        Assert.That(sandbox.Calls.Count, Is.EqualTo(before));
    }

    [Test]
    public async Task A_key_of_the_wrong_size_is_refused()
    {
        var applied = (JObject)(await SubMerchant()).Json!.DeepClone();
        var merchant = Keys.LoadSigningKey(sandbox.ClientOptions().MerchantPrivateKey, null, "merchant").PublicKey;
        applied["download_bill_list"]![0]!["encrypt_key"] = merchant.Encrypt("short key");

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.DownloadBillAsync(Answer(applied), Stream.Null));

        Assert.That(error!.Message, Does.Contain("a key of 9 bytes, neither AEAD_AES_256_GCM's 32 nor SM4_GCM's 16"));
    }

    [TestCase("https://evil.example/v3/billdownload/file?token=x")]
    [TestCase("v3/billdownload/file?token=x")]
    public async Task A_part_outside_the_API_is_refused_before_anything_is_sent(string url)
    {
        sandbox.BillParts = 2;
        var applied = (JObject)(await SubMerchant()).Json!.DeepClone();
        applied["download_bill_list"]![1]!["download_url"] = url;
        var before = sandbox.Calls.Count;

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.DownloadBillAsync(Answer(applied), Stream.Null));

        Assert.That(error!.Message, Does.Contain("does not lie under the API's base URL"));
        Assert.That(sandbox.Calls.Count, Is.EqualTo(before), "not even the first part was fetched");
    }
}
