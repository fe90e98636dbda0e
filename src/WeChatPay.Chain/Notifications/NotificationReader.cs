using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Http;

namespace WeChatPay.Chain.Notifications
{
    /// <summary>Verifies a callback like an answer (headers, ±300 s, key by serial, signature over the raw body), then AES-GCM-decrypts its resource with the APIv3 key.</summary>
    internal sealed class NotificationReader
    {
        private const string Method = "POST";
        private const string Url = "(callback)";
        private const string ResourcePrefix = "body.resource.ciphertext.";

        private readonly ResponseVerifier _verifier;
        private readonly RsaPrivateKey _merchantKey;
        private readonly string? _apiV3Key;

        public NotificationReader(ResponseVerifier verifier, RsaPrivateKey merchantKey, string? apiV3Key)
        {
            _verifier = verifier;
            _merchantKey = merchantKey;
            _apiV3Key = apiV3Key;
        }

        /// <summary>Reads one callback.</summary>
        /// <exception cref="InvalidOperationException">No APIv3 key is configured.</exception>
        /// <exception cref="WeChatPaySignatureException">The callback failed verification: do not act on it.</exception>
        /// <exception cref="WeChatPayException">The body is not a WeChat Pay notification, or its resource does not decrypt.</exception>
        public WeChatPayNotification Read(Func<string, string?> header, byte[] body)
        {
            if (_apiV3Key is null)
                throw new InvalidOperationException("Reading callbacks needs the APIv3 key: set WeChatPayOptions.ApiV3Key.");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in new[] { "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial", "Request-ID" })
            {
                var value = header(name);
                if (value is not null) headers[name] = value;
            }
            var text = Encoding.UTF8.GetString(body);
            if (!_verifier.TryVerify(header("Wechatpay-Timestamp"), header("Wechatpay-Nonce"), header("Wechatpay-Signature"), header("Wechatpay-Serial"), body, out var check, out var reason))
                throw new WeChatPaySignatureException(check, reason, Method, Url, null, text, headers);

            if (!(WeChatPayJson.TryParse(text) is JObject json) || !(json["resource"] is JObject resource))
                throw new WeChatPayException("The callback body is not a WeChat Pay notification (no resource object).", Method, Url, null, text, headers);

            string plaintext;
            try
            {
                plaintext = AesGcm256.Decrypt(_apiV3Key, (string?)resource["nonce"] ?? string.Empty,
                    (string?)resource["associated_data"] ?? string.Empty, (string?)resource["ciphertext"] ?? string.Empty);
            }
            catch (CryptographicException e)
            {
                throw new WeChatPayException($"The callback resource does not decrypt with the APIv3 key ({e.Message}); check WeChatPayOptions.ApiV3Key.", Method, Url, null, text, headers, e);
            }

            var payload = WeChatPayJson.TryParse(plaintext);
            var decrypted = new List<string>();
            var webhook = json["event_type"] is JValue type ? OperationCatalog.Default.FindWebhook((string?)type ?? string.Empty) : null;
            if (payload is not null && webhook is not null)
            {
                foreach (var path in webhook.Decrypt.Where(p => p.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
                {
                    try
                    {
                        FieldPaths.Apply(payload, path.Substring(ResourcePrefix.Length), _merchantKey.Decrypt, decrypted);
                    }
                    catch (Exception e) when (e is CryptographicException || e is ArgumentException)
                    {
                        throw new WeChatPayException($"The callback field {path} does not decrypt with the merchant private key ({e.Message}).", Method, Url, null, text, headers, e);
                    }
                }
            }
            return new WeChatPayNotification(json, text, plaintext, payload, decrypted);
        }
    }
}
