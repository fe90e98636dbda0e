using System;
using System.Collections.Concurrent;
using System.Threading;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// Remembers the request nonces seen within the replay window, thread-safely and in bounded memory.
/// </summary>
/// <remarks>
/// A nonce is kept (as a 64-bit hash, with its request timestamp) for as long as a request carrying it could still
/// pass the ±300 s timestamp check. Expired entries are swept every <see cref="SweepEvery"/> additions; when more than
/// <see cref="Capacity"/> entries are live, the oldest are forgotten first, so memory stays bounded under any load
/// (a replay older than what fits is then no longer caught).
/// </remarks>
internal sealed class NonceStore
{
    /// <summary>How many additions between sweeps of expired entries.</summary>
    public const int SweepEvery = 8192;

    private readonly ConcurrentDictionary<ulong, long> _seen = new();
    private readonly object _sweeping = new();
    private readonly long _windowSeconds;
    private int _sinceSweep;

    public NonceStore(int capacity, long windowSeconds)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
        Capacity = capacity;
        _windowSeconds = windowSeconds;
    }

    /// <summary>The most nonces remembered at once.</summary>
    public int Capacity { get; }

    /// <summary>How many nonces are remembered now.</summary>
    public int Count => _seen.Count;

    /// <summary>Records the nonce; false when it was already seen and is still within the window (a replay).</summary>
    /// <param name="nonce">The request's <c>nonce_str</c>.</param>
    /// <param name="timestamp">The request's timestamp (Unix seconds), already checked to be within the window.</param>
    /// <param name="now">The current time (Unix seconds).</param>
    public bool TryAdd(string nonce, long timestamp, long now)
    {
        var key = Hash(nonce);
        var added = false;
        _seen.AddOrUpdate(key,
            _ =>
            {
                added = true;
                return timestamp;
            },
            (_, previous) =>
            {
                // A remembered nonce whose request could no longer pass the timestamp check is no replay.
                added = previous < now - _windowSeconds;
                return added ? timestamp : previous;
            });

        if (added && (Interlocked.Increment(ref _sinceSweep) >= SweepEvery || _seen.Count > Capacity))
            Sweep(now);
        return added;
    }

    /// <summary>Forgets expired nonces, then the oldest ones while more than <see cref="Capacity"/> remain.</summary>
    public void Sweep(long now)
    {
        if (!Monitor.TryEnter(_sweeping)) return;
        try
        {
            Interlocked.Exchange(ref _sinceSweep, 0);
            var cutoff = now - _windowSeconds;
            RemoveOlderThan(cutoff);
            // Over capacity: move the cutoff forward in steps (a tenth of the window) until enough are forgotten.
            var step = Math.Max(1, _windowSeconds / 10);
            while (_seen.Count > Capacity && cutoff <= now + _windowSeconds)
            {
                cutoff += step;
                RemoveOlderThan(cutoff);
            }
        }
        finally
        {
            Monitor.Exit(_sweeping);
        }
    }

    private void RemoveOlderThan(long cutoff)
    {
        foreach (var pair in _seen)
        {
            if (pair.Value < cutoff) _seen.TryRemove(pair);
        }
    }

    // FNV-1a, 64 bits: nonces are 32 characters, collisions among a million are vanishingly unlikely.
    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * 1099511628211UL;
            hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
        }
        return hash;
    }
}
