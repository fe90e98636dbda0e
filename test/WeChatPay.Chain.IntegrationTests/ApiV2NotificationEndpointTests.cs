using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using NUnit.Framework;
using WeChatPay.Chain.AspNetCore;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// <c>MapWeChatPayNotifications</c> answers an APIv2 (XML) delivery in v2's form: HTTP 200 with <c>return_code</c> SUCCESS
/// when it is processed now or was before; <c>return_code</c> FAIL (with an error status) when WeChat Pay must send it again.
/// The notifications are made here by the tests' own v2 code (V2Requests), signed with the sandbox merchant's APIv2 key.
/// </summary>
public class ApiV2NotificationEndpointTests : SandboxFixture
{
    private sealed class App : IAsyncDisposable
    {
        public WebApplication Web { get; init; } = null!;
        public HttpClient Http { get; init; } = null!;
        public ConcurrentQueue<string?> Handled { get; } = new();
        public bool Failing { get; set; }
        public Task Gate { get; set; } = Task.CompletedTask;
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask DisposeAsync() => await Web.DisposeAsync();
    }

    private static async Task<App> StartApp(WeChatPayClient? client)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var web = builder.Build();
        App? app = null;
        async Task Handle(WeChatPayNotification notification, CancellationToken ct)
        {
            app!.Entered.TrySetResult();
            await app.Gate;
            if (app.Failing) throw new InvalidOperationException("the order database is down");
            app.Handled.Enqueue((string?)notification.ResourceJson?["out_trade_no"]);
        }
        if (client is null) web.MapWeChatPayNotifications("/notify", Handle);
        else web.MapWeChatPayNotifications("/notify", client, Handle);
        await web.StartAsync();
        app = new App { Web = web, Http = web.GetTestClient() };
        return app;
    }

    // A payment result notification as 支付结果通知 documents it, signed with the given key.
    private byte[] Payment(string outTradeNo, string? key = null) => Encoding.UTF8.GetBytes(V2Requests.Xml(V2Requests.Signed(new Dictionary<string, string>
    {
        ["return_code"] = "SUCCESS", ["appid"] = "wxd678efh567hg6787", ["mch_id"] = "1900000001", ["result_code"] = "SUCCESS",
        ["openid"] = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", ["is_subscribe"] = "N", ["trade_type"] = "JSAPI", ["bank_type"] = "CFT", ["total_fee"] = "888",
        ["cash_fee"] = "888", ["transaction_id"] = "4200002468202511221234567890", ["out_trade_no"] = outTradeNo, ["time_end"] = "20251122164000",
    }, key ?? sandbox.ApiV2Key)));

    private static async Task<(int Status, string? ContentType, string Code, string Message)> Post(App app, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/notify") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/xml");
        using var response = await app.Http.SendAsync(request);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.That(xml.Name.LocalName, Is.EqualTo("xml"));
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, xml.Element("return_code")!.Value, xml.Element("return_msg")!.Value);
    }

    [Test]
    public async Task A_v2_payment_is_handled_once_and_every_delivery_answered_200_with_return_code_SUCCESS()
    {
        await using var app = await StartApp(client);
        var body = Payment("V2EP-0001");

        var first = await Post(app, body);
        var again = await Post(app, body);

        Assert.That(first, Is.EqualTo((200, "text/xml", "SUCCESS", "OK")));
        Assert.That(again, Is.EqualTo((200, "text/xml", "SUCCESS", "OK")), "processed before: acknowledged, not processed again");
        Assert.That(app.Handled, Is.EqualTo(new[] { "V2EP-0001" }));
    }

    [Test]
    public async Task A_handler_that_fails_is_answered_FAIL_and_WeChat_Pays_next_delivery_is_processed()
    {
        await using var app = await StartApp(client);
        var body = Payment("V2EP-0002");
        app.Failing = true;

        var failed = await Post(app, body);
        app.Failing = false;
        var retried = await Post(app, body);

        Assert.That((failed.Status, failed.Code), Is.EqualTo((500, "FAIL")));
        Assert.That(failed.Message, Does.Contain("could not process").And.Not.Contain("database"), "the cause stays in the log");
        Assert.That(retried.Code, Is.EqualTo("SUCCESS"));
        Assert.That(app.Handled, Is.EqualTo(new[] { "V2EP-0002" }));
    }

    [Test]
    public async Task A_copy_that_comes_while_the_first_is_processed_is_answered_FAIL_and_not_processed()
    {
        await using var app = await StartApp(client);
        var body = Payment("V2EP-0003");
        var slow = new TaskCompletionSource();
        app.Gate = slow.Task;

        var first = Post(app, body);
        await app.Entered.Task;
        var copy = await Post(app, body);
        slow.SetResult();

        Assert.That((copy.Status, copy.Code), Is.EqualTo((409, "FAIL")));
        Assert.That(copy.Message, Does.Contain("being processed"));
        Assert.That((await first).Code, Is.EqualTo("SUCCESS"));
        Assert.That(app.Handled, Is.EqualTo(new[] { "V2EP-0003" }));
    }

    [Test]
    public async Task A_store_that_cannot_be_reached_is_answered_FAIL_so_that_WeChat_Pay_sends_it_again()
    {
        var options = sandbox.ClientOptions();
        options.NotificationStore = new FailingNotificationStore();
        using var unreachable = new WeChatPayClient(options);
        await using var app = await StartApp(unreachable);

        var answer = await Post(app, Payment("V2EP-0004"));

        Assert.That((answer.Status, answer.Code), Is.EqualTo((503, "FAIL")));
        Assert.That(answer.Message, Does.Contain("send it again later").And.Not.Contain("the cache is down"));
        Assert.That(app.Handled, Is.Empty);
    }

    [Test]
    public async Task A_v2_notification_signed_with_another_key_is_answered_FAIL_and_reaches_no_handler()
    {
        await using var app = await StartApp(client);

        var answer = await Post(app, Payment("V2EP-0005", key: new string('k', 32)));

        Assert.That((answer.Status, answer.Code), Is.EqualTo((401, "FAIL")));
        Assert.That(answer.Message, Does.Contain("verification failed"));
        Assert.That(app.Handled, Is.Empty);
    }

    [Test]
    public async Task Without_a_client_a_v2_delivery_is_answered_FAIL_in_xml()
    {
        await using var app = await StartApp(null);

        var answer = await Post(app, Payment("V2EP-0006"));

        Assert.That((answer.Status, answer.ContentType, answer.Code), Is.EqualTo((500, "text/xml", "FAIL")));
        Assert.That(answer.Message, Does.Contain("not configured to read notifications"));
    }
}
