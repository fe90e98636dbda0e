namespace WeChatPay.Chain;

/// <summary>What became of one delivery of a callback; <see cref="WeChatPayNotificationReceipt.StatusCode"/> is what to answer WeChat Pay.</summary>
public enum WeChatPayNotificationOutcome
{
    /// <summary>Verified, decrypted and claimed by this client: process it, then complete or release it (204 once processed).</summary>
    Verified,

    /// <summary>Verified and processed by the handler now (204).</summary>
    Handled,

    /// <summary>Verified, but its processing finished before (a retry or a replay): not processed again (204).</summary>
    DoneBefore,

    /// <summary>Verified, but a handler is processing it now (on this server or another): 409, so that WeChat Pay sends it again later.</summary>
    InProgress,

    /// <summary>Verified and claimed, but the handler failed: its claim is released and 500 asks WeChat Pay to send it again.</summary>
    HandlerFailed,

    /// <summary>Not WeChat Pay's: a header, the time, the key or the signature did not verify (401). Do not act on its content.</summary>
    NotWeChatPay,

    /// <summary>Verified, but not a notification (no resource object, a field of the wrong type): 400.</summary>
    NotANotification,

    /// <summary>Verified, but its resource does not decrypt: this server's APIv3 key is most likely wrong (500, so that WeChat Pay retries once it is fixed).</summary>
    DoesNotDecrypt,

    /// <summary>This server cannot read notifications (no APIv3 key, no client): 500, so that WeChat Pay retries once it is configured.</summary>
    Misconfigured,

    /// <summary>A query (<see cref="WeChatPayClient.SettleByQueryAsync"/>): the payment or refund is not final yet, or the query failed; ask again later.</summary>
    NotSettled,

    /// <summary>Verified, but the notification store could not be reached: 503, so that WeChat Pay sends it again later (<see cref="NotificationStoreFailure.AnswerRetryLater"/>).</summary>
    StoreUnavailable,
}
