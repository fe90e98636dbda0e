using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;

namespace WeChatPay.Chain.Caching;

/// <summary>
/// Callback memory shared by a fleet through an <see cref="IDistributedCache"/>: a notification one server accepted is a
/// replay to every other. <see cref="IDistributedCache"/> has no add-if-absent, so two servers handed the same
/// notification within the same few milliseconds could both accept it; WeChat Pay's retries are seconds to hours apart.
/// </summary>
public sealed class DistributedNotificationMemory : IWeChatPayNotificationMemory
{
    private static readonly byte[] Seen = { 1 };

    private readonly IDistributedCache _cache;

    /// <summary>A memory on <paramref name="cache"/> (the keys name the merchant: <c>wechatpay:{mchid}:notification:…</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="cache"/> is null.</exception>
    public DistributedNotificationMemory(IDistributedCache cache) => _cache = cache ?? throw new ArgumentNullException(nameof(cache));

    /// <inheritdoc />
    public async Task<bool> TryRememberAsync(string key, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        if (await _cache.GetAsync(key, cancellationToken).ConfigureAwait(false) is not null) return false;
        await _cache.SetAsync(key, Seen, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = keepFor }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public Task ForgetAsync(string key, CancellationToken cancellationToken) => _cache.RemoveAsync(key, cancellationToken);
}
