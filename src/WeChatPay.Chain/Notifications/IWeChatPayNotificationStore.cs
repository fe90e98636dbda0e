using System;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain;

/// <summary>
/// Where a client keeps the claims on the notifications it receives (claimed by a running handler, or done), so that each
/// notification's effect happens once. Clients sharing one store (the servers of a fleet) process each notification once
/// between them. The store holds short text entries it need not understand or trust: each entry carries an authenticator
/// derived from the APIv3 key, and an entry that does not verify is ignored and reported. Every operation must be atomic
/// (one step on the server, never a read followed by a write).
/// </summary>
public interface IWeChatPayNotificationStore
{
    /// <summary>The value <paramref name="key"/> holds, or null.</summary>
    Task<string?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> for <paramref name="expiry"/> unless the key holds a value.</summary>
    /// <returns>Null when the value was set; otherwise the value the key holds.</returns>
    Task<string?> AddAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken);

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> for <paramref name="expiry"/> if, and only if, it holds <paramref name="expected"/>.</summary>
    /// <returns>Whether the value was replaced.</returns>
    Task<bool> ReplaceAsync(string key, string expected, string value, TimeSpan expiry, CancellationToken cancellationToken);

    /// <summary>Deletes <paramref name="key"/> if, and only if, it holds <paramref name="expected"/>.</summary>
    /// <returns>Whether the key was deleted.</returns>
    Task<bool> RemoveAsync(string key, string expected, CancellationToken cancellationToken);
}
