using System;
using System.Text.RegularExpressions;

namespace WeChatPay.Chain;

/// <summary>
/// What an application waits to hear about: a payment (by its <c>out_trade_no</c>) or a refund (by its <c>out_refund_no</c>),
/// of this merchant or, for a service provider, of a sub-merchant. A notification and a query result for the same one are
/// handled once between them (they share one claim).
/// </summary>
public sealed class WeChatPaySettlement : IEquatable<WeChatPaySettlement>
{
    // The documented merchant numbers: 6 to 32 (payments) or 1 to 64 (refunds) of [0-9A-Za-z_-|*@]; sub_mchid digits.
    private static readonly Regex MerchantNumber = new("^[0-9A-Za-z_\\-|*@]{1,64}$", RegexOptions.CultureInvariant);
    private static readonly Regex SubMerchantIdForm = new("^[0-9]{1,32}$", RegexOptions.CultureInvariant);

    private WeChatPaySettlement(bool isRefund, string number, string? subMerchantId)
    {
        IsRefund = isRefund;
        Number = number;
        SubMerchantId = subMerchantId;
    }

    /// <summary>A payment by the merchant's <c>out_trade_no</c> (and <c>sub_mchid</c> when a service provider ordered for a sub-merchant).</summary>
    /// <exception cref="ArgumentException">The number or the sub-merchant id is not of the documented form.</exception>
    public static WeChatPaySettlement Payment(string outTradeNo, string? subMerchantId = null) => new(false, Check(outTradeNo, nameof(outTradeNo)), Sub(subMerchantId));

    /// <summary>A refund by the merchant's <c>out_refund_no</c> (and <c>sub_mchid</c> for a sub-merchant).</summary>
    /// <exception cref="ArgumentException">The number or the sub-merchant id is not of the documented form.</exception>
    public static WeChatPaySettlement Refund(string outRefundNo, string? subMerchantId = null) => new(true, Check(outRefundNo, nameof(outRefundNo)), Sub(subMerchantId));

    /// <summary>True for a refund, false for a payment.</summary>
    public bool IsRefund { get; }

    /// <summary>The <c>out_trade_no</c> or <c>out_refund_no</c>.</summary>
    public string Number { get; }

    /// <summary>The sub-merchant's <c>sub_mchid</c>, or null for the merchant's own.</summary>
    public string? SubMerchantId { get; }

    /// <summary>Text that <see cref="Parse"/> reads back: <c>payment:1217752501201407033233368018</c>, <c>refund:1900000109:R1</c>.</summary>
    public override string ToString() => (IsRefund ? "refund:" : "payment:") + (SubMerchantId is null ? string.Empty : SubMerchantId + ":") + Number;

    /// <summary>Reads what <see cref="ToString"/> wrote.</summary>
    /// <exception cref="FormatException">The text is not a settlement.</exception>
    public static WeChatPaySettlement Parse(string text)
    {
        var parts = (text ?? throw new ArgumentNullException(nameof(text))).Split(':');
        try
        {
            if (parts.Length is 2 or 3 && parts[0] is "payment" or "refund")
            {
                var sub = parts.Length == 3 ? parts[1] : null;
                return parts[0] == "refund" ? Refund(parts[parts.Length - 1], sub) : Payment(parts[parts.Length - 1], sub);
            }
        }
        catch (ArgumentException)
        {
        }
        throw new FormatException("Not a settlement: expected payment:[sub_mchid:]out_trade_no or refund:[sub_mchid:]out_refund_no.");
    }

    /// <inheritdoc />
    public bool Equals(WeChatPaySettlement? other) => other is not null && ToString() == other.ToString();

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as WeChatPaySettlement);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>The claim key it shares with its notifications.</summary>
    internal string ClaimKey(string merchantId) => IsRefund
        ? Notifications.NotificationSubject.Refund(merchantId, SubMerchantId, Number)
        : Notifications.NotificationSubject.Payment(merchantId, SubMerchantId, Number);

    private static string Check(string number, string name) =>
        number is not null && MerchantNumber.IsMatch(number) ? number
            : throw new ArgumentException($"{name} must be 1 to 64 characters of [0-9A-Za-z_-|*@], as WeChat Pay documents it.", name);

    private static string? Sub(string? subMerchantId) =>
        subMerchantId is null || SubMerchantIdForm.IsMatch(subMerchantId) ? subMerchantId
            : throw new ArgumentException("subMerchantId must be the sub-merchant's sub_mchid, digits only.", nameof(subMerchantId));
}
