using System;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Notifications;

/// <summary>
/// What a notification settles, as the key of its claim: a payment (<c>TRANSACTION.*</c> with <c>out_trade_no</c>) or a
/// refund (<c>REFUND.*</c> with <c>out_refund_no</c>) by the merchant's own number, so that a notification and a query result
/// for one order share one claim (the reconciler's); any other notification by its <c>id</c> (by its nonce when it has none).
/// </summary>
internal static class NotificationSubject
{
    /// <summary>The claim key of a notification, under <c>wechatpay:{mchid}:notification:</c>.</summary>
    public static string Key(string merchantId, JObject notification, JToken? resource, string nonce)
    {
        var eventType = (string?)(notification["event_type"] as JValue) ?? string.Empty;
        if (resource is JObject fields)
        {
            if (eventType.StartsWith("TRANSACTION.", StringComparison.Ordinal) && Text(fields, "out_trade_no") is { } outTradeNo)
                return Payment(merchantId, Text(fields, "sub_mchid"), outTradeNo);
            if (eventType.StartsWith("REFUND.", StringComparison.Ordinal) && Text(fields, "out_refund_no") is { } outRefundNo)
                return Refund(merchantId, Text(fields, "sub_mchid"), outRefundNo);
        }
        return (string?)(notification["id"] as JValue) is { Length: > 0 } id
            ? Prefix(merchantId) + "id:" + id
            : Prefix(merchantId) + "nonce:" + nonce;
    }

    /// <summary>The claim key of a payment by <c>out_trade_no</c> (and <c>sub_mchid</c> for a service provider's sub-merchant).</summary>
    public static string Payment(string merchantId, string? subMerchantId, string outTradeNo) =>
        Prefix(merchantId) + "transaction:" + (subMerchantId ?? merchantId) + ":" + outTradeNo;

    /// <summary>The claim key of a refund by <c>out_refund_no</c> (and <c>sub_mchid</c>).</summary>
    public static string Refund(string merchantId, string? subMerchantId, string outRefundNo) =>
        Prefix(merchantId) + "refund:" + (subMerchantId ?? merchantId) + ":" + outRefundNo;

    /// <summary>How a notification is named in messages and logs: <c>notification EV-… (TRANSACTION.SUCCESS)</c>.</summary>
    public static string Describe(JObject notification) =>
        $"notification {(string?)(notification["id"] as JValue) ?? "(no id)"} ({(string?)(notification["event_type"] as JValue) ?? "no event type"})";

    /// <summary>The claim key of a notification without a business number, by its nonce.</summary>
    public static string ByNonce(string merchantId, string nonce) => Prefix(merchantId) + "nonce:" + nonce;

    /// <summary>How a read notification is named: an APIv2 one by its kind (it has no id), any other as <see cref="Describe(JObject)"/>.</summary>
    public static string Describe(WeChatPayNotification notification) =>
        notification.EventType is NotificationReader.ApiV2Payment or NotificationReader.ApiV2Refund
            ? $"APIv2 notification ({notification.EventType})"
            : Describe(notification.Json);

    private static string Prefix(string merchantId) => "wechatpay:" + merchantId + ":notification:";

    private static string? Text(JObject fields, string name) =>
        fields[name] is JValue { Type: JTokenType.String } value && ((string?)value) is { Length: > 0 } text ? text : null;
}
