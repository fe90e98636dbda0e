using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Files;

/// <summary>What an upload reads: by path only a regular file, and never more than the operation's documented limit, whatever the source.</summary>
public class UploadSourceTests : HttpFixture
{
    private const int ImageLimit = 2 * 1024 * 1024;

    private string _folder = null!;

    [SetUp]
    public void MakeFolder() => _folder = Directory.CreateTempSubdirectory("wxpay-upload-source-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void An_empty_file_is_refused_before_it_is_opened()
    {
        var empty = Path.Combine(_folder, "empty.png");
        File.WriteAllBytes(empty, Array.Empty<byte>());

        var error = Assert.Throws<ArgumentException>(() => WeChatPayFile.FromPath(empty));

        Assert.That(error!.Message, Does.Contain(empty + " is empty or not a regular file"));
    }

    [Test]
    public void An_endless_device_is_refused_by_name_before_it_is_opened()
    {
        Assume.That(File.Exists("/dev/zero"), "a Unix device");

        var error = Assert.Throws<ArgumentException>(() => WeChatPayFile.FromPath("/dev/zero", "zero.png"));

        Assert.That(error!.Message, Does.Contain("/dev/zero is empty or not a regular file"));
        Assert.That(error.ParamName, Is.EqualTo("path"));
    }

    [Test]
    public void A_fifo_is_refused_by_name_before_it_is_opened()
    {
        Assume.That(!OperatingSystem.IsWindows(), "FIFOs are a Unix thing");
        var fifo = Path.Combine(_folder, "logo.png");
        using (var mkfifo = Process.Start("mkfifo", fifo)) mkfifo!.WaitForExit();

        var error = Assert.Throws<ArgumentException>(() => WeChatPayFile.FromPath(fifo));

        Assert.That(error!.Message, Does.Contain(fifo + " is empty or not a regular file"));
    }

    [Test]
    public void An_endless_stream_is_read_only_to_one_byte_past_the_documented_limit_and_nothing_is_sent()
    {
        var endless = new EndlessStream();

        var error = Assert.ThrowsAsync<ArgumentException>(() =>
            (Task<WeChatPayResponse>)Client.V3.Merchant.Media.Upload.UploadAsync(WeChatPayFile.FromStream(endless, "big.png")));

        Assert.That(error!.Message, Does.Contain("at most 2 MB").And.Contain("big.png has more than 2097152 bytes"));
        Assert.That(endless.Given, Is.EqualTo(ImageLimit + 1));
        Assert.That(Http.CallLog, Is.Empty);
    }

    [Test]
    public void A_file_over_the_documented_limit_is_refused_by_its_size_before_it_is_read()
    {
        var big = Path.Combine(_folder, "big.png");
        using (var file = File.Create(big)) file.SetLength(ImageLimit + 1);

        var error = Assert.ThrowsAsync<ArgumentException>(() =>
            (Task<WeChatPayResponse>)Client.V3.Merchant.Media.Upload.UploadAsync(WeChatPayFile.FromPath(big)));

        Assert.That(error!.Message, Does.Contain("big.png has 2097153 bytes"));
        Assert.That(Http.CallLog, Is.Empty);
    }

    // Zeros without end, forward-only; past 64 MiB it fails the test rather than run on.
    private sealed class EndlessStream : Stream
    {
        public long Given { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Given > 64 * 1024 * 1024) throw new InvalidOperationException("read past any bound");
            Array.Clear(buffer, offset, count);
            Given += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
