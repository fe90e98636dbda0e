namespace WeChatPay.Chain.Notifications;

/// <summary>A notification claimed by this client: the store entry that says so, and the store it was written in.</summary>
internal sealed class NotificationClaim
{
    public NotificationClaim(string key, string entry, IWeChatPayNotificationStore store)
    {
        Key = key;
        Entry = entry;
        Store = store;
    }

    /// <summary>The store key, e.g. <c>wechatpay:1900000001:notification:transaction:1900000001:1217752501201407033233368018</c>.</summary>
    public string Key { get; }

    /// <summary>The claimed entry this client wrote (its token and authenticator).</summary>
    public string Entry { get; }

    /// <summary>The store the claim lives in: the configured one, or this client's own when it could not be reached.</summary>
    public IWeChatPayNotificationStore Store { get; }

    /// <summary>Set once the claim has ended (done or released), so that it is ended once.</summary>
    public bool Ended { get; set; }
}
