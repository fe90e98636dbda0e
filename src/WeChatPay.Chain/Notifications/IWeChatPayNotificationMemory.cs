using System;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain;

/// <summary>
/// What a client remembers of the callbacks it accepted, so that each is accepted once: a replay (the same notification
/// <c>id</c>, or the same signature nonce within the ±300 s window) is reported as <see cref="SignatureCheck.Replayed"/>.
/// Clients sharing one memory (the servers of a fleet) accept each notification once between them.
/// </summary>
public interface IWeChatPayNotificationMemory
{
    /// <summary>Remembers <paramref name="key"/> for <paramref name="keepFor"/>; false when it is already remembered (a replay).</summary>
    Task<bool> TryRememberAsync(string key, TimeSpan keepFor, CancellationToken cancellationToken);

    /// <summary>Forgets <paramref name="key"/>, so that a notification whose processing failed is accepted when WeChat Pay sends it again.</summary>
    Task ForgetAsync(string key, CancellationToken cancellationToken);
}
