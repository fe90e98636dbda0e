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

    private readonly CallPipeline _pipeline;
    private readonly RsaPrivateKey _merchantKey;
    private readonly string? _apiV3Key;

    public NotificationReader(CallPipeline pipeline)
    {
        _pipeline = pipeline;
        _merchantKey = pipeline.MerchantKey;
        _apiV3Key = pipeline.ApiV3Key;
    }

    /// <summary>Reads one callback.</summary>
    /// <exception cref="InvalidOperationException">No APIv3 key is configured.</exception>
    /// <exception cref="WeChatPaySignatureException">The callback failed verification: do not act on it.</exception>
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
        await _pipeline.VerifyAsync(headers, body, keys, cancellationToken,
            (check, reason) => new WeChatPaySignatureException(check, reason, Method, Url, null, text, headers)).ConfigureAwait(false);

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
            throw new WeChatPayException($"The callback resource does not decrypt with the APIv3 key ({e.Message}); check WeChatPayOptions.ApiV3Key.", Method, Url, null, text, headers, e);
        }

        var payload = WeChatPayJson.TryParse(plaintext);
        var decrypted = new List<string>();
        var webhook = eventType is null ? null : OperationCatalog.Default.FindWebhook(eventType);
        if (payload is not null && webhook is not null)
        {
            JsonFields.DecryptMerchantFields(payload, webhook.Decrypt, _merchantKey, decrypted, (path, e) =>
                new WeChatPayException($"The callback field {path} does not decrypt with the merchant private key ({e.Message}).", Method, Url, null, text, headers, e));
        }
        return new WeChatPayNotification(json, text, plaintext, payload, decrypted);
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
