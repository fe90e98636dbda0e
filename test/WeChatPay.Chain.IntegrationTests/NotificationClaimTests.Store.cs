using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <content>The store under the claims: one that fails, hangs or holds planted entries, and what expires.</content>
public partial class NotificationClaimTests
{
    [Test]
    public async Task A_store_that_fails_or_hangs_answers_retry_later_by_default_and_never_processes()
    {
        foreach (var broken in new IWeChatPayNotificationStore[] { new FailingNotificationStore(), new HangingStore() })
        {
            var options = _sandbox.ClientOptions();
            options.NotificationStore = broken;
            using var client = new WeChatPayClient(options);
            await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);

            var receipt = await Receive(client, Received(), (_, _) => throw new AssertionException("processed without a claim"));

            Assert.That((receipt.Outcome, receipt.StatusCode), Is.EqualTo((WeChatPayNotificationOutcome.StoreUnavailable, 503)), broken.GetType().Name);
            Assert.That(receipt.StoreProblem, Does.Contain("could not be reached"));
        }
    }

    [Test]
    public async Task A_store_that_fails_is_stood_in_for_by_the_clients_own_memory_when_asked()
    {
        var options = _sandbox.ClientOptions();
        options.NotificationStore = new FailingNotificationStore();
        options.WhenNotificationStoreUnreachable = NotificationStoreFailure.ProcessHere;
        using var client = new WeChatPayClient(options);
        var sent = await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);

        var first = await Receive(client, Received(), (_, _) => Task.CompletedTask);
        var replay = await Receive(client, await Retry(sent), (_, _) => throw new AssertionException("processed twice on one server"));

        Assert.That(first.Outcome, Is.EqualTo(WeChatPayNotificationOutcome.Handled));
        Assert.That(first.StoreProblem, Does.Contain("could not be reached"));
        Assert.That(replay.Outcome, Is.EqualTo(WeChatPayNotificationOutcome.DoneBefore), "the client's own memory caught it");
    }

    [TestCase("d.forged.entry")]
    [TestCase("1")]
    [TestCase("")]
    public async Task A_planted_entry_is_ignored_and_reported_and_the_genuine_notification_processed(string planted)
    {
        var store = new PlantingStore();
        var options = _sandbox.ClientOptions();
        options.NotificationStore = store;
        using var client = new WeChatPayClient(options);
        await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", Resource);
        store.PlantUnder = planted;

        var receipt = await Receive(client, Received(), (_, _) => Task.CompletedTask);

        Assert.That(receipt.Outcome, Is.EqualTo(WeChatPayNotificationOutcome.Handled));
        Assert.That(receipt.StoreProblem, Does.Contain("does not carry a valid authenticator (planted or altered) was ignored"));
    }

    [Test]
    public async Task A_done_entry_copied_from_another_notification_or_written_with_another_APIv3_key_is_ignored()
    {
        var store = new InMemoryNotificationStore();
        var options = _sandbox.ClientOptions();
        options.NotificationStore = store;
        using var client = new WeChatPayClient(options);
        var stranger = _sandbox.ClientOptions();
        stranger.NotificationStore = store;
        stranger.ApiV3Key = new string('s', 32);
        using var other = new WeChatPayClient(stranger);
        var paid = new { mchid = "1900000001", out_trade_no = "PAID-1", trade_state = "SUCCESS" };
        var key = "wechatpay:1900000001:notification:transaction:1900000001:";
        await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", paid);
        await Receive(client, Received(), (_, _) => Task.CompletedTask);
        var genuineDone = (await store.GetAsync(key + "PAID-1", CancellationToken.None))!;
        await store.AddAsync(key + "PAID-2", genuineDone, TimeSpan.FromHours(1), CancellationToken.None);

        await _sandbox.SendCallbackAsync(_receiver.Url, "TRANSACTION.SUCCESS", new { mchid = "1900000001", out_trade_no = "PAID-2", trade_state = "SUCCESS" });
        var copied = await Receive(client, Received(), (_, _) => Task.CompletedTask);

        Assert.That(genuineDone, Does.StartWith("d."));
        Assert.That(copied.Outcome, Is.EqualTo(WeChatPayNotificationOutcome.Handled), "a done entry is bound to its key");
        Assert.That(copied.StoreProblem, Does.Contain("planted or altered"));
    }

    [Test]
    public void Entries_expire_after_the_time_they_were_kept_for()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new InMemoryNotificationStore(clock);

        Assert.That(store.AddAsync("k", "a", TimeSpan.FromMinutes(10), CancellationToken.None).Result, Is.Null);
        Assert.That(store.AddAsync("k", "b", TimeSpan.FromMinutes(10), CancellationToken.None).Result, Is.EqualTo("a"));
        Assert.That(store.ReplaceAsync("k", "b", "c", TimeSpan.FromMinutes(10), CancellationToken.None).Result, Is.False);
        Assert.That(store.RemoveAsync("k", "b", CancellationToken.None).Result, Is.False);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.That(store.GetAsync("k", CancellationToken.None).Result, Is.Null);
        Assert.That(store.AddAsync("k", "d", TimeSpan.FromMinutes(10), CancellationToken.None).Result, Is.Null);
        Assert.That(store.ReplaceAsync("k", "d", "e", TimeSpan.FromMinutes(10), CancellationToken.None).Result, Is.True);
        Assert.That(store.RemoveAsync("k", "e", CancellationToken.None).Result, Is.True);
    }

    private sealed class HangingStore : IWeChatPayNotificationStore
    {
        public Task<string?> GetAsync(string key, CancellationToken cancellationToken) => new TaskCompletionSource<string?>().Task;

        public Task<string?> AddAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken) => new TaskCompletionSource<string?>().Task;

        public Task<bool> ReplaceAsync(string key, string expected, string value, TimeSpan expiry, CancellationToken cancellationToken) => new TaskCompletionSource<bool>().Task;

        public Task<bool> RemoveAsync(string key, string expected, CancellationToken cancellationToken) => new TaskCompletionSource<bool>().Task;
    }

    // What anyone who can write to a shared cache can do: put an entry of their own under the key a notification will claim.
    private sealed class PlantingStore : IWeChatPayNotificationStore
    {
        private readonly InMemoryNotificationStore _inner = new();

        public string? PlantUnder { get; set; }

        public Task<string?> GetAsync(string key, CancellationToken cancellationToken) => _inner.GetAsync(key, cancellationToken);

        public async Task<string?> AddAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken)
        {
            if (PlantUnder is { } planted)
            {
                PlantUnder = null;
                await _inner.AddAsync(key, planted, TimeSpan.FromHours(1), cancellationToken);
            }
            return await _inner.AddAsync(key, value, expiry, cancellationToken);
        }

        public Task<bool> ReplaceAsync(string key, string expected, string value, TimeSpan expiry, CancellationToken cancellationToken) =>
            _inner.ReplaceAsync(key, expected, value, expiry, cancellationToken);

        public Task<bool> RemoveAsync(string key, string expected, CancellationToken cancellationToken) => _inner.RemoveAsync(key, expected, cancellationToken);
    }
}
