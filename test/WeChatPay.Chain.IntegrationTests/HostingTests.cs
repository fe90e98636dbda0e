using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using WeChatPay.Chain.Hosting;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// The client in an ASP.NET Core host (TestHost): two merchants side by side from configuration, each against a sandbox of
/// its own (A an RSA merchant, B a 国密 one with SM2 keys); options checked at start; the host's own HTTP handlers applied;
/// one log line per call and nothing secret in any.
/// </summary>
[NonParallelizable] // sets environment variables for the host configuration
public class HostingTests
{
    private WeChatPaySandbox _a = null!;
    private WeChatPaySandbox _b = null!;

    [OneTimeSetUp]
    public async Task StartSandboxes()
    {
        _a = await WeChatPaySandbox.StartAsync(new SandboxOptions { MerchantId = "1900000001" });
        _b = await WeChatPaySandbox.StartAsync(new SandboxOptions { MerchantId = "1900000002", Scheme = SandboxScheme.Sm });
    }

    [OneTimeTearDown]
    public async Task StopSandboxes()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    // appsettings.json as a merchant writes it: one section per merchant, keys as file paths or PEM text.
    private string Settings() =>
        "{ \"WeChatPay\": { \"A\": " + SandboxHost.ClientJson(_a.ClientOptions()) + ", \"B\": " + SandboxHost.ClientJson(_b.ClientOptions()) + " } }";

    private static async Task<WebApplication> StartAsync(string settings, Action<WebApplicationBuilder> configure)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(settings)));
        builder.Logging.ClearProviders();
        configure(builder);
        var app = builder.Build();
        app.MapGet("/order/{merchant}/{id}", async (string merchant, string id, IWeChatPayClientFactory clients) =>
        {
            var answer = await clients.Get(merchant).V3.Pay.Transactions.OutTradeNo[id].GetAsync(new { mchid = clients.Get(merchant).MerchantId });
            return Results.Text((string)answer.Data.out_trade_no);
        });
        await app.StartAsync();
        return app;
    }

    [Test]
    public async Task Two_merchants_from_configuration_call_side_by_side_each_to_its_own_sandbox()
    {
        var counted = new ConcurrentQueue<string>();
        await using var app = await StartAsync(Settings(), builder =>
        {
            builder.Services.AddWeChatPay("A", builder.Configuration.GetSection("WeChatPay:A"))
                .AddHttpMessageHandler(() => new CountingHandler("A", counted));
            builder.Services.AddWeChatPay("B", builder.Configuration.GetSection("WeChatPay:B"));
        });
        var http = app.GetTestClient();
        var beforeA = _a.Calls.Count;
        var beforeB = _b.Calls.Count;

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => http.GetStringAsync($"/order/{(i % 2 == 0 ? "A" : "B")}/ORDER-{i}")));

        var keyedA = app.Services.GetRequiredKeyedService<WeChatPayClient>("A");
        Assert.Multiple(() =>
        {
            Assert.That(answers, Is.EqualTo(Enumerable.Range(0, 10).Select(i => $"ORDER-{i}")));
            var toA = _a.Calls.Skip(beforeA).ToList();
            var toB = _b.Calls.Skip(beforeB).ToList();
            Assert.That(toA.Select(c => c.Path), Is.EquivalentTo(new[] { 0, 2, 4, 6, 8 }.Select(i => $"/v3/pay/transactions/out-trade-no/ORDER-{i}")));
            Assert.That(toB.Select(c => c.Path), Is.EquivalentTo(new[] { 1, 3, 5, 7, 9 }.Select(i => $"/v3/pay/transactions/out-trade-no/ORDER-{i}")));
            Assert.That(toA.Concat(toB).All(c => c.PassedChecks.Contains(SandboxCheck.Signature)), Is.True, "each sandbox verified its merchant's signature");
            Assert.That(keyedA.MerchantId, Is.EqualTo("1900000001"));
            Assert.That(app.Services.GetRequiredKeyedService<WeChatPayClient>("B").MerchantId, Is.EqualTo("1900000002"));
            Assert.That(keyedA, Is.SameAs(app.Services.GetRequiredService<IWeChatPayClientFactory>().Get("A")), "one client per merchant");
            Assert.That(counted, Has.Count.EqualTo(5).And.All.EqualTo("A"), "A's own handler saw A's calls, and only those");
        });
    }

    [Test]
    public void A_bad_merchant_configuration_stops_the_host_at_start_with_the_error_construction_gives()
    {
        var settings = Settings().Replace(_b.ClientOptions().MerchantSerialNumber, "not a serial!");

        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            var app = await StartAsync(settings, builder =>
            {
                builder.Services.AddWeChatPay("A", builder.Configuration.GetSection("WeChatPay:A"));
                builder.Services.AddWeChatPay("B", builder.Configuration.GetSection("WeChatPay:B"));
            });
            await app.DisposeAsync();
        });

        Assert.That(failure!.Message, Does.StartWith("WeChat Pay merchant 'B': MerchantSerialNumber"));
        Assert.That(failure.Message, Does.Not.Contain("PRIVATE KEY"));
    }

    [TestCase("Sm2", null)]
    [TestCase("Rsa", "WeChat Pay merchant 'B': Scheme is Rsa (WECHATPAY2-SHA256-RSA2048), but MerchantPrivateKey is a WECHATPAY2-SM2-WITH-SM3 key")]
    public async Task The_scheme_binds_from_configuration_and_one_the_key_does_not_follow_stops_the_host(string scheme, string? refusal)
    {
        var settings = Settings().Replace("\"B\": {", "\"B\": { \"Scheme\": \"" + scheme + "\",");
        async Task<string> Call()
        {
            await using var app = await StartAsync(settings, builder => builder.Services.AddWeChatPay("B", builder.Configuration.GetSection("WeChatPay:B")));
            return await app.GetTestClient().GetStringAsync("/order/B/SM-1");
        }

        if (refusal is null)
        {
            Assert.That(await Call(), Is.EqualTo("SM-1"));
            Assert.That(_b.Calls.Last().PassedChecks, Does.Contain(SandboxCheck.Signature), "SM2-signed, SM2-verified");
            return;
        }
        var failure = Assert.ThrowsAsync<OptionsValidationException>(Call);
        Assert.That(failure!.Message, Does.StartWith(refusal).And.Not.Contain("PRIVATE KEY"));
    }

    [Test]
    public async Task Keys_come_from_environment_variables_as_PEM_text_on_one_line()
    {
        var options = _a.ClientOptions();
        var prefix = "WXPAY_TEST_" + Guid.NewGuid().ToString("N").Substring(0, 8) + "_";
        var variables = new Dictionary<string, string>
        {
            [prefix + "WeChatPay__MerchantId"] = options.MerchantId,
            [prefix + "WeChatPay__MerchantSerialNumber"] = options.MerchantSerialNumber,
            [prefix + "WeChatPay__MerchantPrivateKey"] = ReadPem(options.MerchantPrivateKey).Replace("\n", "\\n"),
            [prefix + "WeChatPay__BaseUrl"] = options.BaseUrl,
        };
        foreach (var key in options.PlatformKeys) variables[prefix + "WeChatPay__PlatformKeys__" + key.Key] = ReadPem(key.Value).Replace("\n", "\\n");
        foreach (var variable in variables) Environment.SetEnvironmentVariable(variable.Key, variable.Value);
        try
        {
            await using var app = await StartAsync("{}", builder =>
            {
                builder.Configuration.AddEnvironmentVariables(prefix);
                builder.Services.AddWeChatPay(builder.Configuration.GetSection("WeChatPay"));
            });

            var answer = await app.Services.GetRequiredService<WeChatPayClient>().V3.Pay.Transactions.OutTradeNo["ENV-1"].GetAsync(new { mchid = options.MerchantId });

            Assert.That((string)answer.Data.out_trade_no, Is.EqualTo("ENV-1"));
        }
        finally
        {
            foreach (var variable in variables) Environment.SetEnvironmentVariable(variable.Key, null);
        }
    }

    [Test]
    public async Task Every_call_is_one_log_line_and_no_log_line_holds_a_secret_or_a_sensitive_plaintext()
    {
        var (app, lines) = await StartLoggedAsync();
        await using var host = app;
        var client = app.Services.GetRequiredService<WeChatPayClient>();

        var presign = await client.V3.Eduschoolpay.Contracts.Presign.PostAsync(Seeds.Presign());
        _a.Faults.Next = SandboxFault.Json500; // answered 500 once: the GET is sent again, and both attempts are logged
        var query = await client.V3.Pay.Transactions.OutTradeNo["ORDER-Y"].GetAsync(new { mchid = client.MerchantId });

        var ours = lines.Where(l => l.Category == "WeChatPay.Chain").ToList();
        var secrets = Secrets().Concat(new[] { Seeds.RealName, Seeds.IdCardNumber, Seeds.BankCardNumber, Seeds.Phone }).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ours.Select(l => l.Level), Is.EqualTo(new[] { LogLevel.Information, LogLevel.Warning, LogLevel.Information }));
            Assert.That(ours[0].Text, Does.StartWith("WeChat Pay POST v3/eduschoolpay/contracts/presign: 200 in ").And.Contain($"(Request-ID {presign.RequestId}, merchant 1900000001 '')"));
            Assert.That(ours[1].Text, Does.StartWith("WeChat Pay GET v3/pay/transactions/out-trade-no/{out_trade_no}: ErrorAnswer 500 SYSTEM_ERROR in "));
            Assert.That(ours[2].Text, Does.Contain($"Request-ID {query.RequestId}"));
            var all = string.Join("\n", lines.Select(l => l.Category + ": " + l.Text));
            Assert.That(secrets.Where(s => all.Contains(s, StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    public async Task A_sweep_of_every_documented_operation_through_a_hosted_client_logs_no_sensitive_plaintext_and_no_key()
    {
        var (app, lines) = await StartLoggedAsync();
        await using var host = app;
        var client = app.Services.GetRequiredService<WeChatPayClient>();
        var operations = SweepTests.Operations();

        foreach (var operation in operations) await SweepTests.Send(client, operation);

        var plaintexts = operations.SelectMany(SweepTests.SensitivePlaintexts).Distinct().ToList();
        var secrets = Secrets();
        var all = string.Join("\n", lines.Select(l => l.Text));
        Assert.Multiple(() =>
        {
            Assert.That(lines.Count(l => l.Category == "WeChatPay.Chain"), Is.EqualTo(operations.Length), "one line per call");
            Assert.That(plaintexts, Has.Count.GreaterThan(40), "the sweep sent sensitive fields of many names");
            Assert.That(plaintexts.Where(p => all.Contains(p, StringComparison.Ordinal)), Is.Empty, "no sensitive plaintext in any log line");
            Assert.That(secrets.Where(s => all.Contains(s, StringComparison.Ordinal)), Is.Empty, "no key, no signature");
        });
    }

    // Merchant A's host, everything it logs at Trace kept.
    private async Task<(WebApplication App, ConcurrentQueue<(LogLevel Level, string Category, string Text)> Lines)> StartLoggedAsync()
    {
        var capture = new LogCapture();
        var app = await StartAsync(Settings(), builder =>
        {
            builder.Logging.AddProvider(capture).SetMinimumLevel(LogLevel.Trace);
            builder.Services.AddWeChatPay(builder.Configuration.GetSection("WeChatPay:A"));
        });
        return (app, capture.Lines);
    }

    // What no log line may hold: the merchant's APIv3 key, a line of its private key, an Authorization value or a signature.
    private List<string> Secrets()
    {
        var options = _a.ClientOptions();
        var secrets = new List<string> { options.ApiV3Key!, "PRIVATE KEY", "WECHATPAY2-SHA256-RSA2048", "signature=\"" };
        secrets.AddRange(ReadPem(options.MerchantPrivateKey).Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal)));
        Assert.That(secrets, Has.Count.GreaterThan(20), "the key's lines are among them");
        return secrets;
    }

    private static string ReadPem(string value) => value.Contains("-----BEGIN", StringComparison.Ordinal) ? value : File.ReadAllText(value);

    private sealed class CountingHandler : DelegatingHandler
    {
        private readonly string _name;
        private readonly ConcurrentQueue<string> _seen;

        public CountingHandler(string name, ConcurrentQueue<string> seen)
        {
            _name = name;
            _seen = seen;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _seen.Enqueue(_name);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
