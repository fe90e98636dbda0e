using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// Retries where they are safe and failover to a backup domain, against sandboxes and their faults: a GET is sent again
/// after a dropped connection or a 5xx, signed afresh each time; a POST that reached the server is not; any call whose
/// server refused the connection goes to the backup; two sandboxes stand for the two domains, and the first goes down.
/// </summary>
[NonParallelizable]
public class ResilienceTests : SandboxFixture
{
    private readonly ConcurrentQueue<WeChatPayCall> _calls = new();

    [SetUp]
    public void Forget() => _calls.Clear();

    private WeChatPayClient Client(Action<WeChatPayOptions>? change = null)
    {
        var options = sandbox.ClientOptions();
        options.CallCompleted = _calls.Enqueue;
        change?.Invoke(options);
        return new WeChatPayClient(options);
    }

    private Task<WeChatPayResponse> QueryAsync(WeChatPayClient client, string order) =>
        client.V3.Pay.Transactions.OutTradeNo[order].GetAsync(new { mchid = "1230000109" });

    [TestCase(SandboxFault.DroppedConnection, WeChatPayCallOutcome.TransportFailed)]
    [TestCase(SandboxFault.Json500, WeChatPayCallOutcome.ErrorAnswer)]
    public async Task A_GET_that_failed_once_is_sent_again_signed_afresh_and_succeeds(SandboxFault fault, WeChatPayCallOutcome first)
    {
        using var client = Client();
        var before = sandbox.Calls.Count;
        sandbox.Faults.Next = fault;

        var answer = await QueryAsync(client, "RETRY-1");

        var retried = sandbox.Calls.Skip(before).Last();
        Assert.Multiple(() =>
        {
            Assert.That(answer.StatusCode, Is.EqualTo(200));
            Assert.That(_calls.Select(c => c.Outcome), Is.EqualTo(new[] { first, WeChatPayCallOutcome.Succeeded }));
            Assert.That(retried.PassedChecks, Does.Contain(SandboxCheck.Nonce).And.Contain(SandboxCheck.Signature), "a new nonce, a new signature");
        });
    }

    [Test]
    public void A_GET_to_a_server_that_never_answers_says_how_many_attempts_were_made_and_how_long_they_took()
    {
        using var silent = LoopbackServer.Silent();
        using var client = Client(o =>
        {
            o.BaseUrl = silent.BaseUrl;
            o.Timeout = TimeSpan.FromMilliseconds(300);
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.ThrowsAsync<WeChatPayException>(() => QueryAsync(client, "SILENT-1"));

        watch.Stop();
        Assert.That(silent.Accepted, Is.EqualTo(3), "the default MaxRetries 2: three attempts");
        Assert.That(_calls.Select(c => c.Outcome), Is.EqualTo(Enumerable.Repeat(WeChatPayCallOutcome.TimedOut, 3)));
        Assert.That(error!.Message, Does.Contain("timed out after 0.3 s (WeChatPayOptions.Timeout)")
            .And.Contain("That was the last of 3 attempts (1 + MaxRetries 2), each given its own Timeout"));
        var total = double.Parse(System.Text.RegularExpressions.Regex.Match(error.Message, @"([0-9.]+) s in all").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        // The message rounds to the millisecond, so it may exceed the stopwatch's reading by up to half of one.
        Assert.That(total, Is.GreaterThanOrEqualTo(0.9).And.LessThanOrEqualTo(watch.Elapsed.TotalSeconds + 0.0005), "three timeouts and the waits between them");
        Assert.That(error.StatusCode, Is.Null);
        Assert.That(error.InnerException, Is.InstanceOf<OperationCanceledException>(), "the transport's cause, as for a single timeout");
    }

    [Test]
    public void A_POST_that_reached_the_server_is_not_sent_twice()
    {
        using var client = Client();
        var before = sandbox.Calls.Count;
        sandbox.Faults.Next = SandboxFault.Json500;

        Assert.That(async () => await client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(Seeds.PapaySign()),
            Throws.InstanceOf<WeChatPayException>().With.Property(nameof(WeChatPayException.StatusCode)).EqualTo(500));
        Assert.That(_calls, Has.Count.EqualTo(1));
        Assert.That(sandbox.Calls.Count - before, Is.EqualTo(1));
    }

    [Test]
    public void With_MaxRetries_0_nothing_is_sent_again()
    {
        using var client = Client(o => o.MaxRetries = 0);
        sandbox.Faults.Next = SandboxFault.DroppedConnection;

        Assert.That(async () => await QueryAsync(client, "RETRY-2"), Throws.InstanceOf<WeChatPayException>());
        Assert.That(_calls, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_failed_signature_is_not_retried()
    {
        using var client = Client();
        sandbox.Faults.Next = SandboxFault.WrongSignature;

        Assert.That(async () => await QueryAsync(client, "RETRY-3"), Throws.InstanceOf<WeChatPaySignatureException>());
        Assert.That(_calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_POST_whose_server_refused_the_connection_fails_over_to_the_backup()
    {
        using var client = Client(o =>
        {
            o.BackupBaseUrl = o.BaseUrl;
            o.BaseUrl = $"http://127.0.0.1:{ClosedPort()}/";
        });
        var before = sandbox.Calls.Count;

        var answer = await client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(Seeds.PapaySign());

        Assert.Multiple(() =>
        {
            Assert.That(answer.StatusCode, Is.EqualTo(200));
            Assert.That(_calls.Select(c => c.Outcome), Is.EqualTo(new[] { WeChatPayCallOutcome.TransportFailed, WeChatPayCallOutcome.Succeeded }));
            Assert.That(sandbox.Calls.Count - before, Is.EqualTo(1), "sent once where it arrived");
        });
    }

    [Test]
    public async Task When_the_first_domain_goes_down_calls_go_on_against_the_backup()
    {
        var primary = await WeChatPaySandbox.StartAsync();
        await using var backup = await primary.StartBackupAsync(); // the same WeChat Pay on its second domain
        var options = primary.ClientOptions();
        options.BackupBaseUrl = backup.BaseUrl;
        options.CallCompleted = _calls.Enqueue;
        using var client = new WeChatPayClient(options);

        var first = await QueryAsync(client, "DR-1");
        await primary.DisposeAsync(); // the first domain goes down
        var second = await QueryAsync(client, "DR-2");
        var third = await client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(Seeds.PapaySign());

        Assert.Multiple(() =>
        {
            Assert.That(((string)first.Data.out_trade_no, (string)second.Data.out_trade_no, third.StatusCode), Is.EqualTo(("DR-1", "DR-2", 200)));
            Assert.That(primary.Calls.Select(c => c.Path), Is.EqualTo(new[] { "/v3/pay/transactions/out-trade-no/DR-1" }));
            Assert.That(backup.Calls.Select(c => c.Path), Is.EqualTo(new[] { "/v3/pay/transactions/out-trade-no/DR-2", "/v3/papay/sign/contracts/pre-entrust-sign" }));
        });
    }

    [Test]
    public void A_custom_base_URL_has_no_backup_unless_one_is_named_and_a_backup_must_share_its_path()
    {
        using var client = Client(o => o.BaseUrl = $"http://127.0.0.1:{ClosedPort()}/");
        Assert.That(async () => await QueryAsync(client, "NO-BACKUP"), Throws.InstanceOf<WeChatPayException>());
        Assert.That(_calls.Select(c => c.Outcome), Is.EqualTo(Enumerable.Repeat(WeChatPayCallOutcome.TransportFailed, 3)), "the first attempt and two retries, all to the same place");

        var options = sandbox.ClientOptions();
        options.BackupBaseUrl = "https://api2.mch.weixin.qq.com/other/";
        Assert.That(() => new WeChatPayClient(options), Throws.ArgumentException.With.Property("ParamName").EqualTo("BackupBaseUrl").And.Message.Contains("must be BaseUrl's"));
    }

    [Test]
    public void The_default_base_URL_fails_over_to_the_documented_backup_domain()
    {
        var options = sandbox.ClientOptions();
        options.BaseUrl = WeChatPayOptions.DefaultBaseUrl;

        Assert.That(OptionsCheck.BackupOrigin(options, WeChatPayOptions.DefaultBaseUrl, "/"), Is.EqualTo("https://api2.mch.weixin.qq.com"));
        options.Failover = false;
        Assert.That(OptionsCheck.BackupOrigin(options, WeChatPayOptions.DefaultBaseUrl, "/"), Is.Null);
    }

    // A port on 127.0.0.1 with nothing listening: the connection is refused.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
