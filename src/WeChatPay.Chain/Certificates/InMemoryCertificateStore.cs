using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain;

/// <summary>
/// The default <see cref="IWeChatPayCertificateStore"/>: the answer in this process's memory. Each client has its own unless
/// one instance is given to several (clients in one process then share one download).
/// </summary>
public sealed class InMemoryCertificateStore : IWeChatPayCertificateStore
{
    private readonly ConcurrentDictionary<string, WeChatPayCertificateDownload> _entries = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<WeChatPayCertificateDownload?> GetAsync(string merchantId, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.TryGetValue(merchantId, out var entry) ? entry : null);

    /// <inheritdoc />
    public Task ReplaceAsync(string merchantId, WeChatPayCertificateDownload download, CancellationToken cancellationToken)
    {
        if (download is null) throw new ArgumentNullException(nameof(download));
        _entries[merchantId] = download;
        return Task.CompletedTask;
    }
}
