using System;

namespace WeChatPay.Chain.Hosting;

/// <summary>When and how long the reconciler queries payments and refunds whose notification has not come (docs/reconciler.md).</summary>
public sealed class WeChatPayReconcilerOptions
{
    /// <summary>How long after it is expected a payment or refund is first queried: 5 minutes by default (WeChat Pay's first retries of a notification come within about a minute).</summary>
    public TimeSpan QueryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait between two queries of one payment or refund: 30 minutes by default; the wait doubles from <see cref="QueryAfter"/> up to it.</summary>
    public TimeSpan MaxQueryInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long after it is expected the reconciler stops querying one that is still not final (logged as a warning): 24 hours by default.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the reconciler looks for what is due: every 10 seconds by default.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Where the list of what is expected lives: this process's memory when null. Give a fleet the store its clients share
    /// for notification claims (<c>RedisNotificationStore</c>), so that any server queries what another expected.
    /// </summary>
    public IWeChatPayPendingStore? Store { get; set; }

    /// <summary>The clock of due times; the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; set; }
}
