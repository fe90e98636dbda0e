namespace WeChatPay.Chain.Sandbox;

/// <summary>What a receiver answered to a callback notification the sandbox sent.</summary>
public sealed class SandboxCallbackResult
{
    internal SandboxCallbackResult(string notificationId, string eventType, int statusCode, string body,
        byte[] sentBody, System.Collections.Generic.KeyValuePair<string, string>[] sentHeaders)
    {
        SentBody = sentBody;
        SentHeaders = sentHeaders;
        NotificationId = notificationId;
        EventType = eventType;
        StatusCode = statusCode;
        Body = body;
    }

    /// <summary>The notification <c>id</c> that was sent.</summary>
    public string NotificationId { get; }

    /// <summary>The <c>event_type</c> that was sent.</summary>
    public string EventType { get; }

    /// <summary>The HTTP status the receiver answered (WeChat Pay expects 200 or 204 for success).</summary>
    public int StatusCode { get; }

    /// <summary>The body the receiver answered, as text.</summary>
    public string Body { get; }

    /// <summary>The notification body as sent (the resource encrypted), for a retry or a replay.</summary>
    internal byte[] SentBody { get; }

    /// <summary>The headers as sent (Wechatpay-* and Request-ID), for a replay.</summary>
    internal System.Collections.Generic.KeyValuePair<string, string>[] SentHeaders { get; }

    /// <summary>Whether the receiver acknowledged the notification (2xx).</summary>
    public bool Acknowledged => StatusCode >= 200 && StatusCode <= 299;
}
