using System;
using System.Collections.Generic;
using WeChatPay.Chain.ApiV2;

namespace WeChatPay.Chain;

/// <content>The 商家券 (busifavor) send-coupon parameters, signed with the APIv2 key (which a v3-only merchant needs for them).</content>
public sealed partial class WeChatPayClient
{
    /// <summary>
    /// The parameters a mini-program hands to WeChat's coupon plug-in to send 商家券 (<c>send_coupon_params</c>,
    /// <c>send_coupon_merchant</c>, <c>sign</c>): the coupons flattened to <c>out_request_no{i}</c> / <c>stock_id{i}</c> and
    /// signed HMAC-SHA256 with <see cref="WeChatPayOptions.ApiV2Key"/>, as documented. Nothing is sent.
    /// </summary>
    /// <param name="sendCouponMerchant">The merchant id that sends the coupons (<c>send_coupon_merchant</c>).</param>
    /// <param name="coupons">The coupons, in the order the mini-program lists them: each its <c>stock_id</c> and <c>out_request_no</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">There is no coupon, or a value is empty (it would silently drop out of the sign).</exception>
    /// <exception cref="InvalidOperationException">No <see cref="WeChatPayOptions.ApiV2Key"/> is configured.</exception>
    public WeChatPayCouponParameters BusifavorSendCouponParameters(string sendCouponMerchant, IReadOnlyList<(string StockId, string OutRequestNo)> coupons)
    {
        var key = _setup.ApiV2Key ?? throw new InvalidOperationException(
            "The send-coupon parameters are signed with the APIv2 key, and WeChatPayOptions.ApiV2Key is not set: give the 32-character APIv2 key set in the merchant platform.");
        var sign = BusifavorSendCoupon.Sign(coupons, sendCouponMerchant, key);
        return new WeChatPayCouponParameters(sendCouponMerchant, new List<(string, string)>(coupons), sign);
    }
}
