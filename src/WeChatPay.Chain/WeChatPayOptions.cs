using System;
using System.Collections.Generic;

namespace WeChatPay.Chain;

/// <summary>Everything a <see cref="WeChatPayClient"/> needs: the merchant's identity and key, and the platform keys that sign WeChat Pay's answers.</summary>
public sealed class WeChatPayOptions
{
    /// <summary>The default API base URL.</summary>
    public const string DefaultBaseUrl = "https://api.mch.weixin.qq.com/";

    /// <summary>The merchant id (<c>mchid</c>), e.g. <c>1900000001</c>.</summary>
    public string MerchantId { get; set; } = string.Empty;

    /// <summary>The serial number of the merchant API certificate (<c>serial_no</c> in the Authorization header).</summary>
    public string MerchantSerialNumber { get; set; } = string.Empty;

    /// <summary>The merchant API private key: PEM text (PKCS#1 or PKCS#8, optionally encrypted PKCS#8) or a path to a PEM file.</summary>
    public string MerchantPrivateKey { get; set; } = string.Empty;

    /// <summary>The passphrase of an encrypted PKCS#8 merchant private key; null when the key is not encrypted.</summary>
    public string? MerchantPrivateKeyPassphrase { get; set; }

    /// <summary>
    /// The signature scheme: <see cref="WeChatPayScheme.Rsa"/> (<c>WECHATPAY2-SHA256-RSA2048</c>) or <see cref="WeChatPayScheme.Sm2"/>
    /// (国密 <c>WECHATPAY2-SM2-WITH-SM3</c>). Null (the default) follows <see cref="MerchantPrivateKey"/>: an SM2 key makes an SM
    /// merchant. When set, a merchant key of the other scheme is a configuration error.
    /// </summary>
    public WeChatPayScheme? Scheme { get; set; }

    /// <summary>
    /// The WeChat Pay platform keys, by id: a platform certificate serial number, or a WeChat Pay public key id
    /// (<c>PUB_KEY_ID_…</c>), mapped to PEM text or a PEM file path (a public key or an X.509 certificate).
    /// </summary>
    public IDictionary<string, string> PlatformKeys => _platformKeys;

    private Dictionary<string, string> _platformKeys = new(StringComparer.Ordinal);

    /// <summary>
    /// Which platform key encrypts sensitive fields unless a call names another in <c>Wechatpay-Serial</c>; null (the default)
    /// for the WeChat Pay public key when one is configured, else the newest platform certificate in effect. Set it during a
    /// migration to choose between a certificate and the public key.
    /// </summary>
    public string? EncryptionKeyId { get; set; }

    /// <summary>
    /// Certificate mode: keep the platform certificates current by downloading <c>GET v3/certificates</c> every
    /// <see cref="CertificateRefreshInterval"/>, and once when an answer or callback names a serial the client does not hold;
    /// a client built with no platform key then downloads them on first use. On by default; needs <see cref="ApiV3Key"/>.
    /// Has no effect when only WeChat Pay public keys (<c>PUB_KEY_ID_…</c>) are configured.
    /// </summary>
    public bool RefreshCertificates { get; set; } = true;

    /// <summary>
    /// For merchants who have finished the move to the WeChat Pay public key: the client never downloads platform
    /// certificates and never sends a certificate serial in <c>Wechatpay-Serial</c> (a call's own header naming one is refused
    /// before sending). Off by default. When on, <see cref="PlatformKeys"/> must hold public keys (<c>PUB_KEY_ID_…</c>) only,
    /// and <see cref="EncryptionKeyId"/>, when set, must name one; <see cref="RefreshCertificates"/> has no effect.
    /// </summary>
    public bool PublicKeysOnly { get; set; }

    /// <summary>How often the platform certificates are refreshed: 12 hours by default, between one minute and 30 days.</summary>
    public TimeSpan CertificateRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Where refreshed certificates are kept; this client's own memory when null. Give clients a shared store (e.g. the
    /// <c>IDistributedCache</c> one of <c>WeChatPay.Chain.Caching</c>) and one download serves them all.
    /// </summary>
    public IWeChatPayCertificateStore? CertificateStore { get; set; }

    /// <summary>
    /// Told of every certificate refresh, successful or not (a failed one keeps the keys held); <see cref="WeChatPayCertificateRefresh.ToString"/>
    /// is a line fit for a log. Called on a thread-pool thread; an exception it throws is ignored.
    /// </summary>
    public Action<WeChatPayCertificateRefresh>? CertificateRefreshed { get; set; }

    /// <summary>
    /// Told of every exchange with WeChat Pay once it has ended (calls, downloads, certificate downloads), successful or
    /// not: method, documented operation, status, <c>Request-ID</c>, time, outcome, error code (<see cref="WeChatPayCall"/>,
    /// whose <see cref="WeChatPayCall.ToString"/> is a line fit for a log; it carries no body and nothing secret). Called
    /// on the calling thread before the call returns or throws; an exception it throws is ignored.
    /// </summary>
    public Action<WeChatPayCall>? CallCompleted { get; set; }

    /// <summary>
    /// Where the client keeps its claims on the notifications it receives, so that each is processed once: this client's
    /// own memory when null. Give a fleet's clients one store they share with atomic operations (the Redis one of
    /// <c>WeChatPay.Chain.Caching</c>). Entries carry an authenticator derived from <see cref="ApiV3Key"/> (from
    /// <see cref="ApiV2Key"/>, by another derivation, when there is no APIv3 key): a planted or altered entry is ignored.
    /// Every client on one store needs the same keys.
    /// </summary>
    public IWeChatPayNotificationStore? NotificationStore { get; set; }

    /// <summary>What to do with a notification while <see cref="NotificationStore"/> cannot be reached (within 3 s): answer WeChat Pay "retry later" by default.</summary>
    public NotificationStoreFailure WhenNotificationStoreUnreachable { get; set; } = NotificationStoreFailure.AnswerRetryLater;

    /// <summary>
    /// How long a claim on a notification holds without renewal: one minute by default, renewed every third of it while the
    /// handler runs. A process that crashes mid-handler holds its claim until it expires; WeChat Pay's next delivery after
    /// that is processed.
    /// </summary>
    public TimeSpan NotificationLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a processed notification is remembered: 48 hours by default (WeChat Pay retries for about 24), at least 10 minutes.</summary>
    public TimeSpan NotificationMemoryTime { get; set; } = TimeSpan.FromHours(48);

    /// <summary>The API base URL; defaults to <see cref="DefaultBaseUrl"/>.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The APIv3 key (32 characters), used to decrypt callbacks and downloaded certificates; optional.</summary>
    public string? ApiV3Key { get; set; }

    /// <summary>
    /// The APIv2 key (32 characters, set in the merchant platform): signs APIv2 calls (<c>v2/…</c>) and verifies their answers
    /// and APIv2 notifications; without <see cref="ApiV3Key"/> it also keys the notification claims. Optional; an APIv2 call
    /// without it fails before sending.
    /// </summary>
    public string? ApiV2Key { get; set; }

    /// <summary>The clock used for request timestamps and response freshness checks; defaults to the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// The time one attempt of a call may take, from sending the request to reading the answer, before it fails; 30 seconds
    /// by default. It bounds each attempt, not the whole call: a call that is retried (<see cref="MaxRetries"/>) gives every
    /// attempt its own Timeout, so a GET to a server that never answers fails after (1 + MaxRetries) × Timeout plus the
    /// waits between attempts, and its exception says how many attempts were made and how long they took in all. Bound a
    /// whole call with a <see cref="System.Threading.CancellationToken"/> (e.g. <c>new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token</c>).
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest answer body, in bytes, the client reads into memory (4 MiB by default). A larger error answer becomes an
    /// exception holding its first <see cref="WeChatPayException.MaxResponseBodyLength"/> characters; a larger success answer
    /// fails. Downloads (bill files and the like) are not bound by it.
    /// </summary>
    public int MaxResponseBodySize { get; set; } = DefaultMaxResponseBodySize;

    /// <summary>The default <see cref="MaxResponseBodySize"/>: 4 MiB, far above any JSON answer WeChat Pay documents.</summary>
    public const int DefaultMaxResponseBodySize = 4 * 1024 * 1024;

    /// <summary>
    /// The most bytes a gzip download (a bill, or each part of a split one) may inflate to: 16 GiB by default, must be
    /// positive. The client stops there with a <see cref="WeChatPayException"/>, whether it writes the file decompressed or
    /// keeps it compressed and inflates it only to check its digest, so that a file that expands without bound (a gzip
    /// bomb) fills neither the disk nor the time before its digest could be found wrong.
    /// </summary>
    public long MaxDecompressedBillSize { get; set; } = DefaultMaxDecompressedBillSize;

    /// <summary>The default <see cref="MaxDecompressedBillSize"/>: 16 GiB, the size at which WeChat Pay splits a bill into parts.</summary>
    public const long DefaultMaxDecompressedBillSize = 16L * 1024 * 1024 * 1024;

    /// <summary>
    /// Encrypt the documented sensitive request fields with a platform key (setting <c>Wechatpay-Serial</c>) and decrypt the
    /// documented merchant-key response fields; on by default. A call can turn it off with <see cref="WeChatPayRequestOptions.AutoEncryption"/>.
    /// </summary>
    public bool AutoEncryption { get; set; } = true;

    /// <summary>
    /// How many times a failed exchange is sent again where that is safe — a GET after a transport failure, a timeout or a
    /// 5xx answer, and any call whose request never reached the server (connection refused, host not found) — each
    /// attempt signed afresh; 2 by default, 0 turns retries off, at most 5. Other calls (a POST that may have reached
    /// WeChat Pay, an upload) are never sent twice, except an APIv2 red packet or payout answered <c>SYSTEMERROR</c>, sent
    /// again unchanged (the same business number, nonce and sign) as WeChat Pay documents.
    /// </summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// Send retries to a backup domain, in turn with <see cref="BaseUrl"/>, as WeChat Pay's disaster-recovery guidance asks
    /// merchants to do: on by default. With the default <see cref="BaseUrl"/> the backup is the documented
    /// <c>https://api2.mch.weixin.qq.com/</c>; with another one there is none unless <see cref="BackupBaseUrl"/> names it.
    /// </summary>
    public bool Failover { get; set; } = true;

    /// <summary>The backup base URL <see cref="Failover"/> uses; null for the documented one of the default base URL. Its path must be <see cref="BaseUrl"/>'s.</summary>
    public string? BackupBaseUrl { get; set; }

    /// <summary>Check every request against the documented fields (required fields, enum values, JSON types) before sending; off by default.</summary>
    public bool Validate { get; set; }

    /// <summary>
    /// The HTTP handler every call goes through (a proxy, the host's handlers from <c>IHttpClientFactory</c>, as the
    /// hosting package sets it); null for the client's own. Not disposed by the client.
    /// </summary>
    public System.Net.Http.HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>
    /// The merchant API certificate, presented as the TLS client certificate on the APIv2 operations that need it (the ones
    /// WeChat Pay documents with 证书: red packets, payments to employees, refunds, profit sharing, …) and on no other call:
    /// the path of <c>apiclient_cert.p12</c> (with its own key), or <c>apiclient_cert.pem</c>'s text or path (whose key is
    /// <see cref="MerchantPrivateKey"/>). Checked at start: it has its key, that key is the merchant key, it is valid. Null
    /// (the default) when no such operation is called. With your own <see cref="HttpMessageHandler"/>, give
    /// <see cref="CertificateHttpMessageHandler"/> instead (or as well).
    /// </summary>
    public string? MerchantCertificate { get; set; }

    /// <summary>The password of <see cref="MerchantCertificate"/> as a <c>.p12</c>; null for the merchant id, WeChat Pay's default.</summary>
    public string? MerchantCertificatePassword { get; set; }

    /// <summary>
    /// The HTTP handler the operations that need the merchant's client certificate go through when <see cref="HttpMessageHandler"/>
    /// is yours (the client adds no certificate to a handler it does not own): one that presents the merchant API certificate
    /// (for example <c>new HttpClientHandler { ClientCertificates = { certificate } }</c>, with your proxy and trust settings).
    /// Null for the client's own, built from <see cref="MerchantCertificate"/>. Not disposed by the client.
    /// </summary>
    public System.Net.Http.HttpMessageHandler? CertificateHttpMessageHandler { get; set; }

    /// <summary>A copy of these options (every setting, the platform keys in a dictionary of their own).</summary>
    internal WeChatPayOptions Clone()
    {
        var copy = (WeChatPayOptions)MemberwiseClone();
        copy._platformKeys = new Dictionary<string, string>(_platformKeys, StringComparer.Ordinal);
        return copy;
    }
}
