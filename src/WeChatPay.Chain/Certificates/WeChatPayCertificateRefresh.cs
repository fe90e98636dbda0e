using System;
using System.Collections.Generic;

namespace WeChatPay.Chain;

/// <summary>Why the client refreshed its platform certificates.</summary>
public enum CertificateRefreshReason
{
    /// <summary>The client had no platform key yet (it was built without one).</summary>
    FirstUse,

    /// <summary>The refresh interval passed.</summary>
    Schedule,

    /// <summary>An answer or callback named a serial the client did not hold.</summary>
    UnknownSerial,

    /// <summary><see cref="WeChatPayClient.RefreshCertificatesAsync"/> asked for it.</summary>
    Requested,
}

/// <summary>
/// What one certificate refresh did, handed to <see cref="WeChatPayOptions.CertificateRefreshed"/>: the reason, whether it
/// worked, where the certificates came from, which keys the client holds afterwards, and a line fit for a log (serials and
/// causes only; no key, no body).
/// </summary>
public sealed class WeChatPayCertificateRefresh
{
    internal WeChatPayCertificateRefresh(CertificateRefreshReason reason, bool succeeded, bool fromStore,
        IReadOnlyList<string> keyIds, IReadOnlyList<string> added, IReadOnlyList<string> dropped, Exception? error, string? storeProblem)
    {
        Reason = reason;
        Succeeded = succeeded;
        FromStore = fromStore;
        KeyIds = keyIds;
        Added = added;
        Dropped = dropped;
        Error = error;
        StoreProblem = storeProblem;
    }

    /// <summary>Why it ran.</summary>
    public CertificateRefreshReason Reason { get; }

    /// <summary>Whether the client now holds a verified, current list; when false it keeps the keys it had, which still work.</summary>
    public bool Succeeded { get; }

    /// <summary>The certificates came from <see cref="WeChatPayOptions.CertificateStore"/> (saved by this or another client), not a download.</summary>
    public bool FromStore { get; }

    /// <summary>The platform key ids the client holds afterwards, configured and downloaded, sorted.</summary>
    public IReadOnlyList<string> KeyIds { get; }

    /// <summary>The certificate serials this refresh added.</summary>
    public IReadOnlyList<string> Added { get; }

    /// <summary>The certificate serials this refresh dropped (expired, or no longer listed).</summary>
    public IReadOnlyList<string> Dropped { get; }

    /// <summary>Why it failed, when it did.</summary>
    public Exception? Error { get; }

    /// <summary>When the certificate store failed or was slow (the refresh then went on without it), what happened.</summary>
    public string? StoreProblem { get; }

    /// <summary>One line for a log.</summary>
    public override string ToString()
    {
        var what = Succeeded
            ? $"platform certificates refreshed ({Reason}{(FromStore ? ", from the certificate store" : ", downloaded")}): holding {string.Join(", ", KeyIds)}"
              + (Added.Count > 0 ? $"; added {string.Join(", ", Added)}" : string.Empty)
              + (Dropped.Count > 0 ? $"; dropped {string.Join(", ", Dropped)}" : string.Empty)
            : $"platform certificate refresh failed ({Reason}); still holding {(KeyIds.Count == 0 ? "no key" : string.Join(", ", KeyIds))}: {Error?.Message}";
        return StoreProblem is null ? what : what + $" (certificate store: {StoreProblem})";
    }
}
