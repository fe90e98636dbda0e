using System;

namespace WeChatPay.Chain;

/// <summary>
/// What became of one delivery of a callback, and what to answer WeChat Pay: <see cref="StatusCode"/> (204 for success;
/// otherwise an error status with <c>{"code":"FAIL","message":<see cref="Message"/>}</c>, so that WeChat Pay sends it again).
/// </summary>
public sealed class WeChatPayNotificationReceipt
{
    internal WeChatPayNotificationReceipt(WeChatPayNotificationOutcome outcome, string message, WeChatPayNotification? notification = null,
        Exception? error = null, string? storeProblem = null)
    {
        Outcome = outcome;
        Message = message;
        Notification = notification;
        Error = error;
        StoreProblem = storeProblem;
    }

    /// <summary>What became of the delivery.</summary>
    public WeChatPayNotificationOutcome Outcome { get; }

    /// <summary>Whether WeChat Pay is to be answered with success (204): handled now, or done before.</summary>
    public bool Succeeded => Outcome is WeChatPayNotificationOutcome.Handled or WeChatPayNotificationOutcome.DoneBefore;

    /// <summary>The status to answer WeChat Pay: 204, or the error status that makes it send the notification again.</summary>
    public int StatusCode => Outcome switch
    {
        WeChatPayNotificationOutcome.Verified or WeChatPayNotificationOutcome.Handled or WeChatPayNotificationOutcome.DoneBefore => 204,
        WeChatPayNotificationOutcome.InProgress => 409,
        WeChatPayNotificationOutcome.NotWeChatPay => 401,
        WeChatPayNotificationOutcome.NotANotification => 400,
        WeChatPayNotificationOutcome.StoreUnavailable => 503,
        _ => 500,
    };

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
