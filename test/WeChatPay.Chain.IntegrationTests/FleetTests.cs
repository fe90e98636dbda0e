using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using WeChatPay.Chain.Caching;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// Two servers (two clients, each with its own Redis connection) sharing platform certificates through a real Redis server,
/// behind <c>IDistributedCache</c> and through the Redis store; then Redis killed mid-run.
/// </summary>
[NonParallelizable]
[TestFixture(CertificateStoreKind.DistributedCache)]
[TestFixture(CertificateStoreKind.Redis)]
public class FleetTests
{
    public enum CertificateStoreKind
    {
        DistributedCache,
        Redis,
    }

    private readonly CertificateStoreKind _kind;

    public FleetTests(CertificateStoreKind kind) => _kind = kind;

    private RedisServer _redis = null!;
    private FakeTimeProvider _clock = null!;
    private WeChatPaySandbox _sandbox = null!;
    private readonly List<IDisposable> _owned = new();
    private readonly ConcurrentQueue<(string Server, WeChatPayCertificateRefresh Refresh)> _refreshes = new();

    [SetUp]
    public async Task Start()
    {
        _redis = await RedisServer.StartAsync();
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _sandbox = await WeChatPaySandbox.StartAsync(new SandboxOptions { Mode = KeyMode.Certificate, TimeProvider = _clock });
        _refreshes.Clear();
    }

    [TearDown]
    public async Task Stop()
    {
        foreach (var owned in _owned) owned.Dispose();
        _owned.Clear();
        await _sandbox.DisposeAsync();
        _redis.Dispose();
    }

    // One server: a client whose certificate store is on a Redis connection of its own.
    private WeChatPayClient Server(string name, bool withKey = true)
    {
        var options = _sandbox.ClientOptions();
        if (!withKey) options.PlatformKeys.Clear();
        if (_kind == CertificateStoreKind.Redis)
        {
            var connection = StackExchange.Redis.ConnectionMultiplexer.Connect(_redis.Configuration);
            _owned.Add(connection);
            options.CertificateStore = new RedisCertificateStore(connection);
        }
        else
        {
            var cache = new RedisCache(Microsoft.Extensions.Options.Options.Create(new RedisCacheOptions { Configuration = _redis.Configuration }));
            _owned.Add(cache);
            options.CertificateStore = new DistributedCertificateStore(cache);
        }
        options.CertificateRefreshed = refresh => _refreshes.Enqueue((name, refresh));
        var client = new WeChatPayClient(options);
        _owned.Add(client);
        return client;
    }

    private int Downloads => _sandbox.Calls.Count(c => c.Method == "GET" && c.Path == "/v3/certificates");

    private static Task<WeChatPayResponse> AnyCall(WeChatPayClient client) =>
        (Task<WeChatPayResponse>)client.V3.Pay.Transactions.Id["4200000001"].GetAsync(new { mchid = SandboxOptions.DefaultMerchantId });

    private async Task<(string Server, WeChatPayCertificateRefresh Refresh)> NextRefresh()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_refreshes.TryDequeue(out var refresh)) return refresh;
            await Task.Delay(10);
        }
        throw new TimeoutException("no certificate refresh was reported");
    }

    [Test]
    public async Task Two_servers_started_without_keys_share_one_download()
    {
        var a = Server("a", withKey: false);
        var b = Server("b", withKey: false);

        await AnyCall(a);
        await AnyCall(b);

        Assert.That(Downloads, Is.EqualTo(1));
        Assert.That((await NextRefresh()).Refresh.FromStore, Is.False);
        var second = await NextRefresh();
        Assert.That(second.Server, Is.EqualTo("b"));
        Assert.That(second.Refresh.FromStore, Is.True, second.Refresh.ToString());
    }

    [Test]
    public async Task After_a_rotation_one_server_downloads_and_the_other_reads_what_it_saved()
    {
        var a = Server("a");
        var b = Server("b");
        var rotated = _sandbox.RotatePlatformCertificate();

        await AnyCall(a);
        var res = await AnyCall(b);

        Assert.That(res.Headers["Wechatpay-Serial"], Is.EqualTo(rotated));
        Assert.That(Downloads, Is.EqualTo(1));
        Assert.That(b.PlatformKeyIds, Does.Contain(rotated));
    }

    [Test]
    public async Task On_the_schedule_the_server_due_first_downloads_and_the_later_one_reads_it()
    {
        var a = Server("a");
        _clock.Advance(TimeSpan.FromHours(3));
        var b = Server("b"); // due between 12.6 h and 15 h; a is due by 12 h
        var rotated = _sandbox.RotatePlatformCertificate();

        _clock.Advance(TimeSpan.FromHours(9));
        var first = await NextRefresh();
        _clock.Advance(TimeSpan.FromHours(3));
        var second = await NextRefresh();

        Assert.That((first.Server, first.Refresh.FromStore), Is.EqualTo(("a", false)), first.Refresh.ToString());
        Assert.That((second.Server, second.Refresh.FromStore), Is.EqualTo(("b", true)), second.Refresh.ToString());
        Assert.That(Downloads, Is.EqualTo(1));
        Assert.That(b.PlatformKeyIds, Does.Contain(rotated));
    }

    [Test]
    public async Task With_Redis_killed_mid_run_calls_and_refreshes_still_succeed()
    {
        var a = Server("a");
        var b = Server("b");
        await AnyCall(a);
        await AnyCall(b);

        _redis.Kill();
        var rotated = _sandbox.RotatePlatformCertificate();
        var res = await AnyCall(a);
        var refresh = await NextRefresh();

        Assert.That(_redis.Running, Is.False);
        Assert.That(res.Headers["Wechatpay-Serial"], Is.EqualTo(rotated));
        Assert.That(refresh.Refresh.Succeeded, Is.True, refresh.Refresh.ToString());
        Assert.That(refresh.Refresh.StoreProblem, Is.Not.Null, "the store's failure is reported");
        Assert.That((await AnyCall(b)).StatusCode, Is.EqualTo(200), "the other server refreshes on its own");

    }
}
