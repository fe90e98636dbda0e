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

/// <summary>Verifies a callback like an answer (headers, ±300 s, key by serial, signature over the raw body), then AES-GCM-decrypts its resource with the APIv3 key.</summary>
internal sealed class NotificationReader
{
    private const string Method = "POST";
    private const string Url = "(callback)";

    /// <summary>How long a nonce is remembered: the ±300 s window both ways.</summary>
    private static readonly TimeSpan NonceMemoryTime = TimeSpan.FromSeconds(2 * ResponseVerifier.MaxClockSkewSeconds);

    /// <summary>How long the configured memory may take before this client's own is used instead.</summary>
    private static readonly TimeSpan MemoryTimeout = TimeSpan.FromSeconds(3);

    private readonly CallPipeline _pipeline;
    private readonly RsaPrivateKey _merchantKey;
    private readonly string? _apiV3Key;
    private readonly InMemoryNotificationMemory _own;
    private readonly IWeChatPayNotificationMemory? _shared;

    public NotificationReader(CallPipeline pipeline)
    {
        _pipeline = pipeline;
        _merchantKey = pipeline.MerchantKey;
        _apiV3Key = pipeline.ApiV3Key;
        _own = new InMemoryNotificationMemory(pipeline.Clock);
        _shared = pipeline.NotificationMemory;
    }

    /// <summary>Reads one callback.</summary>
    /// <exception cref="InvalidOperationException">No APIv3 key is configured.</exception>
    /// <exception cref="WeChatPaySignatureException">The callback failed verification, or was accepted before (<see cref="SignatureCheck.Replayed"/>): do not act on it.</exception>
    /// <exception cref="WeChatPayException">The body is not a WeChat Pay notification, or its resource does not decrypt.</exception>
    public async Task<WeChatPayNotification> ReadAsync(Func<string, string?> header, byte[] body, CancellationToken cancellationToken)
    {
        if (header is null) throw new ArgumentNullException(nameof(header));
        if (body is null) throw new ArgumentNullException(nameof(body));
        if (_apiV3Key is null)
            throw new InvalidOperationException("Reading callbacks needs the APIv3 key: set WeChatPayOptions.ApiV3Key.");
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
            throw new WeChatPaySignatureException(failure.Check,
                failure.Check == SignatureCheck.Signature ? failure.Reason + "; " + WhySignatureFails(text) : failure.Reason, Method, Url, null, text, headers);

        WeChatPayException NotANotification(string what) =>
            new WeChatPayException($"The callback verified but is not a WeChat Pay notification: {what}.", Method, Url, null, text, headers);
        if (!(WeChatPayJson.TryParse(text) is JObject json))
            throw NotANotification("the body is not a JSON object with a resource");
        if (!(json["resource"] is JObject resource))
            throw NotANotification("it has no resource object");
        var ciphertext = StringField(resource, "ciphertext", required: true, NotANotification)!;
        var resourceNonce = StringField(resource, "nonce", required: true, NotANotification)!;
        var associatedData = StringField(resource, "associated_data", required: false, NotANotification) ?? string.Empty;
        var eventType = StringField(json, "event_type", required: false, NotANotification);

        string plaintext;
        try
        {
            plaintext = AesGcm256.Decrypt(_apiV3Key, resourceNonce, associatedData, ciphertext);
        }
        catch (CryptographicException e)
        {
            // The signature held, so the ciphertext is exactly what WeChat Pay sent: the key is what differs.
            throw new WeChatPayException(
                $"The callback verified (it is WeChat Pay's and unaltered) but its resource does not decrypt ({e.Message}): WeChatPayOptions.ApiV3Key is most likely " +
                "not this merchant's APIv3 key (set in the merchant platform: Account Center > API Security > APIv3 key).", Method, Url, null, text, headers, e);
        }

        var payload = WeChatPayJson.TryParse(plaintext);
        var decrypted = new List<string>();
        var webhook = eventType is null ? null : OperationCatalog.Default.FindWebhook(eventType);
        if (payload is not null && webhook is not null)
        {
            JsonFields.DecryptMerchantFields(payload, webhook.Decrypt, _merchantKey, decrypted, (path, e) =>
                new WeChatPayException($"The callback field {path} does not decrypt with the merchant private key ({e.Message}).", Method, Url, null, text, headers, e));
        }
        // Accepted once: the nonce first (a byte-for-byte replay), then the id (the same notification sent again).
        var memoryKeys = MemoryKeys(headers["Wechatpay-Nonce"], (string?)(json["id"] as JValue));
        for (var i = 0; i < memoryKeys.Length; i++)
        {
            var (key, keepFor, what) = memoryKeys[i];
            if (!await RememberAsync(key, keepFor, cancellationToken).ConfigureAwait(false))
                throw new WeChatPaySignatureException(SignatureCheck.Replayed,
                    $"{what} was accepted before; do not process it again (answer WeChat Pay with success if it is retrying one you processed)",
                    Method, Url, null, text, headers);
        }
        return new WeChatPayNotification(json, text, plaintext, payload, decrypted, Array.ConvertAll(memoryKeys, k => k.Key));
    }

    /// <summary>Forgets a notification, so that WeChat Pay's next delivery of it is accepted (after its processing failed).</summary>
    public async Task ForgetAsync(WeChatPayNotification notification, CancellationToken cancellationToken)
    {
        foreach (var key in notification.MemoryKeys)
        {
            await _own.ForgetAsync(key, cancellationToken).ConfigureAwait(false);
            if (_shared is not null) await Bounded.TryAsync(token => _shared.ForgetAsync(key, token), MemoryTimeout).ConfigureAwait(false);
        }
    }

    private (string Key, TimeSpan KeepFor, string What)[] MemoryKeys(string nonce, string? id)
    {
        var prefix = "wechatpay:" + _pipeline.MerchantId + ":notification:";
        var nonceKey = (prefix + "nonce:" + nonce, NonceMemoryTime, $"a callback with nonce {nonce}");
        return string.IsNullOrEmpty(id)
            ? new[] { nonceKey }
            : new[] { nonceKey, (prefix + "id:" + id, _pipeline.NotificationMemoryTime, $"notification {id}") };
    }

    // The shared memory when it answers within MemoryTimeout, else this client's own (which also remembers every key, so
    // that a replay to this server is caught even while the shared memory is away).
    private async Task<bool> RememberAsync(string key, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        var ownNew = await _own.TryRememberAsync(key, keepFor, cancellationToken).ConfigureAwait(false);
        if (_shared is null) return ownNew;
        var (answered, sharedNew, _) = await Bounded.TryAsync(token => _shared.TryRememberAsync(key, keepFor, token), MemoryTimeout).ConfigureAwait(false);
        return ownNew && (!answered || sharedNew); // seen by either: a replay (the shared memory may have lost what this one kept)
    }

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

    // A string property of the notification; any other JSON type is a clear error, not a cast exception.
    private static string? StringField(JObject json, string name, bool required, Func<string, WeChatPayException> fail)
    {
        var token = json[name];
        if (token is null || token.Type == JTokenType.Null)
            return required ? throw fail($"{name} is missing") : null;
        if (token.Type != JTokenType.String)
            throw fail($"{name} is {token.Type.ToString().ToLowerInvariant()}, not a string");
        return (string?)token;
    }
}
