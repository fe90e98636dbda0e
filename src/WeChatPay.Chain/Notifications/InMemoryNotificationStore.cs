using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain;

/// <summary>
/// The default <see cref="IWeChatPayNotificationStore"/> and <see cref="IWeChatPayPendingStore"/>: this process's memory,
/// entries dropped when they expire. Shared by the clients of one process when given to each; a fleet of processes needs a
/// store they share (Redis, <c>WeChatPay.Chain.Caching</c>).
/// </summary>
public sealed class InMemoryNotificationStore : IWeChatPayNotificationStore, IWeChatPayPendingStore
{
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> _lists = new(StringComparer.Ordinal);
    private const int PruneEvery = 1024;

    private readonly Dictionary<string, (string Value, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private int _writes;

    /// <summary>A store on the system clock.</summary>
    public InMemoryNotificationStore()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A store on <paramref name="clock"/> (a fake one in tests).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    public InMemoryNotificationStore(TimeProvider clock) => _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <inheritdoc />
    public Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        lock (_entries) return Task.FromResult(Current(key, _clock.GetUtcNow()));
    }

    /// <inheritdoc />
    public Task<string?> AddAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken)
    {
        Check(key, value);
        lock (_entries)
        {
            var now = _clock.GetUtcNow();
            if (Current(key, now) is { } held) return Task.FromResult<string?>(held);
            Write(key, value, now + expiry, now);
            return Task.FromResult<string?>(null);
        }
    }

    /// <inheritdoc />
    public Task<bool> ReplaceAsync(string key, string expected, string value, TimeSpan expiry, CancellationToken cancellationToken)
    {
        Check(key, value);
        if (expected is null) throw new ArgumentNullException(nameof(expected));
        lock (_entries)
        {
            var now = _clock.GetUtcNow();
            if (!string.Equals(Current(key, now), expected, StringComparison.Ordinal)) return Task.FromResult(false);
            Write(key, value, now + expiry, now);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string key, string expected, CancellationToken cancellationToken)
    {
        Check(key, expected);
        lock (_entries)
        {
            if (!string.Equals(Current(key, _clock.GetUtcNow()), expected, StringComparison.Ordinal)) return Task.FromResult(false);
            _entries.Remove(key);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task ScheduleAsync(string list, string item, DateTimeOffset due, CancellationToken cancellationToken)
    {
        Check(list, item);
        lock (_lists)
        {
            if (!_lists.TryGetValue(list, out var items)) _lists[list] = items = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            items[item] = due;
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> DueAsync(string list, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        if (list is null) throw new ArgumentNullException(nameof(list));
        var due = new List<KeyValuePair<string, DateTimeOffset>>();
        lock (_lists)
        {
            if (_lists.TryGetValue(list, out var items))
                foreach (var pair in items)
                    if (pair.Value <= now) due.Add(pair);
        }
        due.Sort((a, b) => a.Value != b.Value ? a.Value.CompareTo(b.Value) : string.CompareOrdinal(a.Key, b.Key));
        var result = new List<string>();
        for (var i = 0; i < due.Count && i < max; i++) result.Add(due[i].Key);
        return Task.FromResult<IReadOnlyList<string>>(result);
    }

    /// <inheritdoc />
    public Task UnscheduleAsync(string list, string item, CancellationToken cancellationToken)
    {
        Check(list, item);
        lock (_lists)
        {
            if (_lists.TryGetValue(list, out var items)) items.Remove(item);
        }
        return Task.CompletedTask;
    }

    private static void Check(string key, string value)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        if (value is null) throw new ArgumentNullException(nameof(value));
    }

    // The value the key holds now, an expired entry counting as none.
    private string? Current(string key, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var entry)) return null;
        if (entry.Until > now) return entry.Value;
        _entries.Remove(key);
        return null;
    }

    private void Write(string key, string value, DateTimeOffset until, DateTimeOffset now)
    {
        _entries[key] = (value, until);
        if (++_writes % PruneEvery != 0) return;
        var expired = new List<string>();
        foreach (var pair in _entries)
            if (pair.Value.Until <= now) expired.Add(pair.Key);
        foreach (var gone in expired) _entries.Remove(gone);
    }
}
