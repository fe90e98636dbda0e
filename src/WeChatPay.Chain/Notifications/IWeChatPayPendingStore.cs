using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain;

/// <summary>
/// Lists of items due at a time, shared by the servers of a fleet: the payments and refunds a reconciler waits to see
/// settled (<c>WeChatPay.Chain.Hosting</c>'s <c>AddWeChatPayReconciler</c>). An item is a short text; adding one again
/// moves it to its new time.
/// </summary>
public interface IWeChatPayPendingStore
{
    /// <summary>Puts <paramref name="item"/> in <paramref name="list"/>, due at <paramref name="due"/> (moved there when it is in already).</summary>
    Task ScheduleAsync(string list, string item, DateTimeOffset due, CancellationToken cancellationToken);

    /// <summary>At most <paramref name="max"/> items of <paramref name="list"/> due at or before <paramref name="now"/>, the earliest first.</summary>
    Task<IReadOnlyList<string>> DueAsync(string list, DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Takes <paramref name="item"/> out of <paramref name="list"/>.</summary>
    Task UnscheduleAsync(string list, string item, CancellationToken cancellationToken);
}
