using System.Collections.Generic;
using System.Linq;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// What became of one notification sent by <see cref="WeChatPaySandbox.NotifyAsync"/> (or an APIv2 one by
/// <see cref="WeChatPaySandbox.NotifyV2PaymentAsync"/>, <see cref="WeChatPaySandbox.NotifyV2RefundAsync"/>): every delivery,
/// in order, and whether one was acknowledged.
/// </summary>
public sealed class SandboxNotification
{
    internal SandboxNotification(string notificationId, string eventType, bool withheld, IReadOnlyList<SandboxDelivery> deliveries)
    {
        NotificationId = notificationId;
        EventType = eventType;
        Withheld = withheld;
        Deliveries = deliveries;
    }

    /// <summary>The notification <c>id</c>, the same in every delivery; an APIv2 notification's <c>nonce_str</c> (v2 has no id).</summary>
    public string NotificationId { get; }

    /// <summary>The <c>event_type</c>; <c>v2.pay</c> or <c>v2.refund</c> for an APIv2 notification (the client's names: v2 documents none).</summary>
    public string EventType { get; }

    /// <summary>Whether it was withheld (<see cref="SandboxDeliveryOptions.Withhold"/>): then nothing was delivered.</summary>
    public bool Withheld { get; }

    /// <summary>Every delivery, by attempt and then by copy.</summary>
    public IReadOnlyList<SandboxDelivery> Deliveries { get; }

    /// <summary>Whether a receiver acknowledged it in time (<see cref="SandboxDelivery.Acknowledged"/>); the delivery stopped at that attempt.</summary>
    public bool Acknowledged => Deliveries.Any(d => d.Acknowledged);

    /// <summary>One line per delivery, after the id and the outcome.</summary>
    public override string ToString() =>
        $"{EventType} {NotificationId}: {(Withheld ? "withheld" : Acknowledged ? "acknowledged" : "not acknowledged")}"
        + string.Concat(Deliveries.Select(d => "\n  " + d));
}
