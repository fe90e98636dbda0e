using System;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Crypto;

public class KeyFileTests
{
    private string _folder = null!;

    [SetUp]
    public void MakeFolder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "wxpay-keyfile-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    private static WeChatPayOptions WithMerchantKey(string path)
    {
        var options = TestClient.Options();
        options.MerchantPrivateKey = path;
        return options;
    }

    [Test]
    public void A_directory_is_named_as_a_directory()
    {
        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(WithMerchantKey(_folder)));
        Assert.That(error!.Message, Does.Contain("is a directory"));
        Assert.That(error.ParamName, Is.EqualTo(nameof(WeChatPayOptions.MerchantPrivateKey)));
    }

    [Test]
    public void A_fifo_with_no_writer_fails_instead_of_hanging()
    {
        Assume.That(!OperatingSystem.IsWindows(), "FIFOs are a Unix thing");
        var fifo = Path.Combine(_folder, "key.pem");
        using (var mkfifo = Process.Start("mkfifo", fifo)) mkfifo!.WaitForExit();

        // The wait a client uses (KeyFile.Deadline, 5 s: docs/configuration.md), a tenth as long, so that the test does not
        // sit out 5 s; the client reads every key file through KeyFile (the directory and the FIFO-with-a-writer tests).
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<ArgumentException>(() => KeyFile.ReadBytes(fifo, nameof(WeChatPayOptions.MerchantPrivateKey), TimeSpan.FromSeconds(0.5)));
        Assert.That(error!.Message, Does.Contain(fifo).And.Contain("gave no data within 0.5 s"));
        Assert.That(error.ParamName, Is.EqualTo(nameof(WeChatPayOptions.MerchantPrivateKey)));
        Assert.That(watch.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(0.4)).And.LessThan(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public void A_fifo_with_a_writer_is_read_like_a_file()
    {
        Assume.That(!OperatingSystem.IsWindows(), "FIFOs are a Unix thing");
        var fifo = Path.Combine(_folder, "key.pem");
        using (var mkfifo = Process.Start("mkfifo", fifo)) mkfifo!.WaitForExit();
        using var writer = Process.Start(new ProcessStartInfo("sh", new[] { "-c", $"cat '{TestData.MerchantKeyPath}' > '{fifo}'" }))!;

        using var client = new WeChatPayClient(WithMerchantKey(fifo));
        writer.WaitForExit();
        Assert.That(client.BaseUrl, Is.Not.Empty);
    }

    [Test]
    public void An_endless_device_is_cut_off_at_a_bound()
    {
        Assume.That(File.Exists("/dev/zero"));
        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(WithMerchantKey("/dev/zero")));
        Assert.That(error!.Message, Does.Contain("too large"));
    }

    [Test]
    public void An_endless_device_as_a_platform_key_is_cut_off_too()
    {
        Assume.That(File.Exists("/dev/zero"));
        var options = TestClient.Options();
        options.PlatformKeys[TestData.PublicKeyId] = "/dev/zero";
        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));
        Assert.That(error!.Message, Does.Contain("too large"));
    }

    [Test]
    public void An_empty_file_is_named_as_empty()
    {
        var empty = Path.Combine(_folder, "empty.pem");
        File.WriteAllText(empty, string.Empty);
        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(WithMerchantKey(empty)));
        Assert.That(error!.Message, Does.Contain("empty"));
    }
}
