using System;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Notifications;

/// <content>Settling by query what no notification settled.</content>
internal sealed partial class NotificationReader
{
    /// <summary>
    /// Queries a payment or refund whose notification has not come and, once it is final, hands the answer to
    /// <paramref name="handler"/> as a notification (<see cref="WeChatPayNotification.FromQuery"/>) under the claim its
    /// notifications share: handled once between the notification and the query, across every client on the store.
    /// </summary>
    public async Task<WeChatPayNotificationReceipt> SettleByQueryAsync(WeChatPaySettlement settlement,
        Func<WeChatPayNotification, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        if (settlement is null) throw new ArgumentNullException(nameof(settlement));
        if (handler is null) throw new ArgumentNullException(nameof(handler));
        if (_claims is null)
            return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.Misconfigured, "settling by query needs the APIv3 or APIv2 key (the claims are signed with it)",
                error: new InvalidOperationException("Settling by query needs the APIv3 key (or, for an APIv2-only merchant, the APIv2 key): set WeChatPayOptions.ApiV3Key."));
        var key = settlement.ClaimKey(_merchantId);
        if (await _claims.IsDoneAsync(key).ConfigureAwait(false) == true)
            return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.DoneBefore, $"{settlement} was settled before");

        WeChatPayResponse answer;
        try
        {
            answer = await _query(settlement, cancellationToken).ConfigureAwait(false);
        }
        catch (WeChatPayException e)
        {
            return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.NotSettled, $"{settlement} could not be queried ({e.Code ?? e.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"})", error: e);
        }
        var resource = answer.Json as JObject;
        var state = (string?)(resource?[settlement.IsRefund ? "status" : "trade_state"] as JValue);
        var eventType = FinalEvent(settlement.IsRefund, state);
        if (resource is null || eventType is null)
            return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.NotSettled, $"{settlement} is not final yet ({state ?? "no state"})");

        var (claimState, claim, problem) = await _claims.ClaimAsync(key, cancellationToken).ConfigureAwait(false);
        var what = $"{settlement} ({eventType}, from a query)";
        if (claimState != ClaimState.Claimed)
            return new WeChatPayNotificationReceipt(claimState switch
            {
                ClaimState.Done => WeChatPayNotificationOutcome.DoneBefore,
                ClaimState.InProgress => WeChatPayNotificationOutcome.InProgress,
                _ => WeChatPayNotificationOutcome.StoreUnavailable,
            }, $"{what}: not handed over ({claimState})", storeProblem: problem);
        var json = new JObject
        {
            ["id"] = "QUERY-" + settlement,
            ["create_time"] = _clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            ["resource_type"] = "query-result",
            ["event_type"] = eventType,
            ["summary"] = state,
        };
        var notification = new WeChatPayNotification(json, answer.Body, resource.ToString(Newtonsoft.Json.Formatting.None), resource, answer.DecryptedFields, claim, fromQuery: true);
        return await HandleAsync(new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.Verified, what, notification, storeProblem: problem),
            handler, cancellationToken).ConfigureAwait(false);
    }

    // The notification event a final state stands for; null while it is not final.
    private static string? FinalEvent(bool refund, string? state) => refund
        ? state switch { "SUCCESS" or "CLOSED" or "ABNORMAL" => "REFUND." + state, _ => null }
        : state switch
        {
            "SUCCESS" or "REFUND" => "TRANSACTION.SUCCESS",
            "CLOSED" or "REVOKED" or "PAYERROR" => "TRANSACTION." + state,
            _ => null,
        };
}
