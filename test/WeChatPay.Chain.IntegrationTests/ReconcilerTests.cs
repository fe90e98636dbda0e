using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using StackExchange.Redis;
using WeChatPay.Chain.Caching;
using WeChatPay.Chain.Hosting;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// The reconciler settles what was never notified: the sandbox withholds notifications and answers queries as it would
/// have notified; each payment or refund reaches the handler once, between the notification and the query, across a fleet.
/// </summary>
[NonParallelizable]
public class ReconcilerTests
{
    private const string Mchid = SandboxOptions.DefaultMerchantId;

    private WeChatPaySandbox _sandbox = null!;
    private FakeTimeProvider _clock = null!;
    private readonly List<IDisposable> _owned = new();
    private readonly ConcurrentQueue<WeChatPayNotification> _handled = new();

    [SetUp]
    public async Task Start()
    {
        _handled.Clear();
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _sandbox = await WeChatPaySandbox.StartAsync(new SandboxOptions { OrdersMustExist = true });
    }

    [TearDown]
    public async Task Stop()
    {
        foreach (var owned in _owned) owned.Dispose();
        _owned.Clear();
        await _sandbox.DisposeAsync();
    }

    private Task Handle(WeChatPayNotification notification, CancellationToken ct)
    {
        _handled.Enqueue(notification);
        return Task.CompletedTask;
    }

    private WeChatPayClient Client(IWeChatPayNotificationStore? store = null)
    {
        var options = _sandbox.ClientOptions();
        options.NotificationStore = store;
        var client = new WeChatPayClient(options);
        _owned.Add(client);
        return client;
    }

    private WeChatPayReconciler Reconciler(WeChatPayClient client, IWeChatPayPendingStore? store = null) =>
        new(client, Handle, new WeChatPayReconcilerOptions
        {
            QueryAfter = TimeSpan.FromMinutes(5), MaxQueryInterval = TimeSpan.FromMinutes(30), GiveUpAfter = TimeSpan.FromHours(2),
            Store = store, TimeProvider = _clock,
        });

    private static object Paid(string outTradeNo, string state = "SUCCESS") => new
    {
        appid = "wxd678efh567hg6787", mchid = Mchid, out_trade_no = outTradeNo, transaction_id = "4200000000000000000000000301",
        trade_type = "NATIVE", trade_state = state, amount = new { total = 100, currency = "CNY" },
    };

    private Task Withhold(string eventType, object resource) => _sandbox.NotifyAsync(eventType, resource, new SandboxDeliveryOptions { Withhold = true });

    private async Task PlaceOrder(WeChatPayClient client, string outTradeNo) =>
        await client.V3.Pay.Transactions.Native.PostAsync(new
        {
            appid = "wxd678efh567hg6787", mchid = Mchid, description = "Image形象店-深圳腾大-QQ公仔", out_trade_no = outTradeNo,
            notify_url = "https://www.weixin.qq.com/wxpay/pay.php", amount = new { total = 100, currency = "CNY" },
        });

    [Test]
    public async Task A_payment_whose_notification_was_withheld_is_handed_over_from_a_query_once()
    {
        var client = Client();
        var reconciler = Reconciler(client);
        await PlaceOrder(client, "R-PAID");
        await reconciler.ExpectPaymentAsync("R-PAID");
        await Withhold("TRANSACTION.SUCCESS", Paid("R-PAID"));

        var early = await reconciler.ReconcileDueAsync();
        _clock.Advance(TimeSpan.FromMinutes(5));
        var due = await reconciler.ReconcileDueAsync();
        _clock.Advance(TimeSpan.FromHours(1));
        var later = await reconciler.ReconcileDueAsync();

        Assert.That((early, due, later), Is.EqualTo((0, 1, 0)), "nothing before QueryAfter; once; then no longer expected");
        var notification = _handled.Single();
        Assert.That((notification.FromQuery, notification.EventType), Is.EqualTo((true, "TRANSACTION.SUCCESS")));
        Assert.That((string)notification.Resource!.out_trade_no, Is.EqualTo("R-PAID"));
        Assert.That(_sandbox.Calls.Count(c => c.Path == "/v3/pay/transactions/out-trade-no/R-PAID"), Is.EqualTo(1));
    }

    [Test]
    public async Task An_unpaid_order_is_queried_with_a_growing_wait_and_given_up_without_reaching_the_handler()
    {
        var client = Client();
        var reconciler = Reconciler(client);
        await PlaceOrder(client, "R-UNPAID");
        await reconciler.ExpectPaymentAsync("R-UNPAID");

        var queriedAt = new List<double>();
        for (var minute = 0; minute <= 150; minute++)
        {
            var before = _sandbox.Calls.Count(c => c.Path == "/v3/pay/transactions/out-trade-no/R-UNPAID");
            await reconciler.ReconcileDueAsync();
            if (_sandbox.Calls.Count(c => c.Path == "/v3/pay/transactions/out-trade-no/R-UNPAID") > before) queriedAt.Add(minute);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.That(_handled, Is.Empty, "NOTPAY is not final");
        Assert.That(queriedAt, Is.EqualTo(new double[] { 5, 10, 20, 40, 70, 100 }), "5, then doubling, at most 30 minutes apart, none after two hours");
    }

    [Test]
    public async Task A_payment_settled_by_its_notification_is_not_handed_over_again_and_not_even_queried()
    {
        var client = Client();
        var reconciler = Reconciler(client);
        await PlaceOrder(client, "R-NOTIFIED");
        await reconciler.ExpectPaymentAsync("R-NOTIFIED");
        await using var receiver = await CallbackReceiver.StartAsync();
        await _sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid("R-NOTIFIED"), new SandboxDeliveryOptions { Receivers = { receiver.Url } });
        Assert.That(receiver.Received.TryDequeue(out var delivered), Is.True);
        var notified = await client.ReceiveNotificationAsync(name => delivered.Headers.TryGetValue(name, out var v) ? v : null, delivered.Body, Handle);

        _clock.Advance(TimeSpan.FromMinutes(5));
        var settled = await reconciler.ReconcileDueAsync();

        Assert.That(notified.Outcome, Is.EqualTo(WeChatPayNotificationOutcome.Handled));
        Assert.That(settled, Is.EqualTo(1), "found settled");
        Assert.That(_handled.Select(n => n.FromQuery), Is.EqualTo(new[] { false }), "handled once, by the notification");
        Assert.That(_sandbox.Calls.Count(c => c.Path == "/v3/pay/transactions/out-trade-no/R-NOTIFIED"), Is.EqualTo(0));
    }

    [Test]
    public async Task A_notification_arriving_after_the_query_settled_it_is_done_before()
    {
        var client = Client();
        var reconciler = Reconciler(client);
        await PlaceOrder(client, "R-LATE");
        await reconciler.ExpectPaymentAsync("R-LATE");
        await using var receiver = await CallbackReceiver.StartAsync();
        await _sandbox.NotifyAsync("TRANSACTION.SUCCESS", Paid("R-LATE"), new SandboxDeliveryOptions { Receivers = { receiver.Url } });
        Assert.That(receiver.Received.TryDequeue(out var late), Is.True);

        _clock.Advance(TimeSpan.FromMinutes(5));
        await reconciler.ReconcileDueAsync();
        var notified = await client.ReceiveNotificationAsync(name => late.Headers.TryGetValue(name, out var v) ? v : null, late.Body, Handle);

        Assert.That(notified.Outcome, Is.EqualTo(WeChatPayNotificationOutcome.DoneBefore));
        Assert.That(_handled.Select(n => n.FromQuery), Is.EqualTo(new[] { true }));
    }

    [Test]
    public async Task A_refund_whose_notification_was_withheld_is_handed_over_as_its_final_status()
    {
        var client = Client();
        var reconciler = Reconciler(client);
        await reconciler.ExpectRefundAsync("RR-1");
        await Withhold("REFUND.ABNORMAL", new
        {
            mchid = Mchid, out_trade_no = "R-PAID", transaction_id = "4200000000000000000000000301", out_refund_no = "RR-1",
            refund_id = "50000000382019052709732678859", refund_status = "ABNORMAL", amount = new { total = 100, refund = 100, payer_total = 100, payer_refund = 100 },
        });

        _clock.Advance(TimeSpan.FromMinutes(5));
        await reconciler.ReconcileDueAsync();

        var notification = _handled.Single();
        Assert.That((notification.FromQuery, notification.EventType, (string)notification.Resource!.out_refund_no), Is.EqualTo((true, "REFUND.ABNORMAL", "RR-1")));
    }

    [Test]
    public async Task Three_servers_sharing_Redis_settle_each_withheld_payment_once_between_them()
    {
        using var redis = await RedisServer.StartAsync();
        WeChatPayReconciler Server()
        {
            var connection = ConnectionMultiplexer.Connect(redis.Configuration);
            _owned.Add(connection);
            var store = new RedisNotificationStore(connection);
            return Reconciler(Client(store), store);
        }
        var servers = new[] { Server(), Server(), Server() };
        var orders = Enumerable.Range(0, 30).Select(i => $"R-FLEET-{i:D3}").ToArray();
        foreach (var (order, i) in orders.Select((o, i) => (o, i)))
        {
            await servers[i % 3].ExpectPaymentAsync(order);                  // expected where it was placed
            await Withhold("TRANSACTION.SUCCESS", Paid(order));
        }

        _clock.Advance(TimeSpan.FromMinutes(5));
        var settled = await Task.WhenAll(servers.Select(s => s.ReconcileDueAsync()));
        _clock.Advance(TimeSpan.FromMinutes(30));
        var again = await Task.WhenAll(servers.Select(s => s.ReconcileDueAsync()));

        Assert.That(_handled.Select(n => (string)n.Resource!.out_trade_no).OrderBy(o => o, StringComparer.Ordinal), Is.EqualTo(orders), "each once");
        Assert.That(settled.Sum() + again.Sum(), Is.GreaterThanOrEqualTo(orders.Length));
        Assert.That(again.Sum(), Is.EqualTo(0), "nothing left expected");
    }

    [Test]
    public async Task In_a_host_the_reconciler_runs_on_its_own_and_hands_a_withheld_payment_to_the_handler()
    {
        var handled = new TaskCompletionSource<WeChatPayNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddWeChatPay(options => Copy(_sandbox.ClientOptions(), options));
        builder.Services.AddWeChatPayReconciler((notification, ct) =>
        {
            handled.TrySetResult(notification);
            return Task.CompletedTask;
        }, options =>
        {
            options.QueryAfter = TimeSpan.FromMilliseconds(200);
            options.PollInterval = TimeSpan.FromMilliseconds(50);
        });
        using var host = builder.Build();
        await host.StartAsync();
        var reconciler = host.Services.GetRequiredService<WeChatPayReconciler>();

        await Withhold("TRANSACTION.SUCCESS", Paid("R-HOSTED"));
        await reconciler.ExpectPaymentAsync("R-HOSTED");
        var notification = await handled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();

        Assert.That((notification.FromQuery, (string)notification.Resource!.out_trade_no), Is.EqualTo((true, "R-HOSTED")));
    }

    [TestCase("")]
    [TestCase("R 1")]
    [TestCase("R-1\r\nX")]
    [TestCase("../../v3/certificates")]
    public void A_number_that_is_not_of_the_documented_form_is_refused_before_anything_is_stored(string outTradeNo)
    {
        var reconciler = Reconciler(Client());

        var error = Assert.ThrowsAsync<ArgumentException>(() => reconciler.ExpectPaymentAsync(outTradeNo));

        Assert.That(error!.Message, Does.Contain("[0-9A-Za-z_-|*@]"));
    }

    private static void Copy(WeChatPayOptions from, WeChatPayOptions to)
    {
        to.MerchantId = from.MerchantId;
        to.MerchantSerialNumber = from.MerchantSerialNumber;
        to.MerchantPrivateKey = from.MerchantPrivateKey;
        to.ApiV3Key = from.ApiV3Key;
        to.BaseUrl = from.BaseUrl;
        foreach (var key in from.PlatformKeys) to.PlatformKeys[key.Key] = key.Value;
    }
}
