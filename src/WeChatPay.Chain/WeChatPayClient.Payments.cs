using System;
using System.Collections.Generic;
using WeChatPay.Chain.ApiV2;

namespace WeChatPay.Chain;

/// <content>
/// What a front end starts a payment or sends coupons with, signed here and sent nowhere: the JSAPI and app pay parameters
/// (the merchant key), and the 商家券 send-coupon parameters (the APIv2 key, which a v3-only merchant needs for them).
/// </content>
public sealed partial class WeChatPayClient
{
    /// <summary>
    /// The parameters a JSAPI page (<c>getBrandWCPayRequest</c>) or a mini-program (<c>wx.requestPayment</c>) starts the payment
    /// of an order with: <c>appId</c>, <c>timeStamp</c> (now), <c>nonceStr</c> (random), <c>package=prepay_id=…</c>,
    /// <c>signType=RSA</c> and <c>paySign</c>, signed with the merchant private key. Nothing is sent.
    /// </summary>
    /// <param name="appId">The AppID the order was placed for (the <c>appid</c>, or <c>sub_appid</c> for a sub-merchant's own AppID).</param>
    /// <param name="prepayId">The <c>prepay_id</c> the order answered.</param>
    /// <exception cref="ArgumentException">An argument is empty, not printable ASCII (a line break would shift the signed message), or longer than documented (appid and mchid 32 characters, prepay_id 64).</exception>
    public WeChatPayJsapiParameters JsapiPayParameters(string appId, string prepayId) => _setup.PayParameters.Jsapi(appId, prepayId);

    /// <summary>
    /// The parameters an app's OpenSDK <c>PayReq</c> starts the payment of an order with: <c>appid</c>, <c>partnerid</c>,
    /// <c>prepayid</c>, <c>package=Sign=WXPay</c>, <c>noncestr</c> (random), <c>timestamp</c> (now) and <c>sign</c>, signed with
    /// the merchant private key. Nothing is sent.
    /// </summary>
    /// <param name="appId">The mobile app's AppID the order was placed for.</param>
    /// <param name="prepayId">The <c>prepay_id</c> the order answered.</param>
    /// <param name="partnerId">The <c>partnerid</c>: <see cref="WeChatPayOptions.MerchantId"/> when null; a service provider passes the sub-merchant's id.</param>
    /// <exception cref="ArgumentException">An argument is empty, not printable ASCII (a line break would shift the signed message), or longer than documented (appid and mchid 32 characters, prepay_id 64).</exception>
    public WeChatPayAppParameters AppPayParameters(string appId, string prepayId, string? partnerId = null) =>
        _setup.PayParameters.App(appId, prepayId, partnerId);

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
