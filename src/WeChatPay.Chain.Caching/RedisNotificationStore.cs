using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace WeChatPay.Chain.Caching;

/// <summary>
/// Notification claims (and the reconciler's pending list, a sorted set) shared by a fleet through Redis: each operation one atomic step on the server and one round trip
/// (a Lua script for add-if-absent-else-get, compare-and-replace and compare-and-delete), entries expiring with Redis's
/// own clock. Give every server's client a store on the same Redis (<see cref="WeChatPayOptions.NotificationStore"/>).
/// What a Redis without persistence loses on a restart, it forgets: docs/fleet.md says what each configuration can promise.
/// </summary>
public sealed class RedisNotificationStore : IWeChatPayNotificationStore, IWeChatPayPendingStore
{
    private const string AddScript =
        "local held = redis.call('GET', KEYS[1]) if held then return held end " +
        "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return false";

    private const string ReplaceScript =
        "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0";

    private const string RemoveScript =
        "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end return 0";

    private readonly IDatabase _redis;

    /// <summary>A store on <paramref name="redis"/>'s database <paramref name="database"/> (its default when -1).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="redis"/> is null.</exception>
    public RedisNotificationStore(IConnectionMultiplexer redis, int database = -1) =>
        _redis = (redis ?? throw new ArgumentNullException(nameof(redis))).GetDatabase(database);

    /// <inheritdoc />
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        await _redis.StringGetAsync(Key(key)).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<string?> AddAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken)
    {
        var held = await _redis.ScriptEvaluateAsync(AddScript, new[] { Key(key) }, new RedisValue[] { Value(value), Milliseconds(expiry) }).ConfigureAwait(false);
        return held.IsNull ? null : (string?)held;
    }

    /// <inheritdoc />
    public async Task<bool> ReplaceAsync(string key, string expected, string value, TimeSpan expiry, CancellationToken cancellationToken) =>
        (int)await _redis.ScriptEvaluateAsync(ReplaceScript, new[] { Key(key) },
            new RedisValue[] { Value(expected), Value(value), Milliseconds(expiry) }).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(string key, string expected, CancellationToken cancellationToken) =>
        (int)await _redis.ScriptEvaluateAsync(RemoveScript, new[] { Key(key) }, new RedisValue[] { Value(expected) }).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public Task ScheduleAsync(string list, string item, DateTimeOffset due, CancellationToken cancellationToken) =>
        _redis.SortedSetAddAsync(Key(list), Value(item), due.ToUnixTimeMilliseconds());

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> DueAsync(string list, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var due = await _redis.SortedSetRangeByScoreAsync(Key(list), double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: max).ConfigureAwait(false);
        return Array.ConvertAll(due, item => (string)item!);
    }

    /// <inheritdoc />
    public Task UnscheduleAsync(string list, string item, CancellationToken cancellationToken) => _redis.SortedSetRemoveAsync(Key(list), Value(item));

    private static RedisKey Key(string key) => key ?? throw new ArgumentNullException(nameof(key));

    private static RedisValue Value(string value) => value ?? throw new ArgumentNullException(nameof(value));

    private static RedisValue Milliseconds(TimeSpan expiry) =>
        expiry > TimeSpan.Zero ? (long)Math.Ceiling(expiry.TotalMilliseconds) : throw new ArgumentOutOfRangeException(nameof(expiry), "An entry's expiry must be positive.");
}
