using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using StackExchange.Redis;
using WeChatPay.Chain.AspNetCore;
using WeChatPay.Chain.Caching;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// The fleet as WeChat Pay meets it: three servers (each its own client and Redis connection, one durable Redis) behind a
/// round-robin balancer, 200 notifications each delivered in 5 copies at once, retried on a schedule until a 2xx, with
/// handlers that are sometimes slower than WeChat Pay waits and sometimes fail. Every notification's effect is counted:
/// exactly once each, none lost — also with Redis killed (SIGKILL) and restarted on its data mid-run.
/// </summary>
[NonParallelizable]
[Category("Slow")]
public class FleetDeliveryTests
{
    private const int Notifications = 200;

    // WeChat Pay's 5 s wait, scaled down; a slow handler takes longer than it.
    private static readonly TimeSpan WeChatPayWaits = TimeSpan.FromMilliseconds(800);
    private static readonly TimeSpan SlowHandler = TimeSpan.FromMilliseconds(1200);

    // The lease scaled down the same way (one minute by default): a claim whose owner is unknown (written by Redis just
    // before it was killed, its answer lost) holds a notification back for this long.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    private RedisServer _redis = null!;
    private WeChatPaySandbox _sandbox = null!;
    private readonly List<IDisposable> _owned = new();
    private readonly List<WebApplication> _servers = new();
    private readonly ConcurrentDictionary<string, int> _effects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _runs = new(StringComparer.Ordinal);
    private int _slow;
    private int _failed;

    [SetUp]
    public async Task Start()
    {
        _effects.Clear();
        _runs.Clear();
        _slow = _failed = 0;
        _redis = await RedisServer.StartAsync(durable: true);
        _sandbox = await WeChatPaySandbox.StartAsync();
    }

    [TearDown]
    public async Task Stop()
    {
        foreach (var server in _servers) await server.DisposeAsync();
        _servers.Clear();
        foreach (var owned in _owned) owned.Dispose();
        _owned.Clear();
        await _sandbox.DisposeAsync();
        _redis.Dispose();
    }

    // A merchant server: Kestrel on 127.0.0.1, MapWeChatPayNotifications, its own client on its own Redis connection.
    // The handler is slow on some runs and fails on others (decided by the notification and how often it ran), and
    // records the effect only when it succeeds.
    private async Task<string> StartServer()
    {
        var redis = ConnectionMultiplexer.Connect(_redis.Configuration);
        _owned.Add(redis);
        var options = _sandbox.ClientOptions();
        options.NotificationStore = new RedisNotificationStore(redis);
        options.NotificationLease = Lease;
        var client = new WeChatPayClient(options);
        _owned.Add(client);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var web = builder.Build();
        web.MapWeChatPayNotifications("/notify", client, async (notification, ct) =>
        {
            string outTradeNo = notification.Resource!.out_trade_no;
            var run = _runs.AddOrUpdate(outTradeNo, 1, (_, n) => n + 1);
            var roll = (Math.Abs(outTradeNo.GetHashCode(StringComparison.Ordinal)) + 7 * run) % 20;
            if (roll < 3 && run < 4)
            {
                Interlocked.Increment(ref _slow);
                await Task.Delay(SlowHandler, CancellationToken.None);     // WeChat Pay has hung up by now
            }
            if ((roll == 1 || roll >= 17) && run < 4)
            {
                Interlocked.Increment(ref _failed);
                throw new InvalidOperationException("the order database is down"); // some of these after WeChat Pay hung up
            }
            _effects.AddOrUpdate(outTradeNo, 1, (_, n) => n + 1);
        });
        await web.StartAsync();
        _servers.Add(web);
        return web.Urls.First() + "/notify";
    }

    private static SandboxDeliveryOptions Delivery(IEnumerable<string> receivers)
    {
        var options = new SandboxDeliveryOptions
        {
            Copies = 5,
            Timeout = WeChatPayWaits,
            RetrySchedule = Enumerable.Range(0, 40).Select(i => TimeSpan.FromMilliseconds(Math.Min(150 * (i + 1), 1000))).ToArray(),
        };
        foreach (var receiver in receivers) options.Receivers.Add(receiver);
        return options;
    }

    private async Task<SandboxNotification[]> DeliverAll(IReadOnlyList<string> receivers)
    {
        using var gate = new SemaphoreSlim(40);
        var deliveries = Enumerable.Range(0, Notifications).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                // Receivers rotated per notification, so that copies and retries spread over all three servers.
                var rotated = receivers.Skip(i % receivers.Count).Concat(receivers.Take(i % receivers.Count)).ToArray();
                return await _sandbox.NotifyAsync("TRANSACTION.SUCCESS",
                    new { mchid = SandboxOptions.DefaultMerchantId, out_trade_no = $"FLEET{i:D5}", transaction_id = $"42000000{i:D20}", trade_state = "SUCCESS" },
                    Delivery(rotated));
            }
            finally
            {
                gate.Release();
            }
        });
        return await Task.WhenAll(deliveries);
    }

    private void AssertEachProcessedOnce(SandboxNotification[] results)
    {
        var lost = results.Where(r => !r.Acknowledged).Select(r => $"{r.NotificationId}: {string.Join(", ", r.Deliveries.Select(d => d.StatusCode?.ToString() ?? d.Error))}").ToArray();
        Assert.That(lost, Is.Empty, "every notification acknowledged in the end");
        var expected = Enumerable.Range(0, Notifications).Select(i => $"FLEET{i:D5}").ToArray();
        var notOnce = expected.Where(no => _effects.GetValueOrDefault(no) != 1).Select(no => $"{no}: {_effects.GetValueOrDefault(no)}").ToArray();
        Assert.That(notOnce, Is.Empty, "each notification's effect exactly once");
        Assert.That(_effects.Keys, Is.EquivalentTo(expected));
        Assert.That(_slow, Is.GreaterThan(10), "some handlers were slower than WeChat Pay waits");
        Assert.That(_failed, Is.GreaterThan(10), "some handlers failed");
        Assert.That(results.Sum(r => r.Deliveries.Count), Is.GreaterThan(Notifications * 5), "copies and retries arrived");
    }

    [Test]
    public async Task Three_servers_process_each_of_200_notifications_delivered_5_times_at_once_exactly_once()
    {
        var receivers = new[] { await StartServer(), await StartServer(), await StartServer() };

        var results = await DeliverAll(receivers);

        AssertEachProcessedOnce(results);
        TestContext.Out.WriteLine($"{results.Sum(r => r.Deliveries.Count)} deliveries, {_slow} slow and {_failed} failed handler runs");
    }

    [Test]
    public async Task With_Redis_killed_and_restarted_on_its_data_mid_run_nothing_is_processed_twice_or_lost()
    {
        var receivers = new[] { await StartServer(), await StartServer(), await StartServer() };
        var delivering = DeliverAll(receivers);

        // A quarter of the way in, Redis dies (SIGKILL) and comes back on its data two seconds later.
        while (_effects.Count < Notifications / 4) await Task.Delay(10);
        _redis.Kill();
        var killedWith = _effects.Count;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var restartedWith = _effects.Count;
        await _redis.RestartAsync();
        var results = await delivering;

        Assert.That(restartedWith, Is.LessThan(Notifications), "Redis was away mid-run, with notifications still to come");
        AssertEachProcessedOnce(results);
        // While Redis is away a delivery is answered 503, or waits for the client's reconnection past WeChat Pay's patience.
        var statuses = string.Join(", ", results.SelectMany(r => r.Deliveries).GroupBy(d => d.StatusCode?.ToString() ?? d.Error).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
        TestContext.Out.WriteLine($"killed with {killedWith} and restarted with {restartedWith} of {Notifications} processed; " +
            $"{results.Sum(r => r.Deliveries.Count)} deliveries ({statuses}); {_slow} slow and {_failed} failed handler runs");
    }
}
