using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using WeChatPay.Chain.Caching;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// A 国密 merchant's platform certificates through the real client, against the sandbox in SM certificate mode on a fake clock
/// shared by both sides: <c>v3/certificates?algorithm_type=SM2</c> (AEAD_SM4_GCM) on first use, a rotation met by an unknown
/// serial, fields encrypted to the rotated certificate, and two servers sharing the download through a real Redis server.
/// </summary>
public class SmCertificateTests
{
    private FakeTimeProvider _clock = null!;
    private WeChatPaySandbox _sandbox = null!;
    private ConcurrentQueue<WeChatPayCertificateRefresh> _refreshes = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _sandbox = await WeChatPaySandbox.StartAsync(new SandboxOptions { Scheme = SandboxScheme.Sm, Mode = KeyMode.Certificate, TimeProvider = _clock });
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

    // Every download answered 200: the sandbox answers 400 PARAM_ERROR to an SM merchant's download without algorithm_type=SM2.
    private int Downloads => _sandbox.Calls.Count(c => c.Method == "GET" && c.Path == "/v3/certificates" && c.StatusCode == 200);

    private static Task<WeChatPayResponse> AnyCall(WeChatPayClient client) =>
        (Task<WeChatPayResponse>)client.V3.Pay.Transactions.Id["4200000001"].GetAsync(new { mchid = SandboxOptions.DefaultMerchantId });

    private async Task<WeChatPayCertificateRefresh> NextRefresh()
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
    public async Task A_client_without_a_platform_key_downloads_the_SM2_certificates_on_first_use_and_verifies_SM2_answers_with_them()
    {
        using var client = new WeChatPayClient(Options(withKey: false));

        var res = await AnyCall(client);

        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(res.Headers["Wechatpay-Signature-Type"], Is.EqualTo("WECHATPAY2-SM2-WITH-SM3"));
        Assert.That(client.PlatformKeyIds, Is.EqualTo(new[] { _sandbox.PlatformKeyId }));
        Assert.That((Downloads, _sandbox.Calls.Count(c => c.Path == "/v3/certificates")), Is.EqualTo((1, 1)), "one download, asked with algorithm_type=SM2");
        var refresh = await NextRefresh();
        Assert.That((refresh.Reason, refresh.Succeeded), Is.EqualTo((CertificateRefreshReason.FirstUse, true)), refresh.ToString());
    }

    [Test]
    public async Task DownloadCertificatesAsync_gives_SM2_certificates_that_configure_a_client_of_their_own()
    {
        using var client = new WeChatPayClient(Options(withKey: false));

        var certificate = (await client.DownloadCertificatesAsync()).Single();

        var key = Keys.LoadVerifyingKey(certificate.Pem, "downloaded");
        Assert.That((key.Scheme, key.CertificateSerial, certificate.SerialNumber), Is.EqualTo((Scheme.Sm, _sandbox.PlatformKeyId, _sandbox.PlatformKeyId)));
        Assert.That(certificate.ExpireTime, Is.GreaterThan(_clock.GetUtcNow().AddYears(1)));
        var options = Options();
        options.PlatformKeys.Clear();
        options.PlatformKeys[certificate.SerialNumber] = certificate.Pem;
        options.RefreshCertificates = false;
        using var configured = new WeChatPayClient(options);
        Assert.That((await AnyCall(configured)).StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task After_a_rotation_mid_run_an_answer_signed_by_the_new_SM2_certificate_causes_one_refresh_then_verifies()
    {
        using var client = new WeChatPayClient(Options());
        await AnyCall(client);
        var rotated = _sandbox.RotatePlatformCertificate();

        var res = await AnyCall(client);

        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(res.Headers["Wechatpay-Serial"], Is.EqualTo(rotated));
        Assert.That(Downloads, Is.EqualTo(1));
        var refresh = await NextRefresh();
        Assert.That((refresh.Reason, refresh.Succeeded), Is.EqualTo((CertificateRefreshReason.UnknownSerial, true)), refresh.ToString());
        Assert.That(refresh.Added, Is.EqualTo(new[] { rotated }));
        Assert.That(client.PlatformKeyIds, Is.EquivalentTo(_sandbox.PlatformKeyIds), "both certificates of the rotation are held");
    }

    [Test]
    public async Task After_a_rotation_sensitive_fields_are_SM2_encrypted_to_the_new_certificate_and_the_sandbox_decrypts_them()
    {
        using var client = new WeChatPayClient(Options());
        var rotated = _sandbox.RotatePlatformCertificate();
        _clock.Advance(TimeSpan.FromSeconds(1)); // the new certificate is in effect
        await client.RefreshCertificatesAsync();

        WeChatPayResponse res = await client.V3.Eduschoolpay.Contracts.Presign.PostAsync(Seeds.Presign());

        Assert.That(client.EncryptionSerial, Is.EqualTo(rotated));
        Assert.That((string?)res.Json!["presign_token"], Does.StartWith("PT"));
        Assert.That(_sandbox.Calls.Last().DecryptedFields, Is.EquivalentTo(res.EncryptedFields).And.Count.EqualTo(5));
    }

    [Test]
    public async Task Two_servers_sharing_a_Redis_store_download_the_SM2_certificates_once_and_again_once_after_a_rotation()
    {
        using var redis = await RedisServer.StartAsync();
        using var connectionA = StackExchange.Redis.ConnectionMultiplexer.Connect(redis.Configuration);
        using var connectionB = StackExchange.Redis.ConnectionMultiplexer.Connect(redis.Configuration);
        var first = Options(withKey: false);
        first.CertificateStore = new RedisCertificateStore(connectionA);
        var second = Options(withKey: false);
        second.CertificateStore = new RedisCertificateStore(connectionB);
        using var a = new WeChatPayClient(first);
        using var b = new WeChatPayClient(second);

        await AnyCall(a);
        await AnyCall(b);
        Assert.That(Downloads, Is.EqualTo(1));
        Assert.That(((await NextRefresh()).FromStore, (await NextRefresh()).FromStore), Is.EqualTo((false, true)));

        _clock.Advance(TimeSpan.FromMinutes(10)); // a later download is a newer one
        var rotated = _sandbox.RotatePlatformCertificate();
        await AnyCall(a);
        var res = await AnyCall(b);

        Assert.That(res.Headers["Wechatpay-Serial"], Is.EqualTo(rotated));
        Assert.That(Downloads, Is.EqualTo(2));
        var (byA, byB) = (await NextRefresh(), await NextRefresh());
        Assert.That((byA.FromStore, byB.FromStore), Is.EqualTo((false, true)), byB.ToString());
        Assert.That(b.PlatformKeyIds, Does.Contain(rotated));
    }
}
