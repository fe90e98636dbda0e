using WeChatPay.Chain.Shared;
using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using WeChatPay.Chain.Http;

namespace WeChatPay.Chain.Notifications;

/// <summary>
/// Claims on notifications in a store: <c>claimed</c> (for a lease, renewed while the handler runs) → <c>done</c> (kept for
/// <see cref="WeChatPayOptions.NotificationMemoryTime"/>); a failed handler's claim is released, a crashed one's expires.
/// Every entry is <c>state.token.authenticator</c>, the authenticator an HMAC-SHA256 of the key, state and token under a key
/// derived from the APIv3 key (or, for a merchant with only an APIv2 key, from that key under a derivation label of its own,
/// so that the two never yield the same key): an entry planted or altered by anyone without that key is ignored (and
/// reported), never obeyed.
/// </summary>
internal sealed class NotificationClaims
{
    private const string ClaimedState = "c";
    private const string DoneState = "d";

    // The derivation labels of the authenticator key: one per key it may come from (the APIv3 one unchanged since v1).
    private const string ApiV3Label = "WeChatPay.Chain notification store v1";
    private const string ApiV2Label = "WeChatPay.Chain notification store v1, keyed by the APIv2 key";

    /// <summary>How long the store may take to answer before it counts as unreachable.</summary>
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(3);

    private readonly IWeChatPayNotificationStore _store;
    private readonly InMemoryNotificationStore _own;
    private readonly byte[] _macKey;
    private readonly NotificationStoreFailure _whenUnreachable;

    /// <summary>Claims whose authenticators are keyed from the APIv3 key when there is one, else from the APIv2 key.</summary>
    /// <exception cref="ArgumentException">Neither key is given.</exception>
    public NotificationClaims(IWeChatPayNotificationStore? store, string? apiV3Key, string? apiV2Key, TimeSpan lease, TimeSpan doneFor,
        NotificationStoreFailure whenUnreachable, TimeProvider clock)
    {
        _own = new InMemoryNotificationStore(clock);
        _store = store ?? _own;
        Lease = lease;
        DoneFor = doneFor;
        _whenUnreachable = whenUnreachable;
        var (secret, label) = apiV3Key is not null ? (apiV3Key, ApiV3Label)
            : apiV2Key is not null ? (apiV2Key, ApiV2Label)
            : throw new ArgumentException("The notification claims are keyed from the APIv3 or the APIv2 key; neither is given.", nameof(apiV3Key));
        using var derive = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        _macKey = derive.ComputeHash(Encoding.UTF8.GetBytes(label));
    }

    /// <summary>How long a claim holds without renewal.</summary>
    public TimeSpan Lease { get; }

    /// <summary>How long a done entry is kept.</summary>
    public TimeSpan DoneFor { get; }

    /// <summary>Claims <paramref name="key"/>; the claim when <see cref="ClaimState.Claimed"/>, and what went wrong with the store on the way.</summary>
    public async Task<(ClaimState State, NotificationClaim? Claim, string? Problem)> ClaimAsync(string key, CancellationToken cancellationToken)
    {
        string? problem = null;
        var store = _store;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var entry = Entry(key, ClaimedState, Crypto.Nonce.Create());
            var (answered, held, failure) = await Bounded.TryAsync(token => store.AddAsync(key, entry, Lease, token), StoreTimeout).ConfigureAwait(false);
            if (!answered)
            {
                problem = Join(problem, $"the notification store could not be reached ({failure})");
                if (_whenUnreachable == NotificationStoreFailure.AnswerRetryLater || ReferenceEquals(store, _own))
                    return (ClaimState.Unavailable, null, problem);
                store = _own; // ProcessHere: this client's own memory stands in
                continue;
            }
            if (held is null) return (ClaimState.Claimed, new NotificationClaim(key, entry, store), problem);
            switch (Read(key, held))
            {
                case DoneState:
                    return (ClaimState.Done, null, problem);
                case ClaimedState:
                    return (ClaimState.InProgress, null, problem);
            }
            // Not an entry this client's key wrote: ignored, and replaced by the claim only if it is still the same one.
            problem = Join(problem, $"an entry under {key} that does not carry a valid authenticator (planted or altered) was ignored");
            var (replacedAnswered, replaced, _) = await Bounded.TryAsync(token => store.ReplaceAsync(key, held, entry, Lease, token), StoreTimeout).ConfigureAwait(false);
            if (replacedAnswered && replaced) return (ClaimState.Claimed, new NotificationClaim(key, entry, store), problem);
        }
        return (ClaimState.InProgress, null, Join(problem, $"the entry under {key} kept changing"));
    }

    /// <summary>Renews the claim's lease; false when it is no longer this client's (expired and taken, or the store lost it).</summary>
    public async Task<bool> RenewAsync(NotificationClaim claim)
    {
        var (answered, renewed, _) = await Bounded.TryAsync(token => claim.Store.ReplaceAsync(claim.Key, claim.Entry, claim.Entry, Lease, token), StoreTimeout).ConfigureAwait(false);
        return !answered || renewed; // an unreachable store has not given the claim to anyone else either
    }

    /// <summary>
    /// Marks the claimed notification done; the problem when that could not be recorded. While the store cannot be reached
    /// it is tried again in the background for as long as the lease would hold the claim, so that a store back within that
    /// time still learns that the notification was processed.
    /// </summary>
    public Task<string?> CompleteAsync(NotificationClaim claim)
    {
        var done = Entry(claim.Key, DoneState, Crypto.Nonce.Create());
        return EndAsync(claim, "record it done", async () =>
        {
            var (answered, replaced, failure) = await Bounded.TryAsync(token => claim.Store.ReplaceAsync(claim.Key, claim.Entry, done, DoneFor, token), StoreTimeout).ConfigureAwait(false);
            if (!answered || replaced) return (answered, failure);
            // The claim expired (or the store lost it): record done unless another delivery holds it now.
            var (added, held, _) = await Bounded.TryAsync(token => claim.Store.AddAsync(claim.Key, done, DoneFor, token), StoreTimeout).ConfigureAwait(false);
            return (true, added && held is null ? null : $"the claim on {claim.Key} expired before its handler finished; another delivery may process it too (raise NotificationLease)");
        });
    }

    /// <summary>
    /// Releases the claim, so that WeChat Pay's next delivery is processed; the problem when the store could not be reached
    /// (tried again in the background for as long as the lease, which releases it in the end anyway).
    /// </summary>
    public Task<string?> ReleaseAsync(NotificationClaim claim) =>
        EndAsync(claim, "release it", async () =>
        {
            var (answered, _, failure) = await Bounded.TryAsync(token => claim.Store.RemoveAsync(claim.Key, claim.Entry, token), StoreTimeout).ConfigureAwait(false);
            return (answered, answered ? null : failure);
        });

    // Ends a claim once: the step now, and while the store does not answer, again in the background within the lease.
    private async Task<string?> EndAsync(NotificationClaim claim, string what, Func<Task<(bool Answered, string? Problem)>> step)
    {
        if (claim.Ended) return null;
        claim.Ended = true;
        var (answered, problem) = await step().ConfigureAwait(false);
        if (answered) return problem;
        _ = KeepTryingAsync(step);
        return $"the notification store could not be reached to {what} ({claim.Key}: {problem}); trying again for up to {Lease.TotalSeconds:0} s";
    }

    private async Task KeepTryingAsync(Func<Task<(bool Answered, string? Problem)>> step)
    {
        var waited = TimeSpan.Zero;
        var wait = TimeSpan.FromMilliseconds(250);
        while (waited < Lease)
        {
            await Task.Delay(wait).ConfigureAwait(false);
            waited += wait;
            if ((await step().ConfigureAwait(false)).Answered) return;
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    /// <summary>Whether the store says <paramref name="key"/> is done (settled by a notification or a query); null when it cannot be reached.</summary>
    public async Task<bool?> IsDoneAsync(string key)
    {
        var (answered, held, _) = await Bounded.TryAsync(token => _store.GetAsync(key, token), StoreTimeout).ConfigureAwait(false);
        return answered ? held is not null && Read(key, held) == DoneState : null;
    }

    private string Entry(string key, string state, string token) => state + "." + token + "." + Mac(key, state, token);

    // The state of an entry this client's key wrote; null for anything else.
    private string? Read(string key, string entry)
    {
        var parts = entry.Split('.');
        if (parts.Length != 3 || (parts[0] != ClaimedState && parts[0] != DoneState)) return null;
        var expected = Encoding.ASCII.GetBytes(Mac(key, parts[0], parts[1]));
        var given = Encoding.ASCII.GetBytes(parts[2]);
        return given.Length == expected.Length && Crypto.FixedTime.Equals(expected, given) ? parts[0] : null;
    }

    private string Mac(string key, string state, string token)
    {
        using var hmac = new HMACSHA256(_macKey);
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(key + "\n" + state + "\n" + token)));
    }

    private static string Join(string? first, string second) => first is null ? second : first + "; " + second;
}
