using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace WeChatPay.Chain.Caching;

/// <summary>
/// Platform certificates shared by a fleet through Redis: under <c>{prefix}{mchid}:certificates</c> the last signed
/// <c>GET v3/certificates</c> answer, as <see cref="DistributedCertificateStore"/> keeps it. Each client checks what it reads
/// as if it had downloaded it, so Redis needs no trust; a Redis that fails or is slow makes the client download itself.
/// </summary>
public sealed class RedisCertificateStore : IWeChatPayCertificateStore
{
    private readonly IDatabase _redis;
    private readonly string _prefix;

    /// <summary>A store on <paramref name="redis"/>'s database <paramref name="database"/>, its keys starting with <paramref name="keyPrefix"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="redis"/> or <paramref name="keyPrefix"/> is null.</exception>
    public RedisCertificateStore(IConnectionMultiplexer redis, string keyPrefix = "wechatpay:", int database = -1)
    {
        _redis = (redis ?? throw new ArgumentNullException(nameof(redis))).GetDatabase(database);
        _prefix = keyPrefix ?? throw new ArgumentNullException(nameof(keyPrefix));
    }

    /// <inheritdoc />
    public async Task<WeChatPayCertificateDownload?> GetAsync(string merchantId, CancellationToken cancellationToken) =>
        WeChatPayCertificateDownload.FromJson(await _redis.StringGetAsync(Key(merchantId)).ConfigureAwait(false));

    /// <inheritdoc />
    public Task ReplaceAsync(string merchantId, WeChatPayCertificateDownload download, CancellationToken cancellationToken)
    {
        if (download is null) throw new ArgumentNullException(nameof(download));
        return _redis.StringSetAsync(Key(merchantId), download.ToJson(), DistributedCertificateStore.EntryLifetime);
    }

    private RedisKey Key(string merchantId) => _prefix + (merchantId ?? throw new ArgumentNullException(nameof(merchantId))) + ":certificates";
}
