using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain;

/// <summary>The default <see cref="IWeChatPayNotificationMemory"/>: this process's memory, entries dropped when they expire.</summary>
public sealed class InMemoryNotificationMemory : IWeChatPayNotificationMemory
{
    private const int PruneEvery = 1024;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private int _added;

    /// <summary>A memory on the system clock.</summary>
    public InMemoryNotificationMemory()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A memory on <paramref name="clock"/> (a fake one in tests).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    public InMemoryNotificationMemory(TimeProvider clock) => _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <inheritdoc />
    public Task<bool> TryRememberAsync(string key, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        var now = _clock.GetUtcNow();
        var until = now + keepFor;
        while (true)
        {
            if (_until.TryAdd(key, until))
            {
                if (Interlocked.Increment(ref _added) % PruneEvery == 0) Prune(now);
                return Task.FromResult(true);
            }
            if (!_until.TryGetValue(key, out var existing)) continue;
            if (existing > now) return Task.FromResult(false);
            if (_until.TryUpdate(key, until, existing)) return Task.FromResult(true); // expired: remembered anew
        }
    }

    /// <inheritdoc />
    public Task ForgetAsync(string key, CancellationToken cancellationToken)
    {
        _until.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var pair in _until)
            if (pair.Value <= now) _until.TryRemove(pair.Key, out _);
    }
}
