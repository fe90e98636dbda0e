using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.IntegrationTests.Support;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// Uploads through the client to the sandbox, which checks the meta signature, its fields, its encryption and the file's
/// digest; for an RSA and a 国密 merchant (SM2-signed meta, SM2-encrypted meta fields).
/// </summary>
[TestFixture(SandboxScheme.Rsa)]
[TestFixture(SandboxScheme.Sm)]
public class UploadTests(SandboxScheme scheme) : SandboxFixture
{
    protected override SandboxOptions? Options => new() { Scheme = scheme };

    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    // An ISO base media file's first box (ftyp, brand mp42): what a video upload's bytes begin with.
    private static readonly byte[] Mp4 = { 0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'m', (byte)'p', (byte)'4', (byte)'2', 0, 0, 0, 0,
        (byte)'m', (byte)'p', (byte)'4', (byte)'2', (byte)'i', (byte)'s', (byte)'o', (byte)'m' };

    private static readonly string[] Filled = { "sha256", "digest", "file_digest", "filename", "file_name" };

    private static IEnumerable<TestCaseData> Uploads() => OperationCatalog.Default.Operations
        .Where(o => o.RequestBody == "multipart" && o.Path.StartsWith("v3/", StringComparison.Ordinal))
        .Select(o => new TestCaseData(o.Path).SetName($"Upload through the client: {o.Path}"));

    // The documented meta fields the caller gives: the required ones (and those on the way to a sensitive one), not those the client fills.
    private static JObject Meta(CatalogOperation operation)
    {
        var fields = operation.BodyFields.First(f => f.Name == "meta").Children
            .Where(f => !Filled.Contains(f.Name) && !f.Name.StartsWith("digest_al", StringComparison.Ordinal));
        return SweepTests.RequiredObject(fields);
    }

    [Test]
    public void The_catalog_documents_thirteen_v3_uploads() => Assert.That(Uploads().Count(), Is.EqualTo(13));

    [TestCaseSource(nameof(Uploads))]
    public async Task Every_documented_upload_goes_through_with_its_digest_signed_meta_and_encrypted_fields(string path)
    {
        var operation = OperationCatalog.Default.Operations.First(o => o.Path == path && o.RequestBody == "multipart");
        var options = new WeChatPayRequestOptions { PathValues = operation.PathParams.ToDictionary(p => p, p => (object)("P" + p.Length)) };
        var file = path.EndsWith("video_upload", StringComparison.Ordinal) ? WeChatPayFile.FromBytes(Mp4, "clip.mp4") : WeChatPayFile.FromBytes(Png, "logo.png");

        WeChatPayResponse res = await client.Chain(path).UploadAsync(file, Meta(operation), options);

        Assert.That(res.StatusCode, Is.EqualTo(200));
        var seen = sandbox.Calls.Last();
        Assert.That(seen.PassedChecks, Does.Contain(WeChatPay.Chain.Sandbox.SandboxCheck.Parameters), "meta fields and the file's digest");
        Assert.That(seen.DecryptedFields.OrderBy(f => f), Is.EqualTo(res.EncryptedFields.OrderBy(f => f)));
        if (operation.Encrypt.Count > 0) Assert.That(res.EncryptedFields, Is.Not.Empty);
    }

    [Test]
    public async Task A_file_from_a_path_a_seekable_stream_and_a_forward_only_stream_upload_alike()
    {
        var path = Path.Combine(Path.GetTempPath(), "wxpay-upload-" + Guid.NewGuid().ToString("N") + ".png");
        File.WriteAllBytes(path, Png);
        try
        {
            using var seekable = new MemoryStream(Png);
            using var forwardOnly = new ForwardOnly(Png);
            foreach (var file in new[] { WeChatPayFile.FromPath(path), WeChatPayFile.FromStream(seekable, "logo.png"), WeChatPayFile.FromStream(forwardOnly, "logo.png") })
            {
                WeChatPayResponse res = await client.V3.Merchant.Media.Upload.UploadAsync(file);
                Assert.That(res.StatusCode, Is.EqualTo(200), file.FileName);
                Assert.That((string?)res.Json!["media_id"], Is.Not.Empty);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Documented_limits_are_checked_before_anything_is_sent()
    {
        var before = sandbox.Calls.Count;

        var tooBig = Assert.ThrowsAsync<ArgumentException>(() => (Task<WeChatPayResponse>)client.V3.Merchant.Media.Upload.UploadAsync(
            WeChatPayFile.FromBytes(new byte[2 * 1024 * 1024 + 1], "big.png")));
        var wrongType = Assert.ThrowsAsync<ArgumentException>(() => (Task<WeChatPayResponse>)client.V3.Merchant.Media.Upload.UploadAsync(
            WeChatPayFile.FromBytes(Png, "logo.gif")));
        var notUpload = Assert.ThrowsAsync<ArgumentException>(() => (Task<WeChatPayResponse>)client.V3.Pay.Transactions.Jsapi.UploadAsync(
            WeChatPayFile.FromBytes(Png, "logo.png")));

        Assert.That(tooBig!.Message, Does.Contain("at most 2 MB"));
        Assert.That(wrongType!.Message, Does.Contain("JPG, JPEG, BMP, PNG"));
        Assert.That(notUpload!.Message, Does.Contain("is not a documented upload"));
        Assert.That(sandbox.Calls.Count, Is.EqualTo(before));
    }

    [Test]
    public void A_digest_the_caller_gives_is_sent_as_given_and_a_wrong_one_is_refused_by_the_sandbox()
    {
        var error = Assert.ThrowsAsync<WeChatPayException>(() => (Task<WeChatPayResponse>)client.V3.Merchant.Media.Upload.UploadAsync(
            WeChatPayFile.FromBytes(Png, "logo.png"), new { sha256 = new string('0', 64) }));

        Assert.That(error!.StatusCode, Is.EqualTo(400));
        Assert.That(error.Message, Does.Contain("meta.sha256 is not the SHA-256"));
    }

    [Test]
    public async Task An_upload_whose_meta_names_its_own_file_name_passes_the_signature_check_over_that_meta()
    {
        WeChatPayResponse res = await client.V3.Merchant.Media.Upload.UploadAsync(WeChatPayFile.FromBytes(Png, "logo.png"), new { filename = "shop-logo.png" });

        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(sandbox.Calls.Last().PassedChecks, Does.Contain(WeChatPay.Chain.Sandbox.SandboxCheck.Signature), "the signature over the meta JSON held");
    }

    [TestCase("a\"b.png")]
    [TestCase("a\r\nContent-Type: text/html.png")]
    [TestCase("")]
    public void A_file_name_that_cannot_go_into_the_headers_is_refused(string name) =>
        Assert.Throws<ArgumentException>(() => WeChatPayFile.FromBytes(Png, name));

    private sealed class ForwardOnly : Stream
    {
        private readonly MemoryStream _inner;
        public ForwardOnly(byte[] bytes) => _inner = new MemoryStream(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
