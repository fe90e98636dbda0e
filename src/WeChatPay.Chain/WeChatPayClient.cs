using WeChatPay.Chain.Shared;
using System;
using System.Collections.Generic;
using WeChatPay.Chain.Paths;
using WeChatPay.Chain.Notifications;
using WeChatPay.Chain.Http;

namespace WeChatPay.Chain;

/// <summary>
/// The WeChat Pay APIv3 client: the URL is the call. <c>wxpay.V3.Pay.Transactions.Jsapi.PostAsync(body)</c>,
/// <c>wxpay.Chain("v3/pay/transactions/jsapi").PostAsync(body)</c> and <c>wxpay["v3/pay/transactions/jsapi"].PostAsync(body)</c>
/// are the same call: signed, sent, and its answer verified. One client is meant to live as long as the application.
/// </summary>
public sealed partial class WeChatPayClient : IDisposable
{
    private readonly ClientSetup _setup;
    private readonly CallPipeline _pipeline;
    private readonly WeChatPayNode _root;
    private readonly NotificationReader _notifications;

    /// <summary>Loads the keys once and checks the configuration.</summary>
    /// <exception cref="ArgumentException">An option is missing or wrong; the message names it and says what to fix (never the key itself).</exception>
    public WeChatPayClient(WeChatPayOptions options)
    {
        _setup = new ClientSetup(options);
        _pipeline = _setup.Pipeline;
        _root = new WeChatPayNode(_pipeline, PathTemplate.Root);
        _notifications = new NotificationReader(_setup.MerchantId, _setup.Scheme, _setup.Signatures, _setup.PlatformKeys, _setup.MerchantKey, _setup.ApiV3Key,
            _setup.ApiV2Key, _setup.NotificationClaims, _setup.Clock, QueryAsync);
    }

    /// <summary>The APIv3 root: every member after it is a URL segment (<c>wxpay.V3.Papay.Sign.Contracts.PreEntrustSign</c>).</summary>
    /// <remarks>
    /// Typed from the catalog: completion offers the documented segments, and each member's documentation names the
    /// operations at and below it. A segment the catalog does not know is one step away: <c>wxpay.Chain("v3/…")</c>, the
    /// indexer, or the dynamic chain (<c>((dynamic)wxpay.V3).Anything</c>); every node is still a dynamic object.
    /// </remarks>
    public Nodes.V3 V3 => new Nodes.V3(_pipeline, PathTemplate.Root.AppendPath("v3"));

    /// <summary>
    /// The APIv2 root (<c>v2/…</c>, XML signed with <see cref="WeChatPayOptions.ApiV2Key"/>): every member after it is a URL segment,
    /// as after <see cref="V3"/> (<c>wxpay.V2.Pay.Micropay.PostAsync(body)</c>, <c>wxpay.V2.Mmpaymkttransfers.Sendredpack</c>).
    /// </summary>
    /// <remarks>
    /// Typed from the catalog like <see cref="V3"/>: completion offers the documented v2 segments, and each member's documentation
    /// names the operations at and below it, where they are sent, and which need the merchant's client certificate. The three
    /// camelCase segments are members spelled as written (<c>wxpay.V2.Secapi.Mch.addInstitutionsub</c>). A segment the catalog
    /// does not know: <c>wxpay.Chain("v2/…")</c>, the indexer, or <c>((dynamic)wxpay.V2).Anything</c>.
    /// </remarks>
    public Nodes.V2 V2 => new Nodes.V2(_pipeline, PathTemplate.Root.AppendPath("v2"));

    /// <summary>A path written as in the docs, e.g. <c>v3/papay/sign/contracts/pre-entrust-sign</c>; never case-mangled.</summary>
    /// <exception cref="ArgumentException">The path is empty or malformed.</exception>
    public WeChatPayNode this[string path] => _root.Chain(path);

    /// <summary>A path written as in the docs, e.g. <c>v3/papay/sign/contracts/pre-entrust-sign</c>; never case-mangled.</summary>
    /// <exception cref="ArgumentException">The path is empty or malformed.</exception>
    public WeChatPayNode Chain(string path) => _root.Chain(path);

    /// <summary>The merchant id (mchid) this client signs for: for the <c>mchid</c> fields of requests, and to tell merchants apart.</summary>
    public string MerchantId => _setup.MerchantId;

    /// <summary>The documented operations whose path or title contains <paramref name="text"/> (case-insensitive), e.g. <c>预签约</c> or <c>pre-entrust</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public IReadOnlyList<WeChatPayOperation> Search(string text) => WeChatPayOperation.Wrap(Catalog.OperationCatalog.Default.Search(text));

    /// <summary>The API base URL, ending with '/'.</summary>
    public string BaseUrl => _setup.BaseUrl;

    /// <summary>
    /// The id (<c>PUB_KEY_ID_…</c> or certificate serial) of the platform key that <see cref="Encrypt"/> uses; send it as
    /// <c>Wechatpay-Serial</c>. A client built without a platform key downloads the certificates first.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="WeChatPayOptions.EncryptionKeyId"/> names a key the client does not hold.</exception>
    /// <exception cref="WeChatPayException">The client holds no platform key and could not download one.</exception>
    public string EncryptionSerial => EncryptionKey().Id;

    /// <summary>
    /// Encrypts one sensitive value (RSA-OAEP, or SM2 for a 国密 merchant; base64) with the platform key named by
    /// <see cref="EncryptionSerial"/>, for fields the catalog does not mark.
    /// </summary>
    /// <exception cref="ArgumentException">The value is longer than the key can encrypt (214 UTF-8 bytes for RSA-2048).</exception>
    /// <exception cref="InvalidOperationException"><see cref="WeChatPayOptions.EncryptionKeyId"/> names a key the client does not hold.</exception>
    /// <exception cref="WeChatPayException">The client holds no platform key and could not download one.</exception>
    public string Encrypt(string plaintext) => EncryptionKey().Key.Encrypt(plaintext);

    /// <summary>The platform key ids the client holds now (configured, and in certificate mode downloaded), sorted.</summary>
    public IReadOnlyList<string> PlatformKeyIds => _setup.PlatformKeys.Current.Ids;

    private (string Id, Crypto.VerifyingKey Key) EncryptionKey()
    {
        var keys = _setup.PlatformKeys.Current;
        if (keys.IsEmpty) keys = SyncOverAsync.Run(() => _setup.PlatformKeys.ReadyAsync(System.Threading.CancellationToken.None)); // first use: download
        var id = keys.EncryptionKeyId ?? throw new InvalidOperationException("The client holds no platform key.");
        return keys.TryGet(id, out var key)
            ? (id, key)
            : throw new InvalidOperationException($"WeChatPayOptions.EncryptionKeyId names {id}, which is not a platform key the client holds (holding: {string.Join(", ", keys.Ids)}).");
    }

    /// <summary>Decrypts one value that WeChat Pay encrypted with the merchant's public key (RSA-OAEP, or SM2 for a 国密 merchant; base64).</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The value was not encrypted for the merchant key, or was altered.</exception>
    public string Decrypt(string ciphertext) => _setup.MerchantKey.Decrypt(ciphertext);

    /// <summary>
    /// Takes one delivery of a callback from start to end, and says what to answer WeChat Pay: verifies it exactly as WeChat
    /// Pay sent it (its <c>Wechatpay-*</c> headers and the raw body), decrypts its resource with <see cref="WeChatPayOptions.ApiV3Key"/>,
    /// claims it in <see cref="WeChatPayOptions.NotificationStore"/>, runs <paramref name="handler"/> under the claim (renewing
    /// its lease), and marks it done — or, when the handler throws, releases it so that WeChat Pay's next delivery is processed.
    /// A delivery of a notification that is done is answered 204 without running the handler; one that a handler is
    /// processing now (here or on another server) is answered 409, so that WeChat Pay sends it again later.
    /// </summary>
    /// <param name="header">Looks up a request header by name (case-insensitive), e.g. <c>name =&gt; Request.Headers[name]</c>.</param>
    /// <param name="body">The raw request body bytes.</param>
    /// <param name="handler">Processes the notification; throw to have WeChat Pay send it again. Its token is cancelled if its claim is lost.</param>
    /// <param name="cancellationToken">Cancels reading and the handler; pass a token that ends with the application, not with the request (WeChat Pay hangs up after about 5 s).</param>
    /// <returns>The outcome, with <see cref="WeChatPayNotificationReceipt.StatusCode"/> and <see cref="WeChatPayNotificationReceipt.Message"/> to answer WeChat Pay.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public System.Threading.Tasks.Task<WeChatPayNotificationReceipt> ReceiveNotificationAsync(Func<string, string?> header, byte[] body,
        Func<WeChatPayNotification, System.Threading.CancellationToken, System.Threading.Tasks.Task> handler, System.Threading.CancellationToken cancellationToken = default) =>
        _notifications.ReceiveAsync(header, body, handler, cancellationToken);

    /// <summary>
    /// Settles a payment or refund whose notification has not come, as WeChat Pay's integration checklist asks: unless it was
    /// settled before (by a notification or a query, on any client sharing the <see cref="WeChatPayOptions.NotificationStore"/>),
    /// queries it (<c>GET v3/pay/transactions/out-trade-no/{out_trade_no}</c>, <c>v3/refund/domestic/refunds/{out_refund_no}</c>,
    /// the partner forms with a sub-merchant) and, once its state is final, hands the answer to <paramref name="handler"/> as a
    /// notification (<see cref="WeChatPayNotification.FromQuery"/>) under the claim its notifications share: a notification
    /// and a query result are handled once between them. The hosting package's reconciler calls this on a schedule.
    /// </summary>
    /// <param name="settlement">The payment or refund.</param>
    /// <param name="handler">The same handler the notifications go to; throw to have it asked again.</param>
    /// <param name="cancellationToken">Cancels the query and the handler.</param>
    /// <returns><see cref="WeChatPayNotificationOutcome.Handled"/> or <see cref="WeChatPayNotificationOutcome.DoneBefore"/> when it is settled; <see cref="WeChatPayNotificationOutcome.NotSettled"/> (not final, or the query failed), <see cref="WeChatPayNotificationOutcome.InProgress"/>, <see cref="WeChatPayNotificationOutcome.HandlerFailed"/> or <see cref="WeChatPayNotificationOutcome.StoreUnavailable"/> to ask again later.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public System.Threading.Tasks.Task<WeChatPayNotificationReceipt> SettleByQueryAsync(WeChatPaySettlement settlement,
        Func<WeChatPayNotification, System.Threading.CancellationToken, System.Threading.Tasks.Task> handler, System.Threading.CancellationToken cancellationToken = default) =>
        _notifications.SettleByQueryAsync(settlement, handler, cancellationToken);

    // The documented query of a payment or refund, of the merchant's own or (with a sub_mchid) of a service provider's sub-merchant.
    private System.Threading.Tasks.Task<WeChatPayResponse> QueryAsync(WeChatPaySettlement settlement, System.Threading.CancellationToken cancellationToken)
    {
        if (settlement.IsRefund)
            return settlement.SubMerchantId is { } refundSub
                ? Chain("v3/refund/domestic/refunds")[settlement.Number].GetAsync(new { sub_mchid = refundSub }, cancellationToken: cancellationToken)
                : Chain("v3/refund/domestic/refunds")[settlement.Number].GetAsync(cancellationToken: cancellationToken);
        return settlement.SubMerchantId is { } sub
            ? Chain("v3/pay/partner/transactions/out-trade-no")[settlement.Number].GetAsync(new { sp_mchid = MerchantId, sub_mchid = sub }, cancellationToken: cancellationToken)
            : Chain("v3/pay/transactions/out-trade-no")[settlement.Number].GetAsync(new { mchid = MerchantId }, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Verifies a callback exactly as WeChat Pay sent it (its <c>Wechatpay-*</c> headers and the raw body), decrypts its
    /// resource with <see cref="WeChatPayOptions.ApiV3Key"/>, and claims it: process it, then call
    /// <see cref="CompleteNotificationAsync"/> (and answer 204) or, when processing failed, <see cref="ReleaseNotificationAsync"/>
    /// (and answer an error). A claim neither completed nor released expires after <see cref="WeChatPayOptions.NotificationLease"/>.
    /// <see cref="ReceiveNotificationAsync"/> does all of this in one call.
    /// </summary>
    /// <param name="header">Looks up a request header by name (case-insensitive), e.g. <c>name =&gt; Request.Headers[name]</c>.</param>
    /// <param name="body">The raw request body bytes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="header"/> or <paramref name="body"/> is null.</exception>
    /// <exception cref="InvalidOperationException">No APIv3 key is configured, or the callback is an APIv2 (XML) one and no APIv2 key is.</exception>
    /// <exception cref="WeChatPaySignatureException">The callback failed verification (an APIv2 one: its <c>sign</c>, or its <c>req_info</c> does not decrypt): do not act on it.</exception>
    /// <exception cref="WeChatPayNotificationException">It verified, but was processed before (answer 204), is being processed now, or cannot be claimed (answer an error).</exception>
    /// <exception cref="WeChatPayException">The body is not a notification, or its resource does not decrypt.</exception>
    public WeChatPayNotification ReadNotification(Func<string, string?> header, byte[] body) =>
        SyncOverAsync.Run(() => ReadNotificationAsync(header, body, System.Threading.CancellationToken.None));

    /// <summary>
    /// <see cref="ReadNotification(Func{string, string?}, byte[])"/> without blocking (an XML body is an APIv2 notification, see
    /// <see cref="WeChatPayNotification.EventType"/>): in certificate mode a callback signed by a
    /// certificate the client does not hold yet waits for one refresh instead of failing.
    /// </summary>
    /// <param name="header">Looks up a request header by name (case-insensitive), e.g. <c>name =&gt; Request.Headers[name]</c>.</param>
    /// <param name="body">The raw request body bytes.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <exception cref="ArgumentNullException"><paramref name="header"/> or <paramref name="body"/> is null.</exception>
    /// <exception cref="InvalidOperationException">No APIv3 key is configured, or the callback is an APIv2 (XML) one and no APIv2 key is.</exception>
    /// <exception cref="WeChatPaySignatureException">The callback failed verification (an APIv2 one: its <c>sign</c>, or its <c>req_info</c> does not decrypt): do not act on it.</exception>
    /// <exception cref="WeChatPayNotificationException">It verified, but was processed before (answer 204), is being processed now, or cannot be claimed (answer an error).</exception>
    /// <exception cref="WeChatPayException">The body is not a notification, or its resource does not decrypt.</exception>
    public async System.Threading.Tasks.Task<WeChatPayNotification> ReadNotificationAsync(Func<string, string?> header, byte[] body,
        System.Threading.CancellationToken cancellationToken = default)
    {
        var read = await _notifications.ReadAsync(header, body, cancellationToken).ConfigureAwait(false);
        return read.Notification ?? throw read.Error!;
    }

    /// <summary>Verifies, decrypts and claims a callback given its headers and its body text (UTF-8), as <see cref="ReadNotification(Func{string, string?}, byte[])"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> or <paramref name="body"/> is null.</exception>
    /// <exception cref="InvalidOperationException">No APIv3 key is configured, or the callback is an APIv2 (XML) one and no APIv2 key is.</exception>
    /// <exception cref="WeChatPaySignatureException">The callback failed verification (an APIv2 one: its <c>sign</c>, or its <c>req_info</c> does not decrypt): do not act on it.</exception>
    /// <exception cref="WeChatPayNotificationException">It verified, but was processed before (answer 204), is being processed now, or cannot be claimed (answer an error).</exception>
    /// <exception cref="WeChatPayException">The body is not a notification, or its resource does not decrypt.</exception>
    public WeChatPayNotification ReadNotification(IEnumerable<KeyValuePair<string, string>> headers, string body)
    {
        if (headers is null) throw new ArgumentNullException(nameof(headers));
        if (body is null) throw new ArgumentNullException(nameof(body));
        var lookup = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in headers) lookup[pair.Key] = pair.Value;
        return ReadNotification(name => lookup.TryGetValue(name, out var value) ? value : null, System.Text.Encoding.UTF8.GetBytes(body));
    }

    /// <summary>
    /// Marks a notification that <see cref="ReadNotificationAsync"/> claimed as processed: every later delivery of it is
    /// <see cref="WeChatPayNotificationOutcome.DoneBefore"/> for <see cref="WeChatPayOptions.NotificationMemoryTime"/>.
    /// </summary>
    /// <returns>Null, or what kept it from being recorded (the store unreachable, the claim expired before).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="notification"/> is null.</exception>
    public System.Threading.Tasks.Task<string?> CompleteNotificationAsync(WeChatPayNotification notification) =>
        _notifications.CompleteAsync(notification ?? throw new ArgumentNullException(nameof(notification)));

    /// <summary>
    /// Releases a notification that <see cref="ReadNotificationAsync"/> claimed but that you could not process (answer WeChat
    /// Pay with an error then), so that its next delivery is processed.
    /// </summary>
    /// <returns>Null, or what kept it from being released (it is then released when its lease expires).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="notification"/> is null.</exception>
    public System.Threading.Tasks.Task<string?> ReleaseNotificationAsync(WeChatPayNotification notification) =>
        _notifications.ReleaseAsync(notification ?? throw new ArgumentNullException(nameof(notification)));

    /// <summary>
    /// Downloads the platform certificates (<c>GET v3/certificates</c>): each decrypted with <see cref="WeChatPayOptions.ApiV3Key"/>,
    /// its serial checked, the answer verified with a configured platform key or, when <c>Wechatpay-Serial</c> names none, with the
    /// listed certificate of that serial (the documented first-contact bootstrap). Expired certificates are left out. Save each
    /// <see cref="WeChatPayPlatformCertificate.Pem"/> and configure it under its <see cref="WeChatPayPlatformCertificate.SerialNumber"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No APIv3 key is configured, or <see cref="WeChatPayOptions.PublicKeysOnly"/> is on.</exception>
    /// <exception cref="WeChatPaySignatureException">The answer failed verification: do not use these certificates.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, the call failed, or a certificate does not decrypt or is not the one its serial_no names.</exception>
    public System.Threading.Tasks.Task<IReadOnlyList<WeChatPayPlatformCertificate>> DownloadCertificatesAsync(System.Threading.CancellationToken cancellationToken = default) =>
        _setup.PublicKeysOnly
            ? throw new InvalidOperationException("WeChatPayOptions.PublicKeysOnly is on: this client never downloads platform certificates.")
            : _setup.PlatformKeys.DownloadAsync(cancellationToken);

    /// <summary>
    /// Certificate mode: downloads the platform certificates now (as the schedule would) and holds them; calls already under
    /// way wait for nothing. Returns the certificates held afterwards.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client does not refresh certificates (no APIv3 key, refresh off, or public-key mode).</exception>
    /// <exception cref="WeChatPaySignatureException">The answer failed verification; the keys held are kept.</exception>
    /// <exception cref="WeChatPayException">The download failed; the keys held are kept.</exception>
    public async System.Threading.Tasks.Task<IReadOnlyList<WeChatPayPlatformCertificate>> RefreshCertificatesAsync(System.Threading.CancellationToken cancellationToken = default)
    {
        var keys = await _setup.PlatformKeys.RefreshAsync(CertificateRefreshReason.Requested, cancellationToken).ConfigureAwait(false);
        var held = new WeChatPayPlatformCertificate[keys.Downloaded.Count];
        for (var i = 0; i < held.Length; i++) held[i] = keys.Downloaded[i].Certificate;
        return held;
    }

    /// <summary>
    /// Downloads the file an apply call answered with (<c>v3/bill/tradebill</c>, <c>v3/bill/fundflowbill</c>,
    /// <c>v3/profitsharing/bills</c>, receipts…) from its <c>download_url</c>, streamed to <paramref name="destination"/>, and
    /// checks it against the answer's <c>hash_type</c>/<c>hash_value</c> (computed over the original file, decompressed for gzip).
    /// </summary>
    /// <param name="applied">The apply call's answer.</param>
    /// <param name="destination">Where the file goes; written, not disposed. On a digest mismatch it holds bytes that must not be used.</param>
    /// <param name="decompress">Write a gzip bill (<c>tar_type=GZIP</c>) decompressed; otherwise as sent.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="ArgumentException">The answer has no <c>download_url</c>, or it points outside <see cref="BaseUrl"/> or would not be sent as written (a dot segment, a control character).</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, the call failed, or the digest does not match.</exception>
    public System.Threading.Tasks.Task<WeChatPayDownload> DownloadBillAsync(WeChatPayResponse applied, System.IO.Stream destination, bool decompress = false,
        System.Threading.CancellationToken cancellationToken = default) =>
        new Files.AppliedDownload(_pipeline, _setup.MerchantKey, _setup.BaseUrl, _setup.BasePath).DownloadAsync(applied ?? throw new ArgumentNullException(nameof(applied)),
            destination ?? throw new ArgumentNullException(nameof(destination)), decompress, cancellationToken);

    /// <summary>
    /// <see cref="DownloadBillAsync"/> into a file, written as <c>path.partial</c> and moved to <paramref name="path"/> only
    /// once complete and its digest checked: a bill that does not match never lies at <paramref name="path"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The answer has no <c>download_url</c>, or it points outside <see cref="BaseUrl"/> or would not be sent as written; the path is empty or its directory missing.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, the call failed, or the digest does not match.</exception>
    public System.Threading.Tasks.Task<WeChatPayDownload> DownloadBillToFileAsync(WeChatPayResponse applied, string path, bool decompress = false,
        System.Threading.CancellationToken cancellationToken = default) =>
        Files.FileTarget.WriteAsync(path, file => DownloadBillAsync(applied, file, decompress, cancellationToken));

    internal ClientSetup Setup => _setup;

    /// <summary>Releases the HTTP connections.</summary>
    public void Dispose() => _setup.Dispose();
}
