using WeChatPay.Chain.Shared;
using WeChatPay.Chain.Certificates;
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
/// body), decrypts its resource with the APIv3 key by the scheme's AEAD, and claims it (<see cref="NotificationClaims"/>). Every way
/// this can end is a <see cref="WeChatPayNotificationReceipt"/>, not an exception; <see cref="ReceiveAsync"/> then runs
/// the handler under the claim and completes or releases it (NotificationReader.Handling.cs), and
/// <see cref="SettleByQueryAsync"/> does the same for a query's answer (NotificationReader.Query.cs).
/// </summary>
internal sealed partial class NotificationReader
{
    private const string Method = "POST";
    private const string Url = "(callback)";

    private readonly string _merchantId;
    private readonly Scheme _scheme;
    private readonly SignedAnswers _signatures;
    private readonly Certificates.PlatformKeyRing _platformKeys;
    private readonly SigningKey _merchantKey;
    private readonly string? _apiV3Key;
    private readonly string? _apiV2Key;
    private readonly NotificationClaims? _claims;
    private readonly TimeProvider _clock;
    private readonly Func<WeChatPaySettlement, CancellationToken, Task<WeChatPayResponse>> _query;

    // What it uses, not the pipeline: the signature check (with its refresh), the keys, the claims, and a query for settling.
    public NotificationReader(string merchantId, Scheme scheme, SignedAnswers signatures, Certificates.PlatformKeyRing platformKeys, SigningKey merchantKey, string? apiV3Key,
        string? apiV2Key, NotificationClaims? claims, TimeProvider clock, Func<WeChatPaySettlement, CancellationToken, Task<WeChatPayResponse>> query)
    {
        _merchantId = merchantId;
        _scheme = scheme;
        _signatures = signatures;
        _platformKeys = platformKeys;
        _merchantKey = merchantKey;
        _apiV3Key = apiV3Key;
        _apiV2Key = apiV2Key;
        _claims = claims;
        _clock = clock;
        _query = query;
    }

    /// <summary>Reads, verifies, decrypts and claims one delivery; <see cref="WeChatPayNotificationOutcome.Verified"/> holds the claimed notification.</summary>
    public async Task<WeChatPayNotificationReceipt> ReadAsync(Func<string, string?> header, byte[] body, CancellationToken cancellationToken)
    {
        if (header is null) throw new ArgumentNullException(nameof(header));
        if (body is null) throw new ArgumentNullException(nameof(body));
        if (IsApiV2(body)) return await ReadApiV2Async(body, cancellationToken).ConfigureAwait(false);
        if (_apiV3Key is null || _claims is null)
            return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.Misconfigured, "the merchant's server is not configured to read notifications",
                error: new InvalidOperationException("Reading callbacks needs the APIv3 key: set WeChatPayOptions.ApiV3Key."));
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial", "Wechatpay-Signature-Type", "Request-ID" })
        {
            var value = header(name);
            if (value is not null) headers[name] = value;
        }
        var text = Encoding.UTF8.GetString(body);
        var keys = await _platformKeys.ReadyAsync(cancellationToken).ConfigureAwait(false);
        if (await _signatures.VerifyAsync(keys, headers, body, callback: true, cancellationToken).ConfigureAwait(false) is { } failure)
            return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.NotWeChatPay, $"verification failed ({failure.Check})",
                error: new WeChatPaySignatureException(failure.Check,
                    failure.Check == SignatureCheck.Signature && OfThisScheme(headers) ? failure.Reason + "; " + WhySignatureFails(text) : failure.Reason,
                    Method, Url, null, text, headers));

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
        var algorithm = StringField(resource, "algorithm", required: false);
        var eventType = StringField(json, "event_type", required: false);
        var id = StringField(json, "id", required: false);
        if ((ciphertext.Problem ?? resourceNonce.Problem ?? associatedData.Problem ?? algorithm.Problem ?? eventType.Problem ?? id.Problem) is { } malformed)
            return NotANotification(malformed);
        if (algorithm.Value is not null && algorithm.Value != _scheme.AeadAlgorithm)
            return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.DoesNotDecrypt, "the notification could not be decrypted", error: new WeChatPayException(
                $"The callback verified but its resource uses {algorithm.Value}, while this client's merchant uses {_scheme.Name}, whose callbacks come with " +
                $"{_scheme.AeadAlgorithm}: configure the client with the merchant key of the scheme WeChat Pay enabled for this merchant.", Method, Url, null, text, headers));

        string plaintext;
        try
        {
            plaintext = _scheme.Open(_apiV3Key, resourceNonce.Value!, associatedData.Value ?? string.Empty, ciphertext.Value!);
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

        var key = NotificationSubject.Key(_merchantId, json, payload, headers["Wechatpay-Nonce"]);
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

    // Whether the callback names no scheme or the merchant's: another scheme is the reason it failed, not an altered body.
    private bool OfThisScheme(Dictionary<string, string> headers) =>
        !headers.TryGetValue("Wechatpay-Signature-Type", out var type) || type == _scheme.Name;

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
