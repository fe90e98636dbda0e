using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Sandbox;

/// <content>Callback notifications, signed and encrypted as WeChat Pay sends them.</content>
public sealed partial class WeChatPaySandbox
{
    // How long SendCallbackAsync, RetryCallbackAsync and ReplayCallbackAsync wait for an answer.
    private static readonly TimeSpan CallbackTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// POSTs a callback notification to <paramref name="url"/> as WeChat Pay does:
    /// <c>{id, create_time, resource_type:"encrypt-resource", event_type, summary, resource:{original_type, algorithm:"AEAD_AES_256_GCM", ciphertext, associated_data, nonce}}</c>,
    /// the resource AEAD_AES_256_GCM-encrypted with the APIv3 key (AEAD_SM4_GCM in <see cref="SandboxScheme.Sm"/>), the body
    /// signed with the platform key in the <c>Wechatpay-*</c> headers. Faults do not apply to callbacks.
    /// </summary>
    /// <param name="url">The receiver, an absolute http(s) URL (the merchant's <c>notify_url</c>).</param>
    /// <param name="eventType">The event type, e.g. <c>TRANSACTION.SUCCESS</c> or <c>PAPAY.SIGN</c>; the catalog gives its <c>original_type</c> and summary when it documents it.</param>
    /// <param name="resourcePlaintext">The resource before encryption: JSON text, or an object serialized with the library's settings.</param>
    /// <param name="ct">Cancels the delivery.</param>
    /// <returns>The status and body the receiver answered.</returns>
    /// <exception cref="ArgumentException">The URL is not an absolute http(s) URL, or the event type is empty.</exception>
    /// <exception cref="HttpRequestException">The receiver could not be reached.</exception>
    /// <exception cref="ObjectDisposedException">The sandbox was disposed.</exception>
    public async Task<SandboxCallbackResult> SendCallbackAsync(string url, string eventType, object resourcePlaintext, CancellationToken ct = default)
    {
        var target = Receiver(url);
        var notification = BuildNotification(eventType, resourcePlaintext);
        return await DeliverAsync(target, notification.Id, notification.EventType, notification.Body, SignedHeaders(notification.Body), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a notification again as WeChat Pay retries one it got no 2xx for: the same body (same <c>id</c>), signed anew
    /// (a new timestamp and nonce). A receiver that already processed it should acknowledge without processing it again.
    /// </summary>
    /// <param name="previous">What an earlier <see cref="SendCallbackAsync"/> (or retry) returned.</param>
    /// <param name="url">The receiver, an absolute http(s) URL.</param>
    /// <param name="ct">Cancels the delivery.</param>
    /// <exception cref="ArgumentException">The URL is not an absolute http(s) URL.</exception>
    /// <exception cref="HttpRequestException">The receiver could not be reached.</exception>
    public Task<SandboxCallbackResult> RetryCallbackAsync(SandboxCallbackResult previous, string url, CancellationToken ct = default)
    {
        if (previous is null) throw new ArgumentNullException(nameof(previous));
        return DeliverAsync(Receiver(url), previous.NotificationId, previous.EventType, previous.SentBody, SignedHeaders(previous.SentBody), ct);
    }

    /// <summary>
    /// Sends byte for byte the request an earlier delivery sent, headers and signature included: what an attacker who
    /// captured it would replay within the ±300 s window. A receiver must not process it again.
    /// </summary>
    /// <param name="previous">What an earlier <see cref="SendCallbackAsync"/> (or retry) returned.</param>
    /// <param name="url">The receiver, an absolute http(s) URL.</param>
    /// <param name="ct">Cancels the delivery.</param>
    /// <exception cref="ArgumentException">The URL is not an absolute http(s) URL.</exception>
    /// <exception cref="HttpRequestException">The receiver could not be reached.</exception>
    public Task<SandboxCallbackResult> ReplayCallbackAsync(SandboxCallbackResult previous, string url, CancellationToken ct = default)
    {
        if (previous is null) throw new ArgumentNullException(nameof(previous));
        return DeliverAsync(Receiver(url), previous.NotificationId, previous.EventType, previous.SentBody, previous.SentHeaders, ct);
    }

    // One notification as WeChat Pay builds it: its id, and the body every delivery of it sends (the resource encrypted once).
    private Notification BuildNotification(string eventType, object resourcePlaintext)
    {
        if (string.IsNullOrWhiteSpace(eventType))
            throw new ArgumentException("eventType is empty; give one such as TRANSACTION.SUCCESS.", nameof(eventType));
        if (resourcePlaintext is null) throw new ArgumentNullException(nameof(resourcePlaintext));

        var hook = OperationCatalog.Default.FindWebhook(eventType);
        var originalType = OriginalType(hook, eventType);
        var plaintext = resourcePlaintext as string ?? SandboxJson.Serialize(resourcePlaintext);
        var resourceNonce = SignedMessage.Nonce(12);
        var now = _clock.GetUtcNow();
        var id = "EV-" + now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture)
            + SignedMessage.Nonce(8).ToUpperInvariant();
        var notification = new JObject
        {
            ["id"] = id,
            ["create_time"] = WeChatTime.Rfc3339(now),
            ["resource_type"] = "encrypt-resource",
            ["event_type"] = eventType,
            ["summary"] = Summary(hook),
            ["resource"] = new JObject
            {
                ["original_type"] = originalType,
                ["algorithm"] = _keys.Rules.Aead,
                ["ciphertext"] = _keys.Rules.Seal(_keys.ApiV3Key, resourceNonce, originalType, plaintext),
                ["associated_data"] = originalType,
                ["nonce"] = resourceNonce,
            },
        };
        // What it says about an order or refund is what later queries answer, whether or not it is ever delivered.
        _server.Orders.Notified(eventType, plaintext);
        return new Notification(id, eventType, Encoding.UTF8.GetBytes(notification.ToString(Formatting.None)), ApiV2: false);
    }

    // A POST of the notification body (v3's JSON, or v2's XML) with the given headers, as WeChat Pay sends one.
    private static HttpRequestMessage NotificationRequest(Uri target, byte[] body, KeyValuePair<string, string>[] headers, bool apiV2 = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(apiV2 ? "text/xml" : "application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/4.0");
        foreach (var header in headers) request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return request;
    }

    private Uri Receiver(string url)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException("url must be an absolute http(s) URL.", nameof(url));
        return target;
    }

    // The headers of one delivery: a v2 notification's Request-ID (its sign or req_info is in the body), or v3's signed ones.
    private KeyValuePair<string, string>[] Headers(Notification notification) =>
        notification.ApiV2 ? new[] { new KeyValuePair<string, string>("Request-ID", RequestIds.Create()) } : SignedHeaders(notification.Body);

    // The Wechatpay-* headers over the body, signed now by the current platform identity.
    private KeyValuePair<string, string>[] SignedHeaders(byte[] body)
    {
        var timestamp = WeChatTime.UnixSeconds(_clock.GetUtcNow());
        var nonce = SignedMessage.Nonce();
        var platform = _keys.Platform;
        return new[]
        {
            new KeyValuePair<string, string>("Request-ID", RequestIds.Create()),
            new KeyValuePair<string, string>("Wechatpay-Nonce", nonce),
            new KeyValuePair<string, string>("Wechatpay-Signature", platform.Key.Sign(SignedMessage.Answer(timestamp, nonce, body))),
            new KeyValuePair<string, string>("Wechatpay-Timestamp", timestamp),
            new KeyValuePair<string, string>("Wechatpay-Serial", platform.Id),
            new KeyValuePair<string, string>("Wechatpay-Signature-Type", _keys.Rules.Name),
        };
    }

    private async Task<SandboxCallbackResult> DeliverAsync(Uri target, string id, string eventType, byte[] body,
        KeyValuePair<string, string>[] headers, CancellationToken ct)
    {
        using var request = NotificationRequest(target, body, headers);

        var where = target.GetLeftPart(UriPartial.Path);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(CallbackTimeout);
        try
        {
            using var response = await _callbackClient.SendAsync(request, limit.Token).ConfigureAwait(false);
            var answer = await response.Content.ReadAsStringAsync(limit.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            _log.Info($"callback {eventType} {id} -> POST {where} answered {status}");
            return new SandboxCallbackResult(id, eventType, status, answer, body, headers);
        }
        catch (HttpRequestException e)
        {
            _log.Info($"callback {eventType} {id} -> POST {where} failed: {e.HttpRequestError}");
            throw;
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            _log.Info($"callback {eventType} {id} -> POST {where} timed out");
            throw new TaskCanceledException($"The receiver did not answer within {CallbackTimeout.TotalSeconds} s.", new TimeoutException(e.Message, e));
        }
    }

    // The documented original_type of the event's resource, else the event's first word in lower case (transaction, refund, papay…).
    private static string OriginalType(CatalogWebhook? hook, string eventType)
    {
        var documented = hook?.BodyFields.FirstOrDefault(f => f.Name == "resource")?.Children
            .FirstOrDefault(f => f.Name == "original_type")?.Enum.FirstOrDefault();
        if (!string.IsNullOrEmpty(documented)) return documented;
        var dot = eventType.IndexOf('.');
        return (dot > 0 ? eventType.Substring(0, dot) : eventType).ToLowerInvariant();
    }

    // The page title up to its parenthesised event name: 支付成功(TRANSACTION.SUCCESS)通知(JSON) -> 支付成功.
    private static string Summary(CatalogWebhook? hook)
    {
        if (hook is null) return "通知";
        var title = hook.Title;
        var dash = title.LastIndexOf('-');
        if (dash >= 0) title = title.Substring(dash + 1);
        var paren = title.IndexOfAny(new[] { '(', '（' });
        var summary = (paren > 0 ? title.Substring(0, paren) : title).Trim();
        return summary.Length == 0 ? "通知" : summary;
    }

    /// <summary>A notification built once: its <c>id</c> (a v2 one's <c>nonce_str</c>), event type and body; each delivery of a v3 one signs the body anew.</summary>
    private sealed record Notification(string Id, string EventType, byte[] Body, bool ApiV2);
}
