using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using StackExchange.Redis;
using WeChatPay.Chain.Caching;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>Servers (separate clients, each with its own connection) sharing notification claims through a real Redis server.</summary>
[NonParallelizable]
public class FleetNotificationTests
{
    private static readonly object Resource = new { mchid = "1900000001", out_trade_no = "FLEET-1", trade_state = "SUCCESS" };

    private RedisServer _redis = null!;
    private WeChatPaySandbox _sandbox = null!;
    private CallbackReceiver _receiver = null!;
    private readonly List<IDisposable> _owned = new();

    [SetUp]
    public async Task Start()
    {
        _redis = await RedisServer.StartAsync(durable: true);
        _sandbox = await WeChatPaySandbox.StartAsync();
        _receiver = await CallbackReceiver.StartAsync();
    }

    [TearDown]
    public async Task Stop()
    {
        foreach (var owned in _owned) owned.Dispose();
        _owned.Clear();
        await _receiver.DisposeAsync();
        await _sandbox.DisposeAsync();
        _redis.Dispose();
    }

    private ConnectionMultiplexer Connect()
    {
        var connection = ConnectionMultiplexer.Connect(_redis.Configuration);
        _owned.Add(connection);
        return connection;
    }

    // One server: a client whose notification claims are in Redis, through a connection of its own.
    private WeChatPayClient Server()
    {
        var options = _sandbox.ClientOptions();
        options.NotificationStore = new RedisNotificationStore(Connect());
        var client = new WeChatPayClient(options);
        _owned.Add(client);
        return client;
    }

    private (Dictionary<string, string> Headers, byte[] Body) Received()
    {
        Assert.That(_receiver.Received.TryDequeue(out var received), Is.True, "the receiver got the callback");
        return received;
    }

    private static Task<WeChatPayNotificationReceipt> Receive(WeChatPayClient server, (Dictionary<string, string> Headers, byte[] Body) callback,
        Func<WeChatPayNotification, CancellationToken, Task> handler) =>
        server.ReceiveNotificationAsync(name => callback.Headers.TryGetValue(name, out var value) ? value : null, callback.Body, handler);

    private static Task Nothing(WeChatPayNotification notification, CancellationToken ct) => Task.CompletedTask;

    private static Task Twice(WeChatPayNotification notification, CancellationToken ct) => throw new AssertionException("processed twice");

    private async Task<(Dictionary<string, string> Headers, byte[] Body)> Retry(SandboxCallbackResult sent)
    {
        await _sandbox.RetryCallbackAsync(sent, _receiver.Url);
        return Received();
    }

    [Test]
    public async Task A_notification_one_server_processed_is_done_before_at_the_other()
    {
        var a = Server();
        var b = Server();
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);

        var atA = await Receive(a, Received(), Nothing);
        var atB = await Receive(b, await Retry(sent), Twice);

        Assert.That((atA.Outcome, atB.Outcome), Is.EqualTo((WeChatPayNotificationOutcome.Handled, WeChatPayNotificationOutcome.DoneBefore)));
    }

    [Test]
    public async Task A_notification_one_server_is_processing_is_in_progress_at_the_other()
    {
        var a = Server();
        var b = Server();
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        var running = new TaskCompletionSource();
        var finish = new TaskCompletionSource();
        var atA = Receive(a, Received(), async (_, _) =>
        {
            running.SetResult();
            await finish.Task;
        });
        await running.Task;

        var atB = await Receive(b, await Retry(sent), Twice);
        finish.SetResult();

        Assert.That((atB.Outcome, atB.StatusCode), Is.EqualTo((WeChatPayNotificationOutcome.InProgress, 409)));
        Assert.That((await atA).Outcome, Is.EqualTo(WeChatPayNotificationOutcome.Handled));
    }

    [Test]
    public async Task An_entry_planted_in_Redis_is_ignored_and_the_genuine_notification_processed()
    {
        var a = Server();
        var attacker = Connect().GetDatabase();
        await attacker.StringSetAsync("wechatpay:1900000001:notification:transaction:1900000001:FLEET-1", "d.planted.entry", TimeSpan.FromHours(1));
        await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);

        var receipt = await Receive(a, Received(), Nothing);

        Assert.That(receipt.Outcome, Is.EqualTo(WeChatPayNotificationOutcome.Handled));
        Assert.That(receipt.StoreProblem, Does.Contain("planted or altered"));
    }

    [Test]
    public async Task With_Redis_killed_a_notification_is_answered_retry_later_and_processed_once_after_it_is_back()
    {
        var a = Server();
        var b = Server();
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        var processed = 0;
        Task Count(WeChatPayNotification notification, CancellationToken ct)
        {
            Interlocked.Increment(ref processed);
            return Task.CompletedTask;
        }

        _redis.Kill();
        var whileDown = await Receive(a, Received(), Count);
        await _redis.RestartAsync();
        var afterAtA = await Receive(a, await Retry(sent), Count);
        var afterAtB = await Receive(b, await Retry(sent), Count);

        Assert.That((whileDown.Outcome, whileDown.StatusCode), Is.EqualTo((WeChatPayNotificationOutcome.StoreUnavailable, 503)));
        Assert.That((afterAtA.Outcome, afterAtB.Outcome), Is.EqualTo((WeChatPayNotificationOutcome.Handled, WeChatPayNotificationOutcome.DoneBefore)));
        Assert.That(processed, Is.EqualTo(1));
    }

    [Test]
    public async Task What_a_durable_Redis_held_survives_a_kill_and_restart()
    {
        var a = Server();
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        await Receive(a, Received(), Nothing);

        _redis.Kill();
        await _redis.RestartAsync();
        var afterRestart = await Receive(Server(), await Retry(sent), Twice);

        Assert.That(afterRestart.Outcome, Is.EqualTo(WeChatPayNotificationOutcome.DoneBefore));
    }
}
