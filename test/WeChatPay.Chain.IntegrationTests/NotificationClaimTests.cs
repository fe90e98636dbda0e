using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// Each notification is processed once: claimed by the delivery that reads it, done once processed (later deliveries,
/// retried or replayed, are <c>DoneBefore</c>), in progress while a handler runs (other deliveries are answered "later",
/// never success), released when the handler fails, expired with its lease when the process dies.
/// </summary>
public partial class NotificationClaimTests
{
    private static readonly object Resource = new { mchid = "1900000001", out_trade_no = "1217752501201407033233368018", trade_state = "SUCCESS" };

    private WeChatPaySandbox _sandbox = null!;
    private CallbackReceiver _receiver = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _sandbox = await WeChatPaySandbox.StartAsync();
        _receiver = await CallbackReceiver.StartAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _receiver.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    private (Dictionary<string, string> Headers, byte[] Body) Received()
    {
        Assert.That(_receiver.Received.TryDequeue(out var received), Is.True, "the receiver got the callback");
        return received;
    }

    private static Task<WeChatPayNotification> Read(WeChatPayClient client, (Dictionary<string, string> Headers, byte[] Body) callback) =>
        client.ReadNotificationAsync(Lookup(callback), callback.Body);

    private static Func<string, string?> Lookup((Dictionary<string, string> Headers, byte[] Body) callback) =>
        name => callback.Headers.TryGetValue(name, out var value) ? value : null;

    private static Task<WeChatPayNotificationReceipt> Receive(WeChatPayClient client, (Dictionary<string, string> Headers, byte[] Body) callback,
        Func<WeChatPayNotification, CancellationToken, Task> handler) =>
        client.ReceiveNotificationAsync(Lookup(callback), callback.Body, handler);

    private async Task<(Dictionary<string, string> Headers, byte[] Body)> Retry(SandboxCallbackResult sent)
    {
        await _sandbox.RetryCallbackAsync(sent, _receiver.Url);
        return Received();
    }

    private static WeChatPayNotificationOutcome Refused(Func<Task> read) =>
        Assert.ThrowsAsync<WeChatPayNotificationException>(async () => await read())!.Outcome;

    [Test]
    public async Task A_processed_notification_replayed_byte_for_byte_is_done_before()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        var first = await Read(client, Received());
        Assert.That(await client.CompleteNotificationAsync(first), Is.Null);
        await _sandbox.ReplayCallbackAsync(sent, _receiver.Url);

        var error = Assert.ThrowsAsync<WeChatPayNotificationException>(() => Read(client, Received()));

        Assert.That(first.Id, Is.EqualTo(sent.NotificationId));
        Assert.That(error!.Outcome, Is.EqualTo(WeChatPayNotificationOutcome.DoneBefore));
        Assert.That(error.Message, Does.Contain($"notification {sent.NotificationId} (TRANSACTION.SUCCESS) was processed before"));
    }

    [Test]
    public async Task WeChat_Pay_retrying_a_processed_notification_is_done_before()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        var original = Received();
        var receipt = await Receive(client, original, (_, _) => Task.CompletedTask);
        var retry = await Retry(sent);
        Assert.That(retry.Headers["Wechatpay-Nonce"], Is.Not.EqualTo(original.Headers["Wechatpay-Nonce"]), "signed anew");

        var again = await Receive(client, retry, (_, _) => throw new AssertionException("processed twice"));

        Assert.That((receipt.Outcome, receipt.StatusCode), Is.EqualTo((WeChatPayNotificationOutcome.Handled, 204)));
        Assert.That((again.Outcome, again.StatusCode, again.Succeeded), Is.EqualTo((WeChatPayNotificationOutcome.DoneBefore, 204, true)));
    }

    [Test]
    public async Task A_retry_that_arrives_while_a_slow_handler_runs_is_answered_later_and_processed_after_the_handler_fails()
    {
        // The paid order the landed client lost: WeChat Pay times out on a slow handler and retries; the retry was answered
        // 204 "accepted before", the handler then failed, and WeChat Pay never sent the notification again.
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        var slow = new TaskCompletionSource();
        var first = Receive(client, Received(), async (_, _) =>
        {
            await slow.Task;
            throw new InvalidOperationException("the order database is down");
        });

        var whileRunning = await Receive(client, await Retry(sent), (_, _) => throw new AssertionException("processed twice at once"));
        slow.SetResult();
        var failed = await first;
        var processed = new List<string?>();
        var later = await Receive(client, await Retry(sent), (n, _) =>
        {
            processed.Add(n.Id);
            return Task.CompletedTask;
        });

        Assert.That((whileRunning.Outcome, whileRunning.StatusCode, whileRunning.Succeeded), Is.EqualTo((WeChatPayNotificationOutcome.InProgress, 409, false)));
        Assert.That((failed.Outcome, failed.StatusCode), Is.EqualTo((WeChatPayNotificationOutcome.HandlerFailed, 500)));
        Assert.That(failed.Error, Is.InstanceOf<InvalidOperationException>());
        Assert.That(failed.Message, Does.Not.Contain("database"), "the cause is for the log, not for WeChat Pay");
        Assert.That(later.Outcome, Is.EqualTo(WeChatPayNotificationOutcome.Handled));
        Assert.That(processed, Is.EqualTo(new[] { sent.NotificationId }));
    }

    [Test]
    public async Task A_released_notification_is_processed_when_it_comes_again()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        var first = await Read(client, Received());

        Assert.That(Refused(async () => await Read(client, await Retry(sent))), Is.EqualTo(WeChatPayNotificationOutcome.InProgress));
        Assert.That(await client.ReleaseNotificationAsync(first), Is.Null);
        var again = await Read(client, await Retry(sent));

        Assert.That(again.Id, Is.EqualTo(sent.NotificationId));
    }

    [Test]
    public async Task A_claim_never_completed_expires_with_its_lease_as_a_crashed_process_would_leave_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new InMemoryNotificationStore(clock);
        var options = _sandbox.ClientOptions();
        options.NotificationStore = store;
        options.NotificationLease = TimeSpan.FromSeconds(30);
        using var crashed = new WeChatPayClient(options);
        using var survivor = new WeChatPayClient(options);
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        await Read(crashed, Received()); // and then the process dies: never completed, never released

        Assert.That(Refused(async () => await Read(survivor, await Retry(sent))), Is.EqualTo(WeChatPayNotificationOutcome.InProgress));
        clock.Advance(TimeSpan.FromSeconds(30));
        var after = await Read(survivor, await Retry(sent));

        Assert.That(after.Id, Is.EqualTo(sent.NotificationId));
    }

    [Test]
    public async Task The_lease_is_renewed_while_the_handler_runs()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = _sandbox.ClientOptions();
        options.NotificationStore = new InMemoryNotificationStore(clock);
        options.NotificationLease = TimeSpan.FromSeconds(30);
        options.TimeProvider = clock;
        using var client = new WeChatPayClient(options);
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        var running = new TaskCompletionSource();
        var finish = new TaskCompletionSource();
        var first = Receive(client, Received(), async (_, _) =>
        {
            running.SetResult();
            await finish.Task;
        });
        await running.Task;

        for (var i = 0; i < 6; i++) clock.Advance(TimeSpan.FromSeconds(10)); // a minute: twice the lease, renewed every 10 s
        await Task.Delay(100);
        var meanwhile = await Receive(client, await Retry(sent), (_, _) => throw new AssertionException("processed twice at once"));
        finish.SetResult();

        Assert.That(meanwhile.Outcome, Is.EqualTo(WeChatPayNotificationOutcome.InProgress));
        Assert.That((await first).Outcome, Is.EqualTo(WeChatPayNotificationOutcome.Handled));
    }

    [Test]
    public async Task Two_clients_sharing_a_store_process_a_notification_once_between_them()
    {
        var store = new InMemoryNotificationStore();
        var options = _sandbox.ClientOptions();
        options.NotificationStore = store;
        var other = _sandbox.ClientOptions();
        other.NotificationStore = store;
        using var a = new WeChatPayClient(options);
        using var b = new WeChatPayClient(other);
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        await Receive(a, Received(), (_, _) => Task.CompletedTask);

        var atB = await Receive(b, await Retry(sent), (_, _) => throw new AssertionException("processed twice"));

        Assert.That(atB.Outcome, Is.EqualTo(WeChatPayNotificationOutcome.DoneBefore));
    }

    [Test]
    public async Task Two_notifications_of_one_payment_settle_it_once()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        var first = Received();
        var second = Received();
        Assert.That(first.Body, Is.Not.EqualTo(second.Body), "two notifications, two ids");

        var one = await Receive(client, first, (_, _) => Task.CompletedTask);
        var two = await Receive(client, second, (_, _) => throw new AssertionException("the payment settled twice"));

        Assert.That((one.Outcome, two.Outcome), Is.EqualTo((WeChatPayNotificationOutcome.Handled, WeChatPayNotificationOutcome.DoneBefore)));
    }

    [Test]
    public async Task A_wrong_APIv3_key_is_named_as_the_likely_cause_when_the_signature_holds()
    {
        var options = _sandbox.ClientOptions();
        options.ApiV3Key = new string('k', 32);
        using var client = new WeChatPayClient(options);
        await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Read(client, Received()));

        Assert.That(error, Is.Not.InstanceOf<WeChatPaySignatureException>());
        Assert.That(error!.Message, Does.Contain("verified (it is WeChat Pay's and unaltered)").And.Contain("ApiV3Key is most likely not this merchant's"));
        Assert.That(error.Message, Does.Not.Contain(options.ApiV3Key));
    }

    [Test]
    public async Task A_tampered_ciphertext_is_named_as_an_alteration()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        var (headers, body) = Received();
        var json = Newtonsoft.Json.Linq.JObject.Parse(System.Text.Encoding.UTF8.GetString(body));
        var ciphertext = (string)json["resource"]!["ciphertext"]!;
        json["resource"]!["ciphertext"] = (ciphertext[0] == 'A' ? "B" : "A") + ciphertext.Substring(1);
        var tampered = System.Text.Encoding.UTF8.GetBytes(json.ToString(Newtonsoft.Json.Formatting.None));

        var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => Read(client, (headers, tampered)));

        Assert.That(error!.FailedCheck, Is.EqualTo(SignatureCheck.Signature));
        Assert.That(error.Message, Does.Contain("altered after WeChat Pay signed them (a tampered ciphertext, for example)"));
    }

    [Test]
    public async Task A_body_re_serialised_by_a_framework_is_named_as_such()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        var (headers, body) = Received();
        var indented = Newtonsoft.Json.Linq.JObject.Parse(System.Text.Encoding.UTF8.GetString(body)).ToString(Newtonsoft.Json.Formatting.Indented);

        var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => Read(client, (headers, System.Text.Encoding.UTF8.GetBytes(indented))));

        Assert.That(error!.FailedCheck, Is.EqualTo(SignatureCheck.Signature));
        Assert.That(error.Message, Does.Contain("most likely re-serialised by a framework: pass the raw request body bytes"));
    }
}
