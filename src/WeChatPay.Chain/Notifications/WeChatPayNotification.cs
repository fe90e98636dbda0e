using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain;

/// <summary>A verified, decrypted callback from WeChat Pay (e.g. <c>TRANSACTION.SUCCESS</c>, papay <c>ENTRUST.SIGN</c>).</summary>
public sealed class WeChatPayNotification
{
    internal WeChatPayNotification(JObject json, string body, string resourcePlaintext, JToken? resource, IReadOnlyList<string> decryptedFields,
        Notifications.NotificationClaim? claim, bool fromQuery, string? apiV2Kind = null)
    {
        _apiV2Kind = apiV2Kind;
        Claim = claim;
        FromQuery = fromQuery;
        Json = json;
        Body = body;
        ResourcePlaintext = resourcePlaintext;
        ResourceJson = resource;
        DecryptedFields = decryptedFields;
    }

    /// <summary>The notification id, e.g. <c>EV-2018022511223320873</c>.</summary>
    public string? Id => (string?)Json["id"];

    private readonly string? _apiV2Kind;

    /// <summary>
    /// The event type, e.g. <c>TRANSACTION.SUCCESS</c>. APIv2 notifications (XML) have no documented event type: theirs is
    /// this library's name of their kind, <c>v2.pay</c> (a payment result, verified by its <c>sign</c>) or <c>v2.refund</c>
    /// (a refund result, authenticated by decrypting its <c>req_info</c>); their <see cref="Json"/> is the notification's XML
    /// fields as JSON strings and <see cref="Resource"/> the payment's fields (the same) or the refund's decrypted fields.
    /// </summary>
    public string? EventType => _apiV2Kind ?? (string?)Json["event_type"];

    /// <summary>The resource type, normally <c>encrypt-resource</c>.</summary>
    public string? ResourceType => (string?)Json["resource_type"];

    /// <summary>WeChat Pay's one-line summary, e.g. <c>支付成功</c>.</summary>
    public string? Summary => (string?)Json["summary"];

    /// <summary>When WeChat Pay created the notification (RFC 3339 text, as sent).</summary>
    public string? CreateTime => (string?)Json["create_time"];

    /// <summary>The raw body exactly as received (the resource still encrypted).</summary>
    public string Body { get; }

    /// <summary>The body as JSON.</summary>
    public JObject Json { get; }

    /// <summary>The decrypted resource text.</summary>
    public string ResourcePlaintext { get; }

    /// <summary>The decrypted resource as JSON (merchant-key fields decrypted too), or null when it is not JSON.</summary>
    public JToken? ResourceJson { get; }

    /// <summary>The decrypted resource as dynamic JSON: <c>n.Resource.out_trade_no</c>.</summary>
    public dynamic? Resource => ResourceJson;

    /// <summary>Fields inside the resource that were also decrypted with the merchant key.</summary>
    public IReadOnlyList<string> DecryptedFields { get; }

    /// <summary>
    /// True when this is not a callback but the answer of a query made because its notification did not come
    /// (<see cref="WeChatPayClient.SettleByQueryAsync"/>, the hosting package's reconciler): <see cref="Resource"/> is the
    /// query's answer (the order or refund, the fields its notification's resource has), <see cref="EventType"/> the event
    /// its final state stands for (<c>TRANSACTION.SUCCESS</c>, <c>TRANSACTION.CLOSED</c>, <c>REFUND.SUCCESS</c>, …).
    /// </summary>
    public bool FromQuery { get; }

    /// <summary>The claim this client holds on it while it is processed.</summary>
    internal Notifications.NotificationClaim? Claim { get; }

    /// <summary>Reads the decrypted resource into <typeparamref name="T"/>.</summary>
    /// <exception cref="System.InvalidOperationException">The resource is not JSON.</exception>
    public T ResourceAs<T>() =>
        (ResourceJson ?? throw new System.InvalidOperationException("The resource is not JSON.")).ToObject<T>(Shared.WeChatPayJson.Serializer)!;
}
