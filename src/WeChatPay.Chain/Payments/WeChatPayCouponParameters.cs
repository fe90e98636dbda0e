using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain;

/// <summary>
/// What a mini-program hands to WeChat's coupon plug-in to send 商家券: the coupons, the sending merchant and the HMAC-SHA256
/// <see cref="Sign"/> over them with the APIv2 key (<see cref="WeChatPayClient.BusifavorSendCouponParameters"/>).
/// </summary>
public sealed class WeChatPayCouponParameters
{
    internal WeChatPayCouponParameters(string sendCouponMerchant, IReadOnlyList<(string StockId, string OutRequestNo)> coupons, string sign)
    {
        SendCouponMerchant = sendCouponMerchant;
        Coupons = coupons;
        Sign = sign;
    }

    /// <summary><c>send_coupon_merchant</c>: the merchant id that sends the coupons.</summary>
    public string SendCouponMerchant { get; }

    /// <summary><c>send_coupon_params</c>: each coupon's <c>stock_id</c> and <c>out_request_no</c>, in order.</summary>
    public IReadOnlyList<(string StockId, string OutRequestNo)> Coupons { get; }

    /// <summary><c>sign</c>: upper-case hex HMAC-SHA256 with the APIv2 key over the flattened parameters.</summary>
    public string Sign { get; }

    /// <summary>The three as one JSON object with the documented names, for the mini-program.</summary>
    public string ToJson()
    {
        var coupons = new JArray();
        foreach (var coupon in Coupons) coupons.Add(new JObject { ["stock_id"] = coupon.StockId, ["out_request_no"] = coupon.OutRequestNo });
        return new JObject { ["send_coupon_params"] = coupons, ["send_coupon_merchant"] = SendCouponMerchant, ["sign"] = Sign }.ToString(Formatting.None);
    }
}
