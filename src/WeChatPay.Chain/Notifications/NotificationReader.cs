using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Http;

namespace WeChatPay.Chain.Notifications;

/// <summary>
/// Reads one delivery of a callback: verifies it like an answer (headers, ±300 s, key by serial, signature over the raw
/// body), AES-GCM-decrypts its resource with the APIv3 key, and claims it (<see cref="NotificationClaims"/>). Every way
/// this can end is a <see cref="WeChatPayNotificationReceipt"/>, not an exception; <see cref="ReceiveAsync"/> then runs
/// the handler under the claim and completes or releases it.
/// </summary>
internal sealed class NotificationReader
{
    private const string Method = "POST";
    private const string Url = "(callback)";

    private readonly CallPipeline _pipeline;
    private readonly RsaPrivateKey _merchantKey;
    private readonly string? _apiV3Key;
    private readonly NotificationClaims? _claims;
    private readonly TimeProvider _clock;
    private readonly Func<WeChatPaySettlement, CancellationToken, Task<WeChatPayResponse>> _query;

    public NotificationReader(CallPipeline pipeline, NotificationClaims? claims, Func<WeChatPaySettlement, CancellationToken, Task<WeChatPayResponse>> query)
    {
        _query = query;
        _pipeline = pipeline;
        _merchantKey = pipeline.MerchantKey;
        _apiV3Key = pipeline.ApiV3Key;
        _claims = claims;
        _clock = pipeline.Clock;
    }

    /// <summary>Reads, verifies, decrypts and claims one delivery; <see cref="WeChatPayNotificationOutcome.Verified"/> holds the claimed notification.</summary>
    public async Task<WeChatPayNotificationReceipt> ReadAsync(Func<string, string?> header, byte[] body, CancellationToken cancellationToken)
    {
        if (header is null) throw new ArgumentNullException(nameof(header));
        if (body is null) throw new ArgumentNullException(nameof(body));
        if (_apiV3Key is null || _claims is null)
            return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.Misconfigured, "the merchant's server is not configured to read notifications",
                error: new InvalidOperationException("Reading callbacks needs the APIv3 key: set WeChatPayOptions.ApiV3Key."));
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial", "Request-ID" })
        {
            var value = header(name);
            if (value is not null) headers[name] = value;
        }
        var text = Encoding.UTF8.GetString(body);
        var keys = await _pipeline.PlatformKeys.ReadyAsync(cancellationToken).ConfigureAwait(false);
        if (!_pipeline.Verifier.TryVerify(keys, headers, body, out var check, out var reason)
            && await _pipeline.RecheckAsync(headers, body, keys, check, reason, cancellationToken).ConfigureAwait(false) is { } failure)
            return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.NotWeChatPay, $"verification failed ({failure.Check})",
                error: new WeChatPaySignatureException(failure.Check,
                    failure.Check == SignatureCheck.Signature ? failure.Reason + "; " + WhySignatureFails(text) : failure.Reason, Method, Url, null, text, headers));

        WeChatPayNotificationReceipt NotANotification(string what) =>
            new(WeChatPayNotificationOutcome.NotANotification, "not a WeChat Pay notification",
                error: new WeChatPayException($"The callback verified but is not a WeChat Pay notification: {what}.", Method, Url, null, text, headers));
        if (!(WeChatPayJson.TryParse(text) is JObject json))
            return NotANotification("the body is not a JSON object with a resource");
        if (!(json["resource"] is JObject resource))
            return NotANotification("it has no resource object");
        var ciphertext = StringField(resource, "ciphertext", required: true);
        var resourceNonce = StringField(resource, "nonce", required: true);
        var associatedData = StringField(resource, "associated_data", required: false);
        var eventType = StringField(json, "event_type", required: false);
        var id = StringField(json, "id", required: false);
        if ((ciphertext.Problem ?? resourceNonce.Problem ?? associatedData.Problem ?? eventType.Problem ?? id.Problem) is { } malformed)
            return NotANotification(malformed);

        string plaintext;
        try
        {
            plaintext = AesGcm256.Decrypt(_apiV3Key, resourceNonce.Value!, associatedData.Value ?? string.Empty, ciphertext.Value!);
        }
        catch (CryptographicException e)
        {
            // The signature held, so the ciphertext is exactly what WeChat Pay sent: the key is what differs.
            return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.DoesNotDecrypt, "the notification could not be decrypted", error: new WeChatPayException(
                $"The callback verified (it is WeChat Pay's and unaltered) but its resource does not decrypt ({e.Message}): WeChatPayOptions.ApiV3Key is most likely " +
                "not this merchant's APIv3 key (set in the merchant platform: Account Center > API Security > APIv3 key).", Method, Url, null, text, headers, e));
        }

        var payload = WeChatPayJson.TryParse(plaintext);
        var decrypted = new List<string>();
        var webhook = eventType.Value is null ? null : OperationCatalog.Default.FindWebhook(eventType.Value);
        if (payload is not null && webhook is not null)
        {
            try
            {
                JsonFields.DecryptMerchantFields(payload, webhook.Decrypt, _merchantKey, decrypted, (path, e) =>
                    new WeChatPayException($"The callback field {path} does not decrypt with the merchant private key ({e.Message}).", Method, Url, null, text, headers, e));
            }
            catch (WeChatPayException e)
            {
                return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.DoesNotDecrypt, "the notification could not be decrypted", error: e);
            }
        }

        var key = NotificationSubject.Key(_pipeline.MerchantId, json, payload, headers["Wechatpay-Nonce"]);
        var what = NotificationSubject.Describe(json);
        var (state, claim, problem) = await _claims.ClaimAsync(key, cancellationToken).ConfigureAwait(false);
        WeChatPayNotificationReceipt Refused(WeChatPayNotificationOutcome outcome, string message) =>
            new(outcome, message, error: new WeChatPayNotificationException(outcome, message, text, headers), storeProblem: problem);
        return state switch
        {
            ClaimState.Claimed => new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.Verified, $"{what} verified",
                new WeChatPayNotification(json, text, plaintext, payload, decrypted, claim, fromQuery: false), storeProblem: problem),
            ClaimState.Done => Refused(WeChatPayNotificationOutcome.DoneBefore, $"{what} was processed before; not processed again"),
            ClaimState.InProgress => Refused(WeChatPayNotificationOutcome.InProgress, $"{what} is being processed by another delivery; send it again later"),
            _ => Refused(WeChatPayNotificationOutcome.StoreUnavailable, $"{what} cannot be claimed now (the notification store is unreachable); send it again later"),
        };
    }

    /// <summary>Reads one delivery and, when it is this client's to process, runs <paramref name="handler"/> under its claim, then completes or releases it.</summary>
    public async Task<WeChatPayNotificationReceipt> ReceiveAsync(Func<string, string?> header, byte[] body,
        Func<WeChatPayNotification, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        if (handler is null) throw new ArgumentNullException(nameof(handler));
        var read = await ReadAsync(header, body, cancellationToken).ConfigureAwait(false);
        return read.Outcome == WeChatPayNotificationOutcome.Verified ? await HandleAsync(read, handler, cancellationToken).ConfigureAwait(false) : read;
    }

    /// <summary>
    /// Queries a payment or refund whose notification has not come and, once it is final, hands the answer to
    /// <paramref name="handler"/> as a notification (<see cref="WeChatPayNotification.FromQuery"/>) under the claim its
    /// notifications share: handled once between the notification and the query, across every client on the store.
    /// </summary>
    public async Task<WeChatPayNotificationReceipt> SettleByQueryAsync(WeChatPaySettlement settlement,
        Func<WeChatPayNotification, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        if (settlement is null) throw new ArgumentNullException(nameof(settlement));
        if (handler is null) throw new ArgumentNullException(nameof(handler));
        if (_claims is null)
            return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.Misconfigured, "settling by query needs the APIv3 key (the claims are signed with it)",
                error: new InvalidOperationException("Settling by query needs the APIv3 key: set WeChatPayOptions.ApiV3Key."));
        var key = settlement.ClaimKey(_pipeline.MerchantId);
        if (await _claims.IsDoneAsync(key).ConfigureAwait(false) == true)
            return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.DoneBefore, $"{settlement} was settled before");

        WeChatPayResponse answer;
        try
        {
            answer = await _query(settlement, cancellationToken).ConfigureAwait(false);
        }
        catch (WeChatPayException e)
        {
            return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.NotSettled, $"{settlement} could not be queried ({e.Code ?? e.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"})", error: e);
        }
        var resource = answer.Json as JObject;
        var state = (string?)(resource?[settlement.IsRefund ? "status" : "trade_state"] as JValue);
        var eventType = FinalEvent(settlement.IsRefund, state);
        if (resource is null || eventType is null)
            return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.NotSettled, $"{settlement} is not final yet ({state ?? "no state"})");

        var (claimState, claim, problem) = await _claims.ClaimAsync(key, cancellationToken).ConfigureAwait(false);
        var what = $"{settlement} ({eventType}, from a query)";
        if (claimState != ClaimState.Claimed)
            return new WeChatPayNotificationReceipt(claimState switch
            {
                ClaimState.Done => WeChatPayNotificationOutcome.DoneBefore,
                ClaimState.InProgress => WeChatPayNotificationOutcome.InProgress,
                _ => WeChatPayNotificationOutcome.StoreUnavailable,
            }, $"{what}: not handed over ({claimState})", storeProblem: problem);
        var json = new JObject
        {
            ["id"] = "QUERY-" + settlement,
            ["create_time"] = _clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            ["resource_type"] = "query-result",
            ["event_type"] = eventType,
            ["summary"] = state,
        };
        var notification = new WeChatPayNotification(json, answer.Body, resource.ToString(Newtonsoft.Json.Formatting.None), resource, answer.DecryptedFields, claim, fromQuery: true);
        return await HandleAsync(new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.Verified, what, notification, storeProblem: problem),
            handler, cancellationToken).ConfigureAwait(false);
    }

    // The notification event a final state stands for; null while it is not final.
    private static string? FinalEvent(bool refund, string? state) => refund
        ? state switch { "SUCCESS" or "CLOSED" or "ABNORMAL" => "REFUND." + state, _ => null }
        : state switch
        {
            "SUCCESS" or "REFUND" => "TRANSACTION.SUCCESS",
            "CLOSED" or "REVOKED" or "PAYERROR" => "TRANSACTION." + state,
            _ => null,
        };

    // Runs the handler of a claimed notification under its claim (renewing its lease), then completes or releases it.
    private async Task<WeChatPayNotificationReceipt> HandleAsync(WeChatPayNotificationReceipt read,
        Func<WeChatPayNotification, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        var notification = read.Notification!;
        var claim = notification.Claim!;
        string? lost = null;
        using var handling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The lease is renewed while the handler runs; once it cannot be (the claim expired and was taken), the handler is told to stop.
        async void Renew()
        {
            if (claim.Ended || lost is not null || await _claims!.RenewAsync(claim).ConfigureAwait(false)) return;
            lost = $"the claim on {claim.Key} was lost while its handler ran (the lease expired and another delivery took it)";
            try { handling.Cancel(); } catch (ObjectDisposedException) { }
        }

        using (_clock.CreateTimer(_ => Renew(), null, RenewEvery, RenewEvery))
        {
            try
            {
                await handler(notification, handling.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                var releaseProblem = await _claims!.ReleaseAsync(claim).ConfigureAwait(false);
                return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.HandlerFailed, "the merchant could not process the notification",
                    notification, e, Join(read.StoreProblem, Join(lost, releaseProblem)));
            }
        }
        var completeProblem = await _claims!.CompleteAsync(claim).ConfigureAwait(false);
        return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.Handled, $"{(notification.FromQuery ? read.Message : NotificationSubject.Describe(notification.Json))} processed",
            notification, storeProblem: Join(read.StoreProblem, Join(lost, completeProblem)));
    }

    /// <summary>Marks a notification read with <see cref="ReadAsync"/> processed: later deliveries are <see cref="WeChatPayNotificationOutcome.DoneBefore"/>.</summary>
    public Task<string?> CompleteAsync(WeChatPayNotification notification) =>
        notification.Claim is { } claim ? _claims!.CompleteAsync(claim) : Task.FromResult<string?>(null);

    /// <summary>Releases a notification read with <see cref="ReadAsync"/> whose processing failed: WeChat Pay's next delivery is processed.</summary>
    public Task<string?> ReleaseAsync(WeChatPayNotification notification) =>
        notification.Claim is { } claim ? _claims!.ReleaseAsync(claim) : Task.FromResult<string?>(null);

    private TimeSpan RenewEvery => TimeSpan.FromTicks(_claims!.Lease.Ticks / 3);

    private static string? Join(string? first, string? second) => first is null ? second : second is null ? first : first + "; " + second;

    // The likely cause of a signature that does not match a body: a framework's re-serialisation shows in its formatting
    // (WeChat Pay sends compact JSON); otherwise the body or the headers were altered after signing.
    private static string WhySignatureFails(string text)
    {
        var json = WeChatPayJson.TryParse(text);
        if (json is not null && json.ToString(Newtonsoft.Json.Formatting.None) != text && text.IndexOfAny(new[] { '\n', '\r', '\t' }) >= 0)
            return "the body has line breaks or indentation that WeChat Pay's compact JSON lacks, so it was most likely re-serialised " +
                "by a framework: pass the raw request body bytes, read before any model binding";
        return "the body or the Wechatpay-* headers were altered after WeChat Pay signed them (a tampered ciphertext, for example), " +
            "or the body is not the raw request bytes";
    }

    // A string property of the notification; any other JSON type is a problem to report, not a cast exception.
    private static (string? Value, string? Problem) StringField(JObject json, string name, bool required)
    {
        var token = json[name];
        if (token is null || token.Type == JTokenType.Null)
            return required ? (null, $"{name} is missing") : (null, null);
        if (token.Type != JTokenType.String)
            return (null, $"{name} is {token.Type.ToString().ToLowerInvariant()}, not a string");
        return ((string?)token, null);
    }
}
