using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>Each callback is accepted once: the sandbox's replay (same bytes) and retry (same id, signed anew) are reported as replays.</summary>
public class CallbackReplayTests
{
    private static readonly object Resource = new { mchid = "1900000001", out_trade_no = "1217752501201407033233368018", trade_state = "SUCCESS" };

    private WeChatPaySandbox _sandbox = null!;
    private CallbackReceiver _receiver = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _sandbox = await WeChatPaySandbox.StartAsync();
        _receiver = await CallbackReceiver.StartAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _receiver.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    private (Dictionary<string, string> Headers, byte[] Body) Received()
    {
        Assert.That(_receiver.Received.TryDequeue(out var received), Is.True, "the receiver got the callback");
        return received;
    }

    private static Task<WeChatPayNotification> Read(WeChatPayClient client, (Dictionary<string, string> Headers, byte[] Body) callback) =>
        client.ReadNotificationAsync(name => callback.Headers.TryGetValue(name, out var value) ? value : null, callback.Body);

    [Test]
    public async Task A_callback_replayed_byte_for_byte_is_reported_as_a_replay()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        var first = await Read(client, Received());
        await _sandbox.ReplayCallbackAsync(sent, _receiver.Url);

        var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => Read(client, Received()));

        Assert.That(first.Id, Is.EqualTo(sent.NotificationId));
        Assert.That(error!.FailedCheck, Is.EqualTo(SignatureCheck.Replayed));
        Assert.That(error.Message, Does.Contain("was accepted before"));
    }

    [Test]
    public async Task WeChat_Pay_retrying_a_processed_notification_is_a_replay_by_its_id()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        var original = Received();
        await Read(client, original);
        await _sandbox.RetryCallbackAsync(sent, _receiver.Url);
        var retry = Received();
        Assert.That(retry.Headers["Wechatpay-Nonce"], Is.Not.EqualTo(original.Headers["Wechatpay-Nonce"]), "signed anew");
        Assert.That(retry.Body, Is.EqualTo(original.Body), "the same notification");

        var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => Read(client, retry));

        Assert.That(error!.FailedCheck, Is.EqualTo(SignatureCheck.Replayed));
        Assert.That(error.Reason, Does.Contain($"notification {sent.NotificationId} was accepted before"));
    }

    [Test]
    public async Task A_forgotten_notification_is_accepted_when_it_comes_again()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        var first = await Read(client, Received());

        await client.ForgetNotificationAsync(first); // its processing failed: WeChat Pay will retry
        await _sandbox.RetryCallbackAsync(sent, _receiver.Url);
        var again = await Read(client, Received());

        Assert.That(again.Id, Is.EqualTo(sent.NotificationId));
    }

    [Test]
    public async Task Two_clients_sharing_a_memory_accept_a_notification_once_between_them()
    {
        var memory = new InMemoryNotificationMemory();
        var options = _sandbox.ClientOptions();
        options.NotificationMemory = memory;
        var other = _sandbox.ClientOptions();
        other.NotificationMemory = memory;
        using var a = new WeChatPayClient(options);
        using var b = new WeChatPayClient(other);
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        await Read(a, Received());
        await _sandbox.RetryCallbackAsync(sent, _receiver.Url);

        var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => Read(b, Received()));

        Assert.That(error!.FailedCheck, Is.EqualTo(SignatureCheck.Replayed));
    }

    [Test]
    public async Task A_memory_that_fails_or_hangs_falls_back_to_the_clients_own_and_never_fails_the_callback()
    {
        foreach (var broken in new IWeChatPayNotificationMemory[] { new FailingMemory(), new HangingMemory() })
        {
            var options = _sandbox.ClientOptions();
            options.NotificationMemory = broken;
            using var client = new WeChatPayClient(options);
            var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);

            var first = await Read(client, Received());
            await _sandbox.ReplayCallbackAsync(sent, _receiver.Url);
            var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => Read(client, Received()));

            Assert.That(first.Id, Is.EqualTo(sent.NotificationId), broken.GetType().Name);
            Assert.That(error!.FailedCheck, Is.EqualTo(SignatureCheck.Replayed), "the client's own memory caught it");
        }
    }

    [Test]
    public void Entries_expire_after_the_time_they_were_kept_for()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var memory = new InMemoryNotificationMemory(clock);

        Assert.That(memory.TryRememberAsync("k", TimeSpan.FromMinutes(10), CancellationToken.None).Result, Is.True);
        Assert.That(memory.TryRememberAsync("k", TimeSpan.FromMinutes(10), CancellationToken.None).Result, Is.False);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.That(memory.TryRememberAsync("k", TimeSpan.FromMinutes(10), CancellationToken.None).Result, Is.True);
    }

    [Test]
    public async Task A_wrong_APIv3_key_is_named_as_the_likely_cause_when_the_signature_holds()
    {
        var options = _sandbox.ClientOptions();
        options.ApiV3Key = new string('k', 32);
        using var client = new WeChatPayClient(options);
        await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Read(client, Received()));

        Assert.That(error, Is.Not.InstanceOf<WeChatPaySignatureException>());
        Assert.That(error!.Message, Does.Contain("verified (it is WeChat Pay's and unaltered)").And.Contain("ApiV3Key is most likely not this merchant's"));
        Assert.That(error.Message, Does.Not.Contain(options.ApiV3Key));
    }

    [Test]
    public async Task A_tampered_ciphertext_is_named_as_an_alteration()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        var (headers, body) = Received();
        var json = Newtonsoft.Json.Linq.JObject.Parse(System.Text.Encoding.UTF8.GetString(body));
        var ciphertext = (string)json["resource"]!["ciphertext"]!;
        json["resource"]!["ciphertext"] = (ciphertext[0] == 'A' ? "B" : "A") + ciphertext.Substring(1);
        var tampered = System.Text.Encoding.UTF8.GetBytes(json.ToString(Newtonsoft.Json.Formatting.None));

        var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => Read(client, (headers, tampered)));

        Assert.That(error!.FailedCheck, Is.EqualTo(SignatureCheck.Signature));
        Assert.That(error.Message, Does.Contain("altered after WeChat Pay signed them (a tampered ciphertext, for example)"));
    }

    [Test]
    public async Task A_body_re_serialised_by_a_framework_is_named_as_such()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        var (headers, body) = Received();
        var indented = Newtonsoft.Json.Linq.JObject.Parse(System.Text.Encoding.UTF8.GetString(body)).ToString(Newtonsoft.Json.Formatting.Indented);

        var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => Read(client, (headers, System.Text.Encoding.UTF8.GetBytes(indented))));

        Assert.That(error!.FailedCheck, Is.EqualTo(SignatureCheck.Signature));
        Assert.That(error.Message, Does.Contain("most likely re-serialised by a framework: pass the raw request body bytes"));
    }

    private sealed class FailingMemory : IWeChatPayNotificationMemory
    {
        public Task<bool> TryRememberAsync(string key, TimeSpan keepFor, CancellationToken cancellationToken) =>
            Task.FromException<bool>(new InvalidOperationException("the cache is down"));

        public Task ForgetAsync(string key, CancellationToken cancellationToken) => Task.FromException(new InvalidOperationException("the cache is down"));
    }

    private sealed class HangingMemory : IWeChatPayNotificationMemory
    {
        public Task<bool> TryRememberAsync(string key, TimeSpan keepFor, CancellationToken cancellationToken) => new TaskCompletionSource<bool>().Task;

        public Task ForgetAsync(string key, CancellationToken cancellationToken) => new TaskCompletionSource<bool>().Task;
    }
}
