namespace WeChatPay.Chain;

/// <summary>
/// A callback that verified but must not be processed by this delivery: done before, being processed by another
/// delivery, or its claim could not be made because the notification store could not be reached (<see cref="Outcome"/>).
/// </summary>
public sealed class WeChatPayNotificationException : WeChatPayException
{
    internal WeChatPayNotificationException(WeChatPayNotificationOutcome outcome, string message, string body,
        System.Collections.Generic.IReadOnlyDictionary<string, string> headers)
        : base(message, "POST", "(callback)", null, body, headers)
    {
        Outcome = outcome;
    }

    /// <summary><see cref="WeChatPayNotificationOutcome.DoneBefore"/> (answer WeChat Pay with success), <see cref="WeChatPayNotificationOutcome.InProgress"/> or <see cref="WeChatPayNotificationOutcome.StoreUnavailable"/> (answer with an error, so that it sends it again later).</summary>
    public WeChatPayNotificationOutcome Outcome { get; }
}
