using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using WeChatPay.Chain.Certificates;

namespace WeChatPay.Chain.Certificates;

/// <summary>
/// Verification of what WeChat Pay signs — an answer or a callback — with the platform keys held, and once more after the
/// refresh an unknown serial causes (in certificate mode), so that a rotated certificate costs one download, not a failure.
/// The call pipeline and the notification reader both verify through it.
/// </summary>
internal sealed class SignedAnswers
{
    private readonly ResponseVerifier _verifier;
    private readonly PlatformKeyRing _keys;
    private readonly Diagnostics.MigrationCounters _migration;

    public SignedAnswers(ResponseVerifier verifier, PlatformKeyRing keys, Diagnostics.MigrationCounters migration)
    {
        _verifier = verifier;
        _keys = keys;
        _migration = migration;
    }

    /// <summary>
    /// The check that failed and why, or null when <paramref name="body"/> and its headers verify with <paramref name="keys"/> (or
    /// the keys a refresh brings); a verified one is counted, as an answer or a <paramref name="callback"/>, by the kind of its key.
    /// </summary>
    public async Task<(SignatureCheck Check, string Reason)?> VerifyAsync(PlatformKeyStore keys, IReadOnlyDictionary<string, string> headers, byte[] body,
        bool callback, CancellationToken cancellationToken)
    {
        headers.TryGetValue("Wechatpay-Serial", out var serial);
        if (_verifier.TryVerify(keys, headers, body, out var check, out var reason)) return Verified(serial!, callback);
        if (check == SignatureCheck.UnknownSerial && _keys.Refreshes && serial is not null)
        {
            var renewed = await _keys.AfterUnknownSerialAsync(serial, keys, cancellationToken).ConfigureAwait(false);
            if (!ReferenceEquals(renewed, keys) && _verifier.TryVerify(renewed, headers, body, out check, out reason)) return Verified(serial, callback);
            if (check == SignatureCheck.UnknownSerial) reason += "; a refresh of the platform certificates did not bring it";
        }
        if (check == SignatureCheck.UnknownSerial && serial is not null && serial.StartsWith(PlatformKeyStore.PublicKeyIdPrefix, StringComparison.Ordinal))
            reason += $"; WeChat Pay signs with its public key {serial} now: download it from the merchant platform (Account Center > API Security) " +
                "and add it to PlatformKeys beside the certificates (docs/public-key-migration.md)";
        return (check, reason);
    }

    private (SignatureCheck Check, string Reason)? Verified(string serial, bool callback)
    {
        if (callback) _migration.CallbackVerified(serial);
        else _migration.AnswerVerified(serial);
        return null;
    }
}
