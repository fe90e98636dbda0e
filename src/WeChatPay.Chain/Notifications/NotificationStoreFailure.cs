namespace WeChatPay.Chain;

/// <summary>What a client does with a notification while its <see cref="WeChatPayOptions.NotificationStore"/> cannot be reached.</summary>
public enum NotificationStoreFailure
{
    /// <summary>
    /// Answer WeChat Pay 503, so that it delivers the notification again later, when the store may be back: nothing is
    /// processed twice and nothing is lost (the default).
    /// </summary>
    AnswerRetryLater,

    /// <summary>
    /// Claim it in this client's own memory and process it: nothing waits for the store, but a delivery of the same
    /// notification to another server meanwhile is processed there too. Choose it only with a handler that is itself idempotent.
    /// </summary>
    ProcessHere,
}
