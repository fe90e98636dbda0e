using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.AspNetCore;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// <c>MapWeChatPayNotifications</c> in an ASP.NET Core app on TestHost, fed the sandbox's real callbacks (captured as sent),
/// and once on Kestrel with the sandbox posting to it directly; for an RSA merchant (AEAD_AES_256_GCM resources) and a 国密
/// one (SM2-signed, AEAD_SM4_GCM resources).
/// </summary>
[TestFixture(SandboxScheme.Rsa)]
[TestFixture(SandboxScheme.Sm)]
public class NotificationEndpointTests(SandboxScheme scheme)
{
    public sealed class Transaction
    {
        [Newtonsoft.Json.JsonProperty("out_trade_no")]
        public string? OutTradeNo { get; set; }
    }

    private static readonly object Resource = new { mchid = "1900000001", out_trade_no = "1217752501201407033233368018", trade_state = "SUCCESS" };

    private WeChatPaySandbox _sandbox = null!;
    private CallbackReceiver _receiver = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _sandbox = await WeChatPaySandbox.StartAsync(new SandboxOptions { Scheme = scheme });
        _receiver = await CallbackReceiver.StartAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _receiver.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    // An app with the endpoint at /notify; the handler records what it got, and fails while `failing` says so.
    private sealed class App : IAsyncDisposable
    {
        public WebApplication Web { get; init; } = null!;
        public HttpClient Http { get; init; } = null!;
        public ConcurrentQueue<string?> Handled { get; } = new();
        public bool Failing { get; set; }
        public Task Gate { get; set; } = Task.CompletedTask;

        public async ValueTask DisposeAsync() => await Web.DisposeAsync();
    }

    private static async Task<App> StartApp(WeChatPayClient client, bool fromServices = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        if (fromServices) builder.Services.AddSingleton(client);
        var web = builder.Build();
        App? app = null;
        async Task Handle(Transaction resource, WeChatPayNotification notification, CancellationToken ct)
        {
            await app!.Gate;
            if (app.Failing) throw new InvalidOperationException("the order database is down");
            app.Handled.Enqueue(resource.OutTradeNo);
        }
        if (fromServices) web.MapWeChatPayNotifications<Transaction>("/notify", Handle);
        else web.MapWeChatPayNotifications<Transaction>("/notify", client, Handle);
        await web.StartAsync();
        app = new App { Web = web, Http = web.GetTestClient() };
        return app;
    }

    // The sandbox's real callback, as it arrived at a receiver: headers and raw body.
    private async Task<(Dictionary<string, string> Headers, byte[] Body, SandboxCallbackResult Sent)> Callback()
    {
        _receiver.Received.Clear();
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        Assert.That(_receiver.Received.TryDequeue(out var received), Is.True);
        return (received.Headers, received.Body, sent);
    }

    private static async Task<(int Status, string Body)> Post(App app, Dictionary<string, string> headers, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/notify") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        foreach (var header in headers.Where(h => h.Key.StartsWith("Wechatpay-", StringComparison.OrdinalIgnoreCase) || h.Key == "Request-ID"))
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        using var response = await app.Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void AssertFail(string body, string messagePart)
    {
        var json = JObject.Parse(body);
        Assert.That((string?)json["code"], Is.EqualTo("FAIL"));
        Assert.That((string?)json["message"], Does.Contain(messagePart));
    }

    [Test]
    public async Task A_callback_is_verified_decrypted_handed_over_typed_and_answered_204()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await using var app = await StartApp(client);
        var (headers, body, _) = await Callback();

        var (status, answer) = await Post(app, headers, body);

        Assert.That(status, Is.EqualTo(204));
        Assert.That(answer, Is.Empty);
        Assert.That(app.Handled, Is.EqualTo(new[] { "1217752501201407033233368018" }));
        Assert.That((headers["Wechatpay-Signature-Type"], (string?)JObject.Parse(Encoding.UTF8.GetString(body))["resource"]!["algorithm"]),
            Is.EqualTo(scheme == SandboxScheme.Sm ? ("WECHATPAY2-SM2-WITH-SM3", "AEAD_SM4_GCM") : ("WECHATPAY2-SHA256-RSA2048", "AEAD_AES_256_GCM")));
    }

    [Test]
    public async Task The_client_registered_in_the_services_is_used_when_none_is_given()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await using var app = await StartApp(client, fromServices: true);
        var (headers, body, _) = await Callback();

        Assert.That((await Post(app, headers, body)).Status, Is.EqualTo(204));
        Assert.That(app.Handled, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_notification_sent_again_is_acknowledged_without_calling_the_handler_again()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await using var app = await StartApp(client);
        var (headers, body, _) = await Callback();

        Assert.That((await Post(app, headers, body)).Status, Is.EqualTo(204));
        Assert.That((await Post(app, headers, body)).Status, Is.EqualTo(204));

        Assert.That(app.Handled, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_handler_that_fails_gives_500_FAIL_and_WeChat_Pays_retry_is_processed()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await using var app = await StartApp(client);
        var (headers, body, sent) = await Callback();
        app.Failing = true;

        var (status, answer) = await Post(app, headers, body);

        Assert.That(status, Is.EqualTo(500));
        AssertFail(answer, "could not process");
        Assert.That(answer, Does.Not.Contain("database"), "the cause stays in the log");
        app.Failing = false;
        await _sandbox.RetryCallbackAsync(sent, _receiver.Url);
        Assert.That(_receiver.Received.TryDequeue(out var retry), Is.True);
        Assert.That((await Post(app, retry.Headers, retry.Body)).Status, Is.EqualTo(204));
        Assert.That(app.Handled, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_retry_while_a_slow_handler_runs_gets_409_and_after_the_handler_fails_WeChat_Pays_next_retry_is_processed()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await using var app = await StartApp(client);
        var (headers, body, sent) = await Callback();
        var slow = new TaskCompletionSource();
        app.Gate = slow.Task;
        app.Failing = true;
        var first = Post(app, headers, body); // WeChat Pay gives up waiting on it after 5 s

        await _sandbox.RetryCallbackAsync(sent, _receiver.Url);
        Assert.That(_receiver.Received.TryDequeue(out var retry), Is.True);
        var (status, answer) = await Post(app, retry.Headers, retry.Body);
        slow.SetResult();
        var failed = await first;
        app.Failing = false;
        await _sandbox.RetryCallbackAsync(sent, _receiver.Url);
        Assert.That(_receiver.Received.TryDequeue(out var later), Is.True);
        var processed = await Post(app, later.Headers, later.Body);

        Assert.That(status, Is.EqualTo(409), "never 204 while the handler may still fail");
        AssertFail(answer, "is being processed by another delivery");
        Assert.That(failed.Status, Is.EqualTo(500));
        Assert.That(processed.Status, Is.EqualTo(204));
        Assert.That(app.Handled, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_tampered_callback_gives_401_FAIL_and_reaches_no_handler()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await using var app = await StartApp(client);
        var (headers, body, _) = await Callback();
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"ciphertext\":\"", "\"ciphertext\":\"A"));

        var (status, answer) = await Post(app, headers, tampered);

        Assert.That(status, Is.EqualTo(401));
        AssertFail(answer, "verification failed (Signature)");
        Assert.That(app.Handled, Is.Empty);
    }

    [Test]
    public async Task A_wrong_APIv3_key_gives_500_so_that_WeChat_Pay_retries_once_it_is_fixed()
    {
        var options = _sandbox.ClientOptions();
        options.ApiV3Key = new string('k', 32);
        using var client = new WeChatPayClient(options);
        await using var app = await StartApp(client);
        var (headers, body, _) = await Callback();

        var (status, answer) = await Post(app, headers, body);

        Assert.That(status, Is.EqualTo(500));
        AssertFail(answer, "could not be decrypted");
        Assert.That(answer, Does.Not.Contain(options.ApiV3Key));
    }

    [Test]
    public async Task A_server_without_an_APIv3_key_answers_500_FAIL_so_that_WeChat_Pay_retries()
    {
        var options = _sandbox.ClientOptions();
        options.ApiV3Key = null;
        using var client = new WeChatPayClient(options);
        await using var app = await StartApp(client);
        var (headers, body, _) = await Callback();

        var (status, answer) = await Post(app, headers, body);

        Assert.That(status, Is.EqualTo(500));
        AssertFail(answer, "not configured to read notifications");
    }

    [Test]
    public async Task Unsigned_junk_gives_401_and_an_oversized_body_413()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await using var app = await StartApp(client);

        var junk = await Post(app, new Dictionary<string, string>(), Encoding.UTF8.GetBytes("{\"id\":\"EV-1\"}"));
        var huge = await Post(app, new Dictionary<string, string>(), new byte[NotificationEndpoints.MaxBodySize + 1]);

        Assert.That(junk.Status, Is.EqualTo(401));
        AssertFail(junk.Body, "verification failed (MissingHeader)");
        Assert.That(huge.Status, Is.EqualTo(413));
        AssertFail(huge.Body, "larger than");
        Assert.That(app.Handled, Is.Empty);
    }

    [Test]
    public async Task On_Kestrel_the_sandbox_posts_straight_to_the_endpoint_and_retries_and_replays_are_acknowledged_once()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        var handled = new ConcurrentQueue<string?>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var web = builder.Build();
        web.MapWeChatPayNotifications("/pay/notify", client, (notification, ct) =>
        {
            handled.Enqueue(notification.Id);
            return Task.CompletedTask;
        });
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = $"http://127.0.0.1:{new Uri(address).Port}/pay/notify";

        var sent = await _sandbox.SendCallbackAsync(url, "TRANSACTION.SUCCESS", Resource);
        var retried = await _sandbox.RetryCallbackAsync(sent, url);
        var replayed = await _sandbox.ReplayCallbackAsync(sent, url);

        Assert.That(new[] { sent.StatusCode, retried.StatusCode, replayed.StatusCode }, Is.All.EqualTo(204));
        Assert.That(handled, Is.EqualTo(new[] { sent.NotificationId }));
        await web.StopAsync();
    }
}
