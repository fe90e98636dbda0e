using System;
using System.IO;
using System.IO.Compression;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Files;

/// <summary>A gzip bill that inflates without bound is stopped at WeChatPayOptions.MaxDecompressedBillSize, whether it is written decompressed or kept compressed.</summary>
public class GzipBombTests : HttpFixture
{
    private const int Limit = 64 * 1024;

    // 16 MiB of zeros, about 16 KiB of gzip.
    private static readonly byte[] Bomb = Gzip(new byte[16 * 1024 * 1024]);

    protected override bool AnswerSigned => false;

    protected override WeChatPayOptions Options()
    {
        var options = TestClient.Options();
        options.MaxDecompressedBillSize = Limit;
        return options;
    }

    private static byte[] Gzip(byte[] plain)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal)) gzip.Write(plain, 0, plain.Length);
        return packed.ToArray();
    }

    private async Task<WeChatPayResponse> ApplyAsync()
    {
        Http.RespondWithSigned("{\"hash_type\":\"SHA1\",\"hash_value\":\"0000000000000000000000000000000000000000\"," +
            "\"download_url\":\"https://api.mch.weixin.qq.com/v3/billdownload/file?token=T1\"}");
        Http.RespondWith(() => new ByteArrayContent(Bomb), 200);
        return await Client.V3.Bill.Tradebill.GetAsync(new { bill_date = "2025-11-21", bill_type = "ALL", tar_type = "GZIP" });
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_gzip_bomb_is_stopped_at_the_limit_before_its_digest_is_checked(bool decompress)
    {
        var applied = await ApplyAsync();
        var written = new CountingStream();

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Client.DownloadBillAsync(applied, written, decompress));

        Assert.That(error!.Message, Does.Contain("inflates to more than WeChatPayOptions.MaxDecompressedBillSize (65536 bytes)"));
        Assert.That(written.Length, Is.LessThanOrEqualTo(Limit));
    }

    [Test]
    public async Task Into_a_file_a_gzip_bomb_leaves_nothing_behind()
    {
        var applied = await ApplyAsync();
        var path = Path.Combine(Path.GetTempPath(), "wxpay-bomb-" + Guid.NewGuid().ToString("N") + ".csv");

        Assert.ThrowsAsync<WeChatPayException>(() => Client.DownloadBillToFileAsync(applied, path, decompress: true));

        Assert.That(File.Exists(path) || File.Exists(path + ".partial"), Is.False);
    }

    [TestCase(0L)]
    [TestCase(-1L)]
    public void A_limit_that_is_not_positive_is_refused_at_start(long limit)
    {
        var options = TestClient.Options();
        options.MaxDecompressedBillSize = limit;
        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));
        Assert.That(error!.Message, Does.Contain("MaxDecompressedBillSize must be a positive number of bytes"));
        Assert.That(error.ParamName, Is.EqualTo(nameof(WeChatPayOptions.MaxDecompressedBillSize)));
    }

    [Test]
    public void The_default_limit_is_sixteen_gibibytes() =>
        Assert.That(new WeChatPayOptions().MaxDecompressedBillSize, Is.EqualTo(16L * 1024 * 1024 * 1024));

    // Counts what it is given and keeps nothing.
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
    }
}
