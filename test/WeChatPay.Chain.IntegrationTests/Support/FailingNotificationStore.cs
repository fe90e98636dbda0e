using System;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>A shared notification store that is down: every operation fails with "the cache is down".</summary>
internal sealed class FailingNotificationStore : IWeChatPayNotificationStore
{
    private static Task<T> Down<T>() => Task.FromException<T>(new InvalidOperationException("the cache is down"));

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) => Down<string?>();

    public Task<string?> AddAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken) => Down<string?>();

    public Task<bool> ReplaceAsync(string key, string expected, string value, TimeSpan expiry, CancellationToken cancellationToken) => Down<bool>();

    public Task<bool> RemoveAsync(string key, string expected, CancellationToken cancellationToken) => Down<bool>();
}
