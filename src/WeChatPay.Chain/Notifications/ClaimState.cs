namespace WeChatPay.Chain.Notifications;

/// <summary>What trying to claim a notification found.</summary>
internal enum ClaimState
{
    /// <summary>Nobody held it: it is claimed by this client now.</summary>
    Claimed,

    /// <summary>Its handler finished before.</summary>
    Done,

    /// <summary>A running handler holds it (its lease not yet expired).</summary>
    InProgress,

    /// <summary>The store could not be reached, and the client is set to answer "retry later".</summary>
    Unavailable,
}
