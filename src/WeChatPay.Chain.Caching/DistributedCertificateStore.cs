using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;

namespace WeChatPay.Chain.Caching;

/// <summary>
/// Platform certificates shared by a fleet through an <see cref="IDistributedCache"/>: under <c>{prefix}{mchid}:certificates</c>
/// the last signed <c>GET v3/certificates</c> answer (<see cref="WeChatPayCertificateDownload.ToJson"/>). Each client checks
/// what it reads as if it had downloaded it, so the cache needs no trust; a cache that fails or is slow makes the client
/// download itself.
/// </summary>
public sealed class DistributedCertificateStore : IWeChatPayCertificateStore
{
    /// <summary>How long an entry is kept when no client replaces it: 30 days, beyond any refresh interval.</summary>
    public static readonly TimeSpan EntryLifetime = TimeSpan.FromDays(30);

    private readonly IDistributedCache _cache;
    private readonly string _prefix;

    /// <summary>A store on <paramref name="cache"/>, its keys starting with <paramref name="keyPrefix"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="cache"/> or <paramref name="keyPrefix"/> is null.</exception>
    public DistributedCertificateStore(IDistributedCache cache, string keyPrefix = "wechatpay:")
    {
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        _prefix = keyPrefix ?? throw new ArgumentNullException(nameof(keyPrefix));
    }

    /// <inheritdoc />
    public async Task<WeChatPayCertificateDownload?> GetAsync(string merchantId, CancellationToken cancellationToken) =>
        WeChatPayCertificateDownload.FromJson(await _cache.GetStringAsync(Key(merchantId), cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public Task ReplaceAsync(string merchantId, WeChatPayCertificateDownload download, CancellationToken cancellationToken)
    {
        if (download is null) throw new ArgumentNullException(nameof(download));
        return _cache.SetStringAsync(Key(merchantId), download.ToJson(),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = EntryLifetime }, cancellationToken);
    }

    private string Key(string merchantId) => _prefix + merchantId + ":certificates";
}
