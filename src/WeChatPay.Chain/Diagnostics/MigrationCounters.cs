using System;
using System.Collections.Generic;
using System.Threading;
#if !NETSTANDARD2_0
using System.Diagnostics.Metrics;
#endif

namespace WeChatPay.Chain.Diagnostics;

/// <summary>
/// Counts, since the client started, which kind of platform key (certificate serial or <c>PUB_KEY_ID_…</c>) verified each
/// answer and each callback and which each request named in <c>Wechatpay-Serial</c>, and the certificate downloads: the
/// migration report of <see cref="WeChatPayClient.Migration"/>, and on net8.0+ the counter <see cref="WeChatPayTelemetry.PlatformKeyUses"/>.
/// </summary>
internal sealed class MigrationCounters
{
    private readonly string _merchantId;
    private long _answersCertificate, _answersPublicKey, _callbacksCertificate, _callbacksPublicKey, _requestsCertificate, _requestsPublicKey, _downloads;

    public MigrationCounters(string merchantId) => _merchantId = merchantId;

    /// <summary>An answer verified with the key <paramref name="keyId"/> names.</summary>
    public void AnswerVerified(string keyId) => Count(keyId, "answer", ref _answersCertificate, ref _answersPublicKey);

    /// <summary>A callback verified with the key <paramref name="keyId"/> names.</summary>
    public void CallbackVerified(string keyId) => Count(keyId, "callback", ref _callbacksCertificate, ref _callbacksPublicKey);

    /// <summary>A request about to be sent with <c>Wechatpay-Serial: <paramref name="keyId"/></c>.</summary>
    public void RequestNamed(string keyId) => Count(keyId, "request", ref _requestsCertificate, ref _requestsPublicKey);

    /// <summary>The platform certificates were downloaded to refresh them.</summary>
    public void CertificatesDownloaded()
    {
        Interlocked.Increment(ref _downloads);
        Record("certificate_download", "certificate");
    }

    /// <summary>The counts now, with the step still missing for a client whose configured platform keys are <paramref name="configuredIds"/>.</summary>
    public WeChatPayMigrationSnapshot Snapshot(IReadOnlyCollection<string> configuredIds, bool publicKeysOnly)
    {
        var answers = new WeChatPayKeyUse(Interlocked.Read(ref _answersCertificate), Interlocked.Read(ref _answersPublicKey));
        var callbacks = new WeChatPayKeyUse(Interlocked.Read(ref _callbacksCertificate), Interlocked.Read(ref _callbacksPublicKey));
        var requests = new WeChatPayKeyUse(Interlocked.Read(ref _requestsCertificate), Interlocked.Read(ref _requestsPublicKey));
        var downloads = Interlocked.Read(ref _downloads);
        return new WeChatPayMigrationSnapshot(answers, callbacks, requests, downloads,
            MigrationAdvice.NextStep(answers, callbacks, requests, downloads, configuredIds, publicKeysOnly));
    }

    /// <summary>Whether a key id is a WeChat Pay public key's (<c>PUB_KEY_ID_…</c>) rather than a certificate serial.</summary>
    public static bool IsPublicKey(string keyId) => keyId.StartsWith(Certificates.PlatformKeyStore.PublicKeyIdPrefix, StringComparison.Ordinal);

    private void Count(string keyId, string use, ref long certificate, ref long publicKey)
    {
        var isPublic = IsPublicKey(keyId);
        Interlocked.Increment(ref isPublic ? ref publicKey : ref certificate);
        Record(use, isPublic ? "public_key" : "certificate");
    }

#if !NETSTANDARD2_0
    private void Record(string use, string kind)
    {
        if (!Telemetry.Instruments.PlatformKeyUses.Enabled) return;
        Telemetry.Instruments.PlatformKeyUses.Add(1, new KeyValuePair<string, object?>("wechatpay.merchant_id", _merchantId),
            new KeyValuePair<string, object?>("wechatpay.key_use", use), new KeyValuePair<string, object?>("wechatpay.key_kind", kind));
    }
#else
    private void Record(string use, string kind)
    {
        _ = (use, kind, _merchantId); // no System.Diagnostics.Metrics on netstandard2.0: the snapshot alone counts
    }
#endif
}
