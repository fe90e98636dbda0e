using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// The public-key migration report across the three phases of docs/public-key-migration.md, played by the sandbox: 0% of
/// answers verified with the public key, then 100% with the certificate serial still sent, then complete; the switch
/// <see cref="WeChatPayOptions.PublicKeysOnly"/>; and the meter counter tagged with the kind of key.
/// </summary>
[NonParallelizable] // listens to the process-wide meter
public class MigrationReportTests
{
    private static readonly object Receiver = new { appid = "wx8888888888888888", type = "MERCHANT_ID", account = "86693852", name = "hu89ohu89ohu", relation_type = "STORE" };

    private WeChatPaySandbox _sandbox = null!;

    [SetUp]
    public async Task Start() => _sandbox = await WeChatPaySandbox.StartAsync(new SandboxOptions { Mode = KeyMode.Certificate });

    [TearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    private static Task<WeChatPayResponse> AddReceiver(WeChatPayClient client, string? serial = null) =>
        client.Chain("v3/profitsharing/receivers/add").PostAsync(Receiver, serial is null ? null
            : new WeChatPayRequestOptions { Headers = new Dictionary<string, string> { ["Wechatpay-Serial"] = serial } });

    [Test]
    public async Task The_report_moves_from_0_to_100_percent_across_the_three_phases()
    {
        var certificate = _sandbox.PlatformKeyId;
        WeChatPayDiagnosis before, during, after;
        using (var wxpay = new WeChatPayClient(_sandbox.ClientOptions()))
        {
            await AddReceiver(wxpay);
            before = await wxpay.DiagnoseAsync();
        }
        var publicKey = _sandbox.SwitchToPublicKey();
        using (var wxpay = new WeChatPayClient(_sandbox.ClientOptions()))
        {
            await AddReceiver(wxpay);
            await AddReceiver(wxpay, certificate);
            during = await wxpay.DiagnoseAsync();
        }
        var publicOnly = _sandbox.ClientOptions();
        publicOnly.PlatformKeys.Remove(certificate);
        publicOnly.PublicKeysOnly = true;
        using (var wxpay = new WeChatPayClient(publicOnly))
        {
            await AddReceiver(wxpay);
            after = await wxpay.DiagnoseAsync();
        }

        Assert.Multiple(() =>
        {
            Assert.That(before.Migration!.Answers.PublicKeyShare, Is.EqualTo(0));
            Assert.That(before["migration"].Finding, Does.StartWith("0% of answers verified with the public key since start (0 of 2)"), before.ToString());
            Assert.That(before["migration"].Fix, Does.StartWith("configure the WeChat Pay public key"));
            Assert.That(during.Migration!.Answers.PublicKeyShare, Is.EqualTo(1));
            Assert.That(during.Migration.Requests.Certificate, Is.EqualTo(1));
            Assert.That(during["migration"].Outcome, Is.EqualTo(WeChatPayCheckOutcome.Warning));
            Assert.That(during["migration"].Fix, Does.StartWith("the certificate serial is still sent in Wechatpay-Serial (1 request)").And.Contain(publicKey));
            Assert.That(after["migration"].Outcome, Is.EqualTo(WeChatPayCheckOutcome.Passed), after.ToString());
            Assert.That(after["migration"].Finding, Does.StartWith("100% of answers verified with the public key since start (2 of 2)"));
            Assert.That(after.Migration!.Complete, Is.True);
            Assert.That(new[] { before, during, after }.All(r => r.Passed), Is.True);
        });
    }

    [Test]
    public async Task Certificates_still_configured_after_the_switch_are_the_step_left()
    {
        _sandbox.SwitchToPublicKey();
        using var wxpay = new WeChatPayClient(_sandbox.ClientOptions());
        await AddReceiver(wxpay);

        Assert.That(wxpay.Migration.NextStep, Does.StartWith("certificates are still configured").And.Contain("PublicKeysOnly"));
        Assert.That(wxpay.Migration.ToString(), Does.Contain("100% of answers verified with the public key since start (1 of 1)"));
    }

    [Test]
    public void The_switch_refuses_a_configuration_that_contradicts_it()
    {
        var certificate = _sandbox.PlatformKeyId;
        var options = _sandbox.ClientOptions();
        options.PublicKeysOnly = true;
        var withCertificate = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));
        var publicKey = _sandbox.SwitchToPublicKey();
        var encryptingWithCertificate = _sandbox.ClientOptions();
        encryptingWithCertificate.PlatformKeys.Remove(certificate);
        encryptingWithCertificate.PublicKeysOnly = true;
        encryptingWithCertificate.EncryptionKeyId = certificate;

        var encrypting = Assert.Throws<ArgumentException>(() => new WeChatPayClient(encryptingWithCertificate));

        Assert.That(withCertificate!.Message, Does.Contain("PublicKeysOnly is on").And.Contain($"PlatformKeys holds the certificate {certificate}"));
        Assert.That(encrypting!.Message, Does.Contain($"EncryptionKeyId names the certificate {certificate}"));
        Assert.That(publicKey, Does.StartWith("PUB_KEY_ID_"));
    }

    [Test]
    public async Task Under_the_switch_no_certificate_is_downloaded_or_named()
    {
        var certificate = _sandbox.PlatformKeyId;
        _sandbox.SwitchToPublicKey();
        var options = _sandbox.ClientOptions();
        options.PlatformKeys.Remove(certificate);
        options.PublicKeysOnly = true;
        using var wxpay = new WeChatPayClient(options);
        var before = _sandbox.Calls.Count;

        var named = Assert.ThrowsAsync<ArgumentException>(() => AddReceiver(wxpay, certificate));
        var download = Assert.ThrowsAsync<InvalidOperationException>(() => wxpay.DownloadCertificatesAsync());

        Assert.That(named!.Message, Does.Contain($"names {certificate}, a certificate serial").And.Contain("PublicKeysOnly"));
        Assert.That(download!.Message, Does.Contain("PublicKeysOnly"));
        Assert.That(_sandbox.Calls.Count, Is.EqualTo(before), "nothing was sent");
    }

    [Test]
    public async Task The_meter_counts_each_use_with_the_kind_of_key_as_a_tag()
    {
        var seen = new List<(string Use, string Kind)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WeChatPayTelemetry.Name && instrument.Name == WeChatPayTelemetry.PlatformKeyUses) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var all = tags.ToArray();
            if (all.Any(t => t.Key == "wechatpay.merchant_id" && (string?)t.Value == SandboxOptions.DefaultMerchantId))
                lock (seen) seen.Add(((string)all.First(t => t.Key == "wechatpay.key_use").Value!, (string)all.First(t => t.Key == "wechatpay.key_kind").Value!));
        });
        listener.Start();
        using (var wxpay = new WeChatPayClient(_sandbox.ClientOptions())) await AddReceiver(wxpay);
        _sandbox.SwitchToPublicKey();
        using (var wxpay = new WeChatPayClient(_sandbox.ClientOptions())) await AddReceiver(wxpay);
        listener.Dispose();

        Assert.That(seen, Is.EquivalentTo(new[] { ("request", "certificate"), ("answer", "certificate"), ("request", "public_key"), ("answer", "public_key") }));
    }
}
