using NUnit.Framework;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>The replay memory: catches replays within the window, forgets what can no longer pass, stays bounded.</summary>
public class NonceStoreTests
{
    private const long Now = 1_763_800_300;

    [Test]
    public void A_nonce_seen_within_the_window_is_a_replay()
    {
        var store = new NonceStore(capacity: 100, windowSeconds: 600);

        Assert.That(store.TryAdd("nonce-a", Now, Now), Is.True);
        Assert.That(store.TryAdd("nonce-a", Now, Now + 599), Is.False);
        Assert.That(store.TryAdd("nonce-b", Now, Now), Is.True);
    }

    [Test]
    public void A_nonce_whose_request_could_no_longer_pass_the_clock_check_may_come_again()
    {
        var store = new NonceStore(capacity: 100, windowSeconds: 600);

        store.TryAdd("nonce-a", Now, Now);

        Assert.That(store.TryAdd("nonce-a", Now + 700, Now + 700), Is.True);
    }

    [Test]
    public void Memory_stays_bounded_and_the_oldest_are_forgotten_first()
    {
        var store = new NonceStore(capacity: 1000, windowSeconds: 600);

        for (var i = 0; i < 5000; i++)
            store.TryAdd("n" + i, Now + i / 10, Now + i / 10);

        Assert.That(store.Count, Is.LessThanOrEqualTo(1000));
        Assert.That(store.TryAdd("n4999", Now + 499, Now + 499), Is.False, "the newest are still remembered");
        Assert.That(store.TryAdd("n0", Now + 499, Now + 499), Is.True, "the oldest were forgotten");
    }

    [Test]
    public void Expired_entries_are_swept()
    {
        var store = new NonceStore(capacity: 100_000, windowSeconds: 600);
        for (var i = 0; i < 100; i++) store.TryAdd("old" + i, Now, Now);

        store.Sweep(Now + 601);

        Assert.That(store.Count, Is.Zero);
    }
}
