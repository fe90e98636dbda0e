using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// The platform certificates' life against the sandbox in certificate mode, on a fake clock shared by both sides: first
/// use with no key, the schedule, an unknown serial after a rotation, one refresh for many waiting calls, a failed refresh
/// that keeps working keys, expired certificates dropped.
/// </summary>
public class CertificateRefreshTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private FakeTimeProvider _clock = null!;
    private WeChatPaySandbox _sandbox = null!;
    private ConcurrentQueue<WeChatPayCertificateRefresh> _refreshes = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _sandbox = await WeChatPaySandbox.StartAsync(new SandboxOptions { Mode = KeyMode.Certificate, TimeProvider = _clock });
        _refreshes = new ConcurrentQueue<WeChatPayCertificateRefresh>();
    }

    [TearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    private WeChatPayOptions Options(bool withKey = true)
    {
        var options = _sandbox.ClientOptions();
        if (!withKey) options.PlatformKeys.Clear();
        options.CertificateRefreshed = _refreshes.Enqueue;
        return options;
    }

    private int Downloads => _sandbox.Calls.Count(c => c.Method == "GET" && c.Path == "/v3/certificates");

    private static Task<WeChatPayResponse> AnyCall(WeChatPayClient client) =>
        (Task<WeChatPayResponse>)client.V3.Pay.Transactions.Id["4200000001"].GetAsync(new { mchid = SandboxOptions.DefaultMerchantId });

    // The next refresh report, waited for in real time (the refresh itself runs on the thread pool).
    private async Task<WeChatPayCertificateRefresh> NextRefresh()
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            if (_refreshes.TryDequeue(out var refresh)) return refresh;
            await Task.Delay(10);
        }
        throw new TimeoutException("no certificate refresh was reported");
    }

    // Every refresh report until none came for a while (a long clock jump fires the schedule several times).
    private async Task<WeChatPayCertificateRefresh[]> Settled()
    {
        var seen = new System.Collections.Generic.List<WeChatPayCertificateRefresh> { await NextRefresh() };
        for (var quiet = 0; quiet < 30; quiet++)
        {
            await Task.Delay(10);
            if (_refreshes.TryDequeue(out var more))
            {
                seen.Add(more);
                quiet = 0;
            }
        }
        return seen.ToArray();
    }

    [Test]
    public async Task A_client_built_without_a_platform_key_downloads_the_certificates_on_first_use_verifying_them_by_the_bootstrap()
    {
        using var client = new WeChatPayClient(Options(withKey: false));
        Assert.That(client.PlatformKeyIds, Is.Empty);

        var res = await AnyCall(client);

        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(client.PlatformKeyIds, Is.EqualTo(new[] { _sandbox.PlatformKeyId }));
        Assert.That(Downloads, Is.EqualTo(1));
        var refresh = await NextRefresh();
        Assert.That(refresh.Reason, Is.EqualTo(CertificateRefreshReason.FirstUse));
        Assert.That(refresh.Succeeded, Is.True);
        Assert.That(refresh.Added, Is.EqualTo(new[] { _sandbox.PlatformKeyId }));
        Assert.That(refresh.ToString(), Does.Contain("refreshed (FirstUse, downloaded)").And.Contain(_sandbox.PlatformKeyId));
    }

    [Test]
    public async Task The_schedule_refreshes_after_the_interval_and_not_before()
    {
        using var client = new WeChatPayClient(Options());
        var rotated = _sandbox.RotatePlatformCertificate();

        // The first refresh comes in the interval's last fifth (jitter for a fleet started together), never before.
        _clock.Advance(TimeSpan.FromHours(12 * 0.8) - TimeSpan.FromSeconds(1));
        await Task.Delay(200);
        Assert.That(Downloads, Is.Zero, "no refresh before 80 % of the interval");

        _clock.Advance(TimeSpan.FromHours(12 * 0.2) + TimeSpan.FromSeconds(1));
        var refresh = await NextRefresh();

        Assert.That(refresh.Reason, Is.EqualTo(CertificateRefreshReason.Schedule));
        Assert.That(refresh.Succeeded, Is.True, refresh.ToString());
        Assert.That(refresh.Added, Does.Contain(rotated));
        Assert.That(client.PlatformKeyIds, Is.EquivalentTo(_sandbox.PlatformKeyIds), "both certificates of the rotation are held");
        // The new certificate signs now; the client verifies it without another download.
        var res = await AnyCall(client);
        Assert.That(res.Headers["Wechatpay-Serial"], Is.EqualTo(rotated));
        Assert.That(Downloads, Is.EqualTo(1));
    }

    [Test]
    public async Task An_answer_signed_by_an_unknown_certificate_causes_one_refresh_then_verifies()
    {
        using var client = new WeChatPayClient(Options());
        await AnyCall(client);
        var rotated = _sandbox.RotatePlatformCertificate();

        var res = await AnyCall(client);

        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(res.Headers["Wechatpay-Serial"], Is.EqualTo(rotated));
        Assert.That(Downloads, Is.EqualTo(1));
        var refresh = await NextRefresh();
        Assert.That(refresh.Reason, Is.EqualTo(CertificateRefreshReason.UnknownSerial));
        Assert.That(refresh.Added, Is.EqualTo(new[] { rotated }));
    }

    [Test]
    public async Task A_hundred_calls_waiting_on_an_unknown_serial_share_one_refresh()
    {
        using var client = new WeChatPayClient(Options());
        var rotated = _sandbox.RotatePlatformCertificate();

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => AnyCall(client)));

        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(200));
        Assert.That(answers.Select(a => a.Headers["Wechatpay-Serial"]), Is.All.EqualTo(rotated));
        Assert.That(Downloads, Is.EqualTo(1));
    }

    [Test]
    public async Task A_serial_no_refresh_brings_fails_as_an_unknown_serial_and_does_not_download_again_within_a_minute()
    {
        using var client = new WeChatPayClient(Options());
        _sandbox.Faults.Always = SandboxFault.UnknownSerial;

        var first = Assert.ThrowsAsync<WeChatPaySignatureException>(() => AnyCall(client));
        var second = Assert.ThrowsAsync<WeChatPaySignatureException>(() => AnyCall(client));

        Assert.That(first!.FailedCheck, Is.EqualTo(SignatureCheck.UnknownSerial));
        Assert.That(first.Message, Does.Contain("a refresh of the platform certificates did not bring it"));
        Assert.That(second!.FailedCheck, Is.EqualTo(SignatureCheck.UnknownSerial));
        Assert.That(Downloads, Is.EqualTo(1), "one download per minute at most for unknown serials");
    }

    [Test]
    public async Task A_failed_refresh_keeps_the_keys_that_work_and_says_so()
    {
        using var client = new WeChatPayClient(Options());
        _sandbox.Faults.Always = SandboxFault.Json500;

        _clock.Advance(TimeSpan.FromHours(12));
        var refresh = await NextRefresh();

        Assert.That(refresh.Succeeded, Is.False);
        Assert.That(refresh.Reason, Is.EqualTo(CertificateRefreshReason.Schedule));
        Assert.That(refresh.Error, Is.InstanceOf<WeChatPayException>());
        Assert.That(refresh.ToString(), Does.Contain("refresh failed (Schedule); still holding " + _sandbox.PlatformKeyId));
        _sandbox.Faults.Clear();
        Assert.That((await AnyCall(client)).StatusCode, Is.EqualTo(200));

        // The next try comes after five minutes, not after the whole interval.
        _clock.Advance(TimeSpan.FromMinutes(5));
        var retry = await NextRefresh();
        Assert.That(retry.Succeeded, Is.True, retry.ToString());
    }

    [Test]
    public async Task RefreshCertificatesAsync_on_demand_holds_the_listed_certificates()
    {
        using var client = new WeChatPayClient(Options());
        var rotated = _sandbox.RotatePlatformCertificate();

        var held = await client.RefreshCertificatesAsync();

        Assert.That(held.Select(c => c.SerialNumber), Is.EquivalentTo(_sandbox.PlatformKeyIds));
        Assert.That(client.PlatformKeyIds, Does.Contain(rotated));
        Assert.That((await NextRefresh()).Reason, Is.EqualTo(CertificateRefreshReason.Requested));
    }

    [Test]
    public async Task Expired_certificates_are_dropped_and_the_newer_one_is_used()
    {
        var options = Options();
        options.CertificateRefreshInterval = TimeSpan.FromDays(30);
        using var client = new WeChatPayClient(options);
        var first = _sandbox.PlatformKeyId;
        _clock.Advance(TimeSpan.FromDays(4 * 365)); // scheduled refreshes on the way
        Assert.That((await Settled()).All(r => r.Succeeded), Is.True);
        var rotated = _sandbox.RotatePlatformCertificate();
        await client.RefreshCertificatesAsync();
        await Settled();
        Assert.That(client.PlatformKeyIds, Is.EquivalentTo(new[] { first, rotated }));

        // Past the first certificate's expire_time (five years from a day before the start): a scheduled refresh drops it.
        _clock.Advance(TimeSpan.FromDays(400));
        var refresh = (await Settled()).Last();
        Assert.That(refresh.Succeeded, Is.True, refresh.ToString());
        Assert.That(client.PlatformKeyIds, Is.EqualTo(new[] { rotated }));
        Assert.That(client.EncryptionSerial, Is.EqualTo(rotated));
        Assert.That((await AnyCall(client)).StatusCode, Is.EqualTo(200));
    }

    [Test]
    public void A_public_key_mode_client_never_refreshes()
    {
        var options = _sandbox.ClientOptions();
        options.PlatformKeys.Clear();
        options.PlatformKeys["PUB_KEY_ID_0000000000000000000000000001"] = _sandbox.ClientOptions().PlatformKeys[_sandbox.PlatformKeyId];
        using var client = new WeChatPayClient(options);

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => client.RefreshCertificatesAsync());

        Assert.That(error!.Message, Does.Contain("only WeChat Pay public keys (PUB_KEY_ID_…) are configured"));
    }

    [Test]
    public void A_client_without_a_key_and_without_an_APIv3_key_says_what_to_configure()
    {
        var options = Options(withKey: false);
        options.ApiV3Key = null;

        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));

        Assert.That(error!.ParamName, Is.EqualTo(nameof(WeChatPayOptions.PlatformKeys)));
        Assert.That(error.Message, Does.Contain("set ApiV3Key"));
    }

    [Test]
    public async Task A_first_use_waited_for_by_many_calls_is_one_download()
    {
        using var client = new WeChatPayClient(Options(withKey: false));

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => AnyCall(client)));

        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(200));
        Assert.That(Downloads, Is.EqualTo(1));
    }

    [Test]
    public async Task A_caller_cancelling_its_wait_does_not_cancel_the_refresh_others_wait_for()
    {
        using var client = new WeChatPayClient(Options(withKey: false));
        _sandbox.Faults.SlowResponseDelay = TimeSpan.FromMilliseconds(500);
        _sandbox.Faults.Next = SandboxFault.SlowResponse;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var impatient = client.RefreshCertificatesAsync(cancel.Token);
        var patient = client.RefreshCertificatesAsync();

        Assert.That(async () => await impatient, Throws.InstanceOf<OperationCanceledException>());
        Assert.That((await patient).Select(c => c.SerialNumber), Is.EqualTo(new[] { _sandbox.PlatformKeyId }));
    }

    [Test]
    public async Task A_call_whose_key_is_held_does_not_wait_for_a_refresh_under_way()
    {
        using var client = new WeChatPayClient(Options());
        _sandbox.Faults.SlowResponseDelay = TimeSpan.FromSeconds(3);
        _sandbox.Faults.Next = SandboxFault.SlowResponse;
        var refresh = client.RefreshCertificatesAsync();
        while (_sandbox.Faults.Next != SandboxFault.None) await Task.Delay(5); // the download has taken the slow answer

        var res = await AnyCall(client);

        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(refresh.IsCompleted, Is.False, "the call finished while the refresh was still under way");
        Assert.That((await refresh).Select(c => c.SerialNumber), Is.EqualTo(new[] { _sandbox.PlatformKeyId }));
    }

    [Test]
    public async Task Two_clients_sharing_a_store_download_once_the_second_reads_what_the_first_saved()
    {
        var store = new InMemoryCertificateStore();
        var first = Options(withKey: false);
        first.CertificateStore = store;
        var second = Options(withKey: false);
        second.CertificateStore = store;
        using var a = new WeChatPayClient(first);
        using var b = new WeChatPayClient(second);

        await AnyCall(a);
        await AnyCall(b);

        Assert.That(Downloads, Is.EqualTo(1));
        var reports = await Settled();
        Assert.That(reports.Select(r => r.FromStore), Is.EquivalentTo(new[] { false, true }));
        Assert.That(b.PlatformKeyIds, Is.EqualTo(new[] { _sandbox.PlatformKeyId }));
    }

    [Test]
    public async Task A_planted_store_entry_is_not_trusted_the_client_downloads_itself_and_says_why()
    {
        var store = new InMemoryCertificateStore();
        // Someone who can write to the store but has not the APIv3 key: a certificate list with an altered body.
        var genuine = await DownloadOnce();
        var planted = new WeChatPayCertificateDownload(genuine.DownloadedAt, genuine.Headers, genuine.Body.Replace("\"ciphertext\":\"", "\"ciphertext\":\"A"));
        await store.ReplaceAsync(SandboxOptions.DefaultMerchantId, planted, CancellationToken.None);
        var options = Options(withKey: false);
        options.CertificateStore = store;
        using var client = new WeChatPayClient(options);
        var downloadsBefore = Downloads;

        await AnyCall(client);

        Assert.That(Downloads, Is.EqualTo(downloadsBefore + 1));
        var refresh = (await Settled()).Single();
        Assert.That(refresh.FromStore, Is.False);
        Assert.That(refresh.StoreProblem, Does.Contain("the saved answer did not check out"));
        Assert.That(client.PlatformKeyIds, Is.EqualTo(new[] { _sandbox.PlatformKeyId }));
    }

    // A genuine signed download, saved by a client into a store of its own.
    private async Task<WeChatPayCertificateDownload> DownloadOnce()
    {
        var own = new InMemoryCertificateStore();
        var options = Options(withKey: false);
        options.CertificateStore = own;
        using (var client = new WeChatPayClient(options)) await client.RefreshCertificatesAsync();
        await Settled();
        return (await own.GetAsync(SandboxOptions.DefaultMerchantId, CancellationToken.None))!;
    }

    [Test]
    public void A_saved_download_survives_its_JSON_form_and_anything_else_reads_as_no_entry()
    {
        var download = new WeChatPayCertificateDownload(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero),
            new System.Collections.Generic.Dictionary<string, string> { ["Wechatpay-Serial"] = "ABC", ["Set-Cookie"] = "x" }, "{\"data\":[]}");

        var read = WeChatPayCertificateDownload.FromJson(download.ToJson())!;

        Assert.That(read.DownloadedAt, Is.EqualTo(download.DownloadedAt));
        Assert.That(read.Body, Is.EqualTo(download.Body));
        Assert.That(read.Headers, Is.EquivalentTo(new System.Collections.Generic.Dictionary<string, string> { ["Wechatpay-Serial"] = "ABC" }), "only the signature headers are kept");
        foreach (var junk in new[] { "", "null", "[]", "{}", "{\"downloaded_at\":\"x\",\"headers\":{},\"body\":\"\"}",
                     "{\"downloaded_at\":1,\"headers\":{\"a\":1},\"body\":\"\"}", "{\"downloaded_at\":99999999999999999,\"headers\":{},\"body\":\"\"}" })
            Assert.That(WeChatPayCertificateDownload.FromJson(junk), Is.Null, junk);
    }
}
