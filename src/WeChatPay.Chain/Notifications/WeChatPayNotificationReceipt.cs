using System;

namespace WeChatPay.Chain;

/// <summary>
/// What became of one delivery of a callback, and what to answer WeChat Pay: <see cref="StatusCode"/> with
/// <see cref="AnswerBody"/>. An APIv3 delivery: 204 for success; otherwise an error status with
/// <c>{"code":"FAIL","message":<see cref="Message"/>}</c>, so that WeChat Pay sends it again. An APIv2 delivery
/// (<see cref="IsApiV2"/>): 200 with <c>return_code</c> SUCCESS for success; otherwise <c>return_code</c> FAIL with the
/// same error status (WeChat Pay's v2 reads the <c>return_code</c>; the status says it too).
/// </summary>
public sealed class WeChatPayNotificationReceipt
{
    internal WeChatPayNotificationReceipt(WeChatPayNotificationOutcome outcome, string message, WeChatPayNotification? notification = null,
        Exception? error = null, string? storeProblem = null, bool apiV2 = false)
    {
        IsApiV2 = apiV2;
        Outcome = outcome;
        Message = message;
        Notification = notification;
        Error = error;
        StoreProblem = storeProblem;
    }

    /// <summary>What became of the delivery.</summary>
    public WeChatPayNotificationOutcome Outcome { get; }

    /// <summary>Whether the delivery was an APIv2 notification (an XML body), to be answered in v2's form.</summary>
    public bool IsApiV2 { get; }

    /// <summary>Whether WeChat Pay is to be answered with success (204, or 200 with <c>return_code</c> SUCCESS for APIv2): handled now, or done before.</summary>
    public bool Succeeded => Outcome is WeChatPayNotificationOutcome.Handled or WeChatPayNotificationOutcome.DoneBefore;

    /// <summary>The status to answer WeChat Pay: 204 (200 for APIv2, whose answer has a body), or the error status that makes it send the notification again.</summary>
    public int StatusCode => Outcome switch
    {
        WeChatPayNotificationOutcome.Verified or WeChatPayNotificationOutcome.Handled or WeChatPayNotificationOutcome.DoneBefore => IsApiV2 ? 200 : 204,
        WeChatPayNotificationOutcome.InProgress => 409,
        WeChatPayNotificationOutcome.NotWeChatPay => 401,
        WeChatPayNotificationOutcome.NotANotification => 400,
        WeChatPayNotificationOutcome.StoreUnavailable => 503,
        _ => 500,
    };

    /// <summary>
    /// The body to answer WeChat Pay with, or null for none (APIv3 success): APIv3's <c>{"code":"FAIL","message":…}</c>;
    /// APIv2's <c>&lt;xml&gt;&lt;return_code&gt;&lt;![CDATA[SUCCESS]]&gt;&lt;/return_code&gt;&lt;return_msg&gt;&lt;![CDATA[OK]]&gt;&lt;/return_msg&gt;&lt;/xml&gt;</c>,
    /// or <c>return_code</c> FAIL with <see cref="Message"/> as <c>return_msg</c>.
    /// </summary>
    public string? AnswerBody => IsApiV2 ? Notifications.NotificationAnswer.Xml(StatusCode == 200, Message)
        : StatusCode == 204 ? null : Notifications.NotificationAnswer.Json(Message);

    /// <summary>The Content-Type of <see cref="AnswerBody"/> (<c>text/xml</c> for APIv2, <c>application/json</c> for APIv3), or null when there is none.</summary>
    public string? AnswerContentType => IsApiV2 ? Notifications.NotificationAnswer.XmlType
        : StatusCode == 204 ? null : Notifications.NotificationAnswer.JsonType;

    /// <summary>One line for WeChat Pay's answer and for the log: what happened, nothing secret, no exception text.</summary>
    public string Message { get; }

    /// <summary>The notification, once it verified and decrypted.</summary>
    public WeChatPayNotification? Notification { get; }

    /// <summary>What went wrong: the verification or decryption failure, or the handler's exception (for the log, not for WeChat Pay).</summary>
    public Exception? Error { get; }

    /// <summary>What went wrong with the notification store on the way (unreachable, an entry planted or altered and ignored), or null.</summary>
    public string? StoreProblem { get; }

    /// <summary>The outcome, the status and the message, e.g. <c>DoneBefore 204: notification EV-… was processed before</c>.</summary>
    public override string ToString() => $"{Outcome} {StatusCode}: {Message}";
}
