using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using WeChatPay.Chain.AspNetCore;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// APIv2 callbacks end to end: the sandbox delivers v2 payment and refund notifications (in copies, retrying) to
/// <c>MapWeChatPayNotifications</c> on Kestrel; each is handled exactly once, answered in v2's XML, and forged ones refused.
/// </summary>
public class ApiV2CallbackTests
{
    private WeChatPaySandbox _sandbox = null!;

    [OneTimeSetUp]
    public async Task Start() => _sandbox = await WeChatPaySandbox.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    // A merchant server: MapWeChatPayNotifications on 127.0.0.1; the handler records what it settled, failing (slowly) while told to.
    private sealed class Server : IAsyncDisposable
    {
        private WebApplication _web = null!;
        private int _failuresLeft;

        public string Url { get; private set; } = string.Empty;

        public ConcurrentQueue<string> Settled { get; } = new();

        public ConcurrentQueue<string> Bodies { get; } = new();

        public int Failed;

        public static async Task<Server> StartAsync(WeChatPayClient client, int failFirst = 0)
        {
            var server = new Server { _failuresLeft = failFirst };
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            server._web = builder.Build();
            server._web.MapWeChatPayNotifications("/v2/notify", client, server.HandleAsync);
            await server._web.StartAsync();
            var address = server._web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server.Url = $"http://127.0.0.1:{new Uri(address).Port}/v2/notify";
            return server;
        }

        private async Task HandleAsync(WeChatPayNotification notification, CancellationToken ct)
        {
            Bodies.Enqueue(notification.Body);
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                await Task.Delay(300, ct); // long enough for a copy sent at the same moment to find it claimed
                Interlocked.Increment(ref Failed);
                throw new InvalidOperationException("the order database is down");
            }
            var resource = notification.ResourceJson!;
            Settled.Enqueue(notification.EventType == "v2.refund"
                ? $"refund {resource["out_refund_no"]} {resource["refund_status"]} {resource["refund_fee"]}"
                : $"pay {resource["out_trade_no"]} {resource["total_fee"]}");
        }

        public async ValueTask DisposeAsync()
        {
            await _web.StopAsync();
            await _web.DisposeAsync();
        }
    }

    private static SandboxDeliveryOptions Deliver(params string[] receivers) => new()
    {
        Receivers = receivers,
        Copies = 2,
        RetrySchedule = Enumerable.Repeat(TimeSpan.FromMilliseconds(50), 4).ToArray(),
    };

    private static async Task<(int Status, string ReturnCode)> PostAgain(string url, string body)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "text/xml"));
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        return ((int)response.StatusCode, xml.Element("return_code")!.Value);
    }

    private static void AssertRetriedAfterTheFailureAndAcknowledged(SandboxNotification sent)
    {
        Assert.That(sent.Acknowledged, Is.True, sent.ToString());
        var first = sent.Deliveries.Where(d => d.Attempt == 1).ToArray();
        Assert.That(first.Select(d => d.StatusCode), Is.EquivalentTo(new int?[] { 500, 409 }), "the failing handler, and the copy that found it claimed");
        Assert.That(first.Select(d => XDocument.Parse(d.Body!).Root!.Element("return_code")!.Value), Is.All.EqualTo("FAIL"));
        Assert.That(sent.Deliveries.Where(d => d.Acknowledged).Select(d => d.StatusCode), Is.All.EqualTo(200));
    }

    [Test]
    public async Task A_payment_notification_in_copies_whose_first_handling_fails_is_handled_exactly_once()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await using var server = await Server.StartAsync(client, failFirst: 1);

        var sent = await _sandbox.NotifyV2PaymentAsync(new { out_trade_no = "V2E2E-P1", total_fee = 888 }, Deliver(server.Url));
        var later = await _sandbox.NotifyV2PaymentAsync(new { out_trade_no = "V2E2E-P1", total_fee = 888 }, Deliver(server.Url));
        var replayed = await PostAgain(server.Url, server.Bodies.First());

        AssertRetriedAfterTheFailureAndAcknowledged(sent);
        Assert.That(server.Failed, Is.EqualTo(1));
        Assert.That(server.Settled, Is.EqualTo(new[] { "pay V2E2E-P1 888" }));
        Assert.That(later.Deliveries.Select(d => d.Acknowledged), Is.All.True, "a second notification of a settled payment is acknowledged, not processed");
        Assert.That(replayed, Is.EqualTo((200, "SUCCESS")), "the same body after it was processed");
    }

    [Test]
    public async Task A_refund_notification_in_copies_whose_first_handling_fails_is_decrypted_and_handled_exactly_once()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await using var server = await Server.StartAsync(client, failFirst: 1);

        var sent = await _sandbox.NotifyV2RefundAsync(new { out_refund_no = "V2E2E-R1", out_trade_no = "V2E2E-P1", total_fee = 888, refund_fee = 88 }, Deliver(server.Url));
        var replayed = await PostAgain(server.Url, server.Bodies.First());

        AssertRetriedAfterTheFailureAndAcknowledged(sent);
        Assert.That(server.Settled, Is.EqualTo(new[] { "refund V2E2E-R1 SUCCESS 88" }));
        Assert.That(replayed, Is.EqualTo((200, "SUCCESS")));
    }

    [Test]
    public async Task A_refund_asked_for_in_each_call_style_comes_back_as_its_req_info_notification_once()
    {
        using var tls = new WeChatPayClient(_sandbox.TlsClientOptions()); // the refund needs the client certificate
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await using var server = await Server.StartAsync(client);
        object Refund(string number) => new
        {
            appid = "wxd678efh567hg6787", mch_id = "1900000001", out_trade_no = "V2E2E-P9", out_refund_no = number, total_fee = 888, refund_fee = 88,
        };

        var answers = new[]
        {
            await tls.Chain("v2/secapi/pay/refund").PostAsync(Refund("V2E2E-R91")),
            await tls["v2/secapi/pay/refund"].PostAsync(Refund("V2E2E-R92")),
            await tls.V2.Secapi.Pay.Refund.PostAsync(Refund("V2E2E-R93")),
            (WeChatPayResponse)await ((dynamic)tls).V2.Secapi.Pay.Refund.PostAsync(Refund("V2E2E-R94")),
            tls.Chain("v2/secapi/pay/refund").Post(Refund("V2E2E-R95")),
        };
        foreach (var answer in answers)
        {
            var number = (string)answer.Data.out_refund_no;
            var sent = await _sandbox.NotifyV2RefundAsync(new { out_refund_no = number, out_trade_no = "V2E2E-P9", total_fee = 888, refund_fee = 88 }, Deliver(server.Url));
            Assert.That(sent.Acknowledged, Is.True, sent.ToString());
        }

        Assert.That(answers.Select(a => (string)a.Data.result_code), Is.All.EqualTo("SUCCESS"));
        Assert.That(server.Settled.OrderBy(x => x, StringComparer.Ordinal),
            Is.EqualTo(new[] { "V2E2E-R91", "V2E2E-R92", "V2E2E-R93", "V2E2E-R94", "V2E2E-R95" }.Select(n => $"refund {n} SUCCESS 88")), "each handled once, copies and all");
    }

    [Test]
    public async Task Notifications_made_with_another_APIv2_key_are_refused_and_reach_no_handler()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await using var server = await Server.StartAsync(client);
        await using var impostor = await WeChatPaySandbox.StartAsync(new SandboxOptions { ApiV2Key = new string('x', 32) });
        var once = new SandboxDeliveryOptions { Receivers = { server.Url }, RetrySchedule = Array.Empty<TimeSpan>() };

        var payment = await impostor.NotifyV2PaymentAsync(new { out_trade_no = "V2E2E-F1" }, once);
        var refund = await impostor.NotifyV2RefundAsync(new { out_refund_no = "V2E2E-F2", out_trade_no = "V2E2E-F1" }, once);

        foreach (var sent in new[] { payment, refund })
        {
            var only = sent.Deliveries.Single();
            Assert.That((sent.Acknowledged, only.StatusCode), Is.EqualTo((false, 401)), sent.EventType);
            Assert.That(XDocument.Parse(only.Body!).Root!.Element("return_code")!.Value, Is.EqualTo("FAIL"));
        }
        Assert.That(server.Bodies, Is.Empty);
    }

    [Test]
    public async Task A_payment_notification_altered_after_signing_is_refused()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await using var server = await Server.StartAsync(client);
        await _sandbox.NotifyV2PaymentAsync(new { out_trade_no = "V2E2E-T1", total_fee = 1 }, Deliver(server.Url));
        var altered = server.Bodies.Single().Replace("<total_fee>1</total_fee>", "<total_fee>100000</total_fee>", StringComparison.Ordinal);
        Assert.That(altered, Is.Not.EqualTo(server.Bodies.Single()));

        var answer = await PostAgain(server.Url, altered.Replace("V2E2E-T1", "V2E2E-T2", StringComparison.Ordinal));

        Assert.That(answer, Is.EqualTo((401, "FAIL")));
        Assert.That(server.Settled, Is.EqualTo(new[] { "pay V2E2E-T1 1" }));
    }

    [Test]
    public async Task An_APIv2_only_fleet_handles_each_notification_once()
    {
        var options = _sandbox.ClientOptions();
        options.ApiV3Key = null;
        options.NotificationStore = new InMemoryNotificationStore(); // the fleet's shared store
        using var a = new WeChatPayClient(options);
        using var b = new WeChatPayClient(options);
        await using var serverA = await Server.StartAsync(a);
        await using var serverB = await Server.StartAsync(b);

        var paid = await _sandbox.NotifyV2PaymentAsync(new { out_trade_no = "V2E2E-O1", total_fee = 5 }, Deliver(serverA.Url, serverB.Url));
        var refunded = await _sandbox.NotifyV2RefundAsync(new { out_refund_no = "V2E2E-O2", out_trade_no = "V2E2E-O1", total_fee = 5 }, Deliver(serverA.Url, serverB.Url));

        Assert.That((paid.Acknowledged, refunded.Acknowledged), Is.EqualTo((true, true)), paid + "\n" + refunded);
        Assert.That(serverA.Settled.Concat(serverB.Settled), Is.EquivalentTo(new[] { "pay V2E2E-O1 5", "refund V2E2E-O2 SUCCESS 5" }),
            "two copies at the same moment, one on each server");
        Assert.That(paid.Deliveries.Select(d => d.Receiver), Is.SupersetOf(new[] { serverA.Url, serverB.Url }));
    }
}
