using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Http;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// <c>NotifyAsync</c> delivers like WeChat Pay: copies at the same moment, a timeout per copy, retries on a schedule until the
/// first 2xx, round robin across a fleet, withheld on demand; every delivery the same notification, signed anew.
/// </summary>
[NonParallelizable] // measures the time between deliveries
public class SandboxDeliveryTests
{
    private static readonly object Paid = new { mchid = "1900000001", out_trade_no = "DLV-0001", transaction_id = "4200000000000000000000000001", trade_state = "SUCCESS" };

    private WeChatPaySandbox _sandbox = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _sandbox = await WeChatPaySandbox.StartAsync();
        // Warm up (JIT, first connection), so that a busy machine does not make the first test's delivery slow.
        await using var receiver = await ScriptedReceiver.StartAsync();
        await _sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid, new SandboxDeliveryOptions { Receivers = { receiver.Url } });
    }

    [OneTimeTearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    // Short intervals; the timeout stays WeChat Pay's 5 s unless a test is about timing out.
    private static SandboxDeliveryOptions Fast(params string[] receivers) => new()
    {
        Receivers = receivers,
        RetrySchedule = new[] { TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100) },
    };

    // Verified with the library's verifier (the test may use it; the sandbox never does).
    private void AssertSigned(ScriptedReceiver.Arrival arrival)
    {
        var options = _sandbox.ClientOptions();
        var merchant = RsaPrivateKey.Load(options.MerchantPrivateKey, null, "merchant");
        var keys = PlatformKeyStore.Load(options.PlatformKeys, options.MerchantSerialNumber, merchant.PublicKey, false, null, DateTimeOffset.UtcNow);
        var h = arrival.Headers;
        Assert.That(new ResponseVerifier(TimeProvider.System).TryVerify(keys, h["Wechatpay-Timestamp"], h["Wechatpay-Nonce"], h["Wechatpay-Signature"],
            h["Wechatpay-Serial"], arrival.Body, out var failed, out var reason), Is.True, $"delivery {arrival.Number}: {failed}: {reason}");
    }

    private static string IdOf(ScriptedReceiver.Arrival arrival) => (string)JObject.Parse(Encoding.UTF8.GetString(arrival.Body))["id"]!;

    [Test]
    public async Task Two_copies_of_one_attempt_arrive_at_the_same_moment()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(204, TimeSpan.FromSeconds(1));
        var options = Fast(receiver.Url);
        options.Copies = 2;

        var sent = await _sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid, options);

        Assert.That(sent.Acknowledged, Is.True, sent.ToString());
        Assert.That(sent.Deliveries.Select(d => (d.Attempt, d.Copy, d.StatusCode)), Is.EqualTo(new (int, int, int?)[] { (1, 1, 204), (1, 2, 204) }));
        var arrivals = receiver.Arrivals;
        Assert.That(arrivals, Has.Count.EqualTo(2));
        Assert.That(receiver.MaxInFlight, Is.EqualTo(2), "the second copy arrived while the first was still being handled");
        Assert.That(Stopwatch.GetElapsedTime(arrivals[0].Timestamp, arrivals[1].Timestamp).Duration(), Is.LessThan(TimeSpan.FromMilliseconds(500)));
        Assert.That(arrivals[1].Body, Is.EqualTo(arrivals[0].Body), "one notification");
        Assert.That(arrivals[1].Headers["Wechatpay-Nonce"], Is.Not.EqualTo(arrivals[0].Headers["Wechatpay-Nonce"]), "each copy signed anew");
        Assert.That(IdOf(arrivals[0]), Is.EqualTo(sent.NotificationId));
        foreach (var arrival in arrivals) AssertSigned(arrival);
    }

    [Test]
    public async Task A_receiver_slower_than_the_timeout_is_retried_on_the_schedule_and_the_delivery_stops_at_the_first_2xx()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(n => n <= 2 ? (204, TimeSpan.FromSeconds(5)) : (204, TimeSpan.Zero));
        var options = Fast(receiver.Url);
        options.Timeout = TimeSpan.FromMilliseconds(500);

        var sent = await _sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid, options);
        await Task.Delay(800); // more than the next interval and timeout: a fourth delivery would have come by now

        Assert.That(sent.Acknowledged, Is.True, sent.ToString());
        Assert.That(sent.Deliveries.Select(d => (d.Attempt, d.StatusCode, d.TimedOut, d.Error)),
            Is.EqualTo(new (int, int?, bool, string?)[] { (1, null, true, "timed out"), (2, null, true, "timed out"), (3, 204, false, null) }));
        var (first, second, third) = (sent.Deliveries[0], sent.Deliveries[1], sent.Deliveries[2]);
        Assert.That(first.Duration, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(480)).And.LessThan(TimeSpan.FromSeconds(4)), "abandoned at the timeout");
        Assert.That(second.SentAfter - first.SentAfter, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(580)), "timeout, then the first interval");
        Assert.That(third.SentAfter - second.SentAfter, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(580)), "timeout, then the second interval");
        Assert.That(receiver.Arrivals.Select(a => a.Abandoned), Is.EqualTo(new[] { true, true, false }), "the timed-out requests were cancelled; nothing after the 2xx");
    }

    [Test]
    public async Task A_receiver_that_keeps_failing_is_tried_until_the_schedule_is_exhausted()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(500);
        var options = Fast(receiver.Url);
        options.RetrySchedule = new[] { TimeSpan.FromMilliseconds(50), TimeSpan.Zero };

        var sent = await _sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid, options);

        Assert.That(sent.Acknowledged, Is.False);
        Assert.That(sent.Deliveries.Select(d => (d.Attempt, d.StatusCode)), Is.EqualTo(new (int, int?)[] { (1, 500), (2, 500), (3, 500) }));
        Assert.That(sent.Deliveries[0].Body, Does.Contain("FAIL"));
        Assert.That(receiver.Arrivals, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Retries_are_the_same_notification_each_signed_anew()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(n => (n < 3 ? 500 : 200, TimeSpan.Zero));

        var sent = await _sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid, Fast(receiver.Url));

        Assert.That(sent.Deliveries.Select(d => d.StatusCode), Is.EqualTo(new int?[] { 500, 500, 200 }));
        var arrivals = receiver.Arrivals;
        Assert.That(arrivals.Select(a => a.Body), Is.All.EqualTo(arrivals[0].Body));
        Assert.That(arrivals.Select(IdOf), Is.All.EqualTo(sent.NotificationId));
        Assert.That(arrivals.Select(a => a.Headers["Wechatpay-Nonce"]).Distinct().Count(), Is.EqualTo(3));
        Assert.That(arrivals.Select(a => a.Headers["Request-ID"]).Distinct().Count(), Is.EqualTo(3));
        foreach (var arrival in arrivals) AssertSigned(arrival);
    }

    [Test]
    public async Task Deliveries_go_round_robin_across_the_receivers_through_copies_and_attempts()
    {
        await using var a = await ScriptedReceiver.StartAsync(503);
        await using var b = await ScriptedReceiver.StartAsync(503);
        await using var c = await ScriptedReceiver.StartAsync(503);
        var options = Fast(a.Url, b.Url, c.Url);
        options.Copies = 2;
        options.RetrySchedule = new[] { TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20) };

        var sent = await _sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid, options);

        Assert.That(sent.Deliveries.Select(d => (d.Attempt, d.Copy, d.Receiver)), Is.EqualTo(new[]
        {
            (1, 1, a.Url), (1, 2, b.Url), (2, 1, c.Url), (2, 2, a.Url), (3, 1, b.Url), (3, 2, c.Url),
        }));
        Assert.That(new[] { a, b, c }.Select(r => r.Arrivals.Count), Is.EqualTo(new[] { 2, 2, 2 }));
    }

    [Test]
    public async Task A_withheld_notification_reaches_nobody()
    {
        await using var receiver = await ScriptedReceiver.StartAsync();
        var options = Fast(receiver.Url);
        options.Withhold = true;

        var sent = await _sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid, options);
        await Task.Delay(300);

        Assert.That((sent.Withheld, sent.Acknowledged, sent.Deliveries.Count), Is.EqualTo((true, false, 0)));
        Assert.That(sent.NotificationId, Does.StartWith("EV-"));
        Assert.That(receiver.Arrivals, Is.Empty);
    }

    [Test]
    public async Task A_delayed_notification_is_first_sent_after_the_delay()
    {
        await using var receiver = await ScriptedReceiver.StartAsync();
        var options = Fast(receiver.Url);
        options.Delay = TimeSpan.FromMilliseconds(300);

        var sent = await _sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid, options);

        Assert.That(sent.Deliveries.Single().SentAfter, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290)));
        Assert.That(sent.Acknowledged, Is.True);
    }

    [Test]
    public async Task A_receiver_nobody_listens_on_is_a_failed_delivery_with_its_transport_error()
    {
        var gone = await ScriptedReceiver.StartAsync();
        var url = gone.Url;
        await gone.DisposeAsync();

        var options = Fast(url);
        options.RetrySchedule = Array.Empty<TimeSpan>();
        var sent = await _sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid, options);

        var only = sent.Deliveries.Single();
        Assert.That((only.StatusCode, only.TimedOut, only.Error), Is.EqualTo(((int?)null, false, "ConnectionError")));
        Assert.That(sent.Acknowledged, Is.False);
    }

    [Test]
    public async Task Cancelling_ends_a_delivery_under_way_and_disposing_the_sandbox_too()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(500);
        var options = Fast(receiver.Url);
        options.RetrySchedule = new[] { TimeSpan.FromMinutes(10) };
        using (var cancel = new System.Threading.CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            Assert.That(async () => await _sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid, options, cancel.Token), Throws.InstanceOf<OperationCanceledException>());
        }

        var doomed = await WeChatPaySandbox.StartAsync();
        var delivering = doomed.NotifyAsync("TRANSACTION.SUCCESS", Paid, options);
        await Task.Delay(300);
        await doomed.DisposeAsync();
        Assert.That(async () => await delivering, Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(receiver.Arrivals, Has.Count.EqualTo(2), "one attempt each, no retry");
    }

    private static IEnumerable<TestCaseData> BadOptions()
    {
        const string url = "http://127.0.0.1:9/notify";
        yield return new TestCaseData(new SandboxDeliveryOptions()).SetName("No receiver is refused");
        yield return new TestCaseData(new SandboxDeliveryOptions { Receivers = new[] { "/notify" } }).SetName("A relative receiver is refused");
        yield return new TestCaseData(new SandboxDeliveryOptions { Receivers = new[] { "ftp://127.0.0.1/notify" } }).SetName("A receiver that is not http(s) is refused");
        yield return new TestCaseData(new SandboxDeliveryOptions { Receivers = new[] { url }, Copies = 0 }).SetName("No copies are refused");
        yield return new TestCaseData(new SandboxDeliveryOptions { Receivers = new[] { url }, Copies = 11 }).SetName("More than ten copies are refused");
        yield return new TestCaseData(new SandboxDeliveryOptions { Receivers = new[] { url }, Timeout = TimeSpan.Zero }).SetName("A zero timeout is refused");
        yield return new TestCaseData(new SandboxDeliveryOptions { Receivers = new[] { url }, Timeout = TimeSpan.FromSeconds(-1) }).SetName("A negative timeout is refused");
        yield return new TestCaseData(new SandboxDeliveryOptions { Receivers = new[] { url }, RetrySchedule = new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(-1) } })
            .SetName("A negative retry interval is refused");
        yield return new TestCaseData(new SandboxDeliveryOptions { Receivers = new[] { url }, Delay = TimeSpan.FromSeconds(-1) }).SetName("A negative delay is refused");
    }

    [TestCaseSource(nameof(BadOptions))]
    public void Bad_delivery_options_are_refused_before_anything_is_sent(SandboxDeliveryOptions options)
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => _sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid, options));
        Assert.That(error!.ParamName, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public void A_missing_event_type_resource_or_options_is_refused()
    {
        var options = new SandboxDeliveryOptions { Receivers = { "http://127.0.0.1:9/notify" } };
        Assert.ThrowsAsync<ArgumentException>(() => _sandbox.NotifyAsync(" ", Paid, options));
        Assert.ThrowsAsync<ArgumentNullException>(() => _sandbox.NotifyAsync("TRANSACTION.SUCCESS", null!, options));
        Assert.ThrowsAsync<ArgumentNullException>(() => _sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid, null!));
    }

    [Test]
    public void The_default_options_are_WeChat_Pays()
    {
        var options = new SandboxDeliveryOptions();
        Assert.That((options.Copies, options.Timeout, options.Delay, options.Withhold), Is.EqualTo((1, TimeSpan.FromSeconds(5), TimeSpan.Zero, false)));
        Assert.That(options.RetrySchedule.Select(t => t.ToString()), Is.EqualTo(new[]
        {
            "00:00:15", "00:00:15", "00:00:30", "00:03:00", "00:10:00", "00:20:00", "00:30:00", "00:30:00", "00:30:00", "01:00:00",
            "03:00:00", "03:00:00", "03:00:00", "06:00:00", "06:00:00",
        }));
        Assert.That(options.RetrySchedule, Is.EqualTo(SandboxDeliveryOptions.WeChatPaySchedule));
    }
}
