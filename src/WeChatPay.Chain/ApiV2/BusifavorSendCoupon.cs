using System;
using System.Collections.Generic;
using System.Globalization;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.ApiV2;

/// <summary>
/// The sign of the 商家券 (busifavor) send-coupon parameters a mini-program hands to WeChat's coupon plug-in: the coupons are
/// flattened to <c>send_coupon_merchant</c> plus <c>out_request_no{i}</c> and <c>stock_id{i}</c> for the i-th coupon (i from 0),
/// then signed HMAC-SHA256 with the APIv2 key like any APIv2 field set (a v3-only merchant still needs its APIv2 key for it).
/// The H5 form signs its flat parameters as they are: <see cref="ApiV2Signature.Sign"/> with <see cref="ApiV2SignType.HmacSha256"/>.
/// </summary>
internal static class BusifavorSendCoupon
{
    /// <summary>The field naming the merchant that sends the coupons.</summary>
    public const string MerchantField = "send_coupon_merchant";

    /// <summary>The fields that are signed, in the order <c>send_coupon_merchant</c>, then each coupon's two fields.</summary>
    /// <param name="coupons">The coupons, in the order the mini-program lists them in <c>send_coupon_params</c>.</param>
    /// <param name="sendCouponMerchant">The merchant id that sends them.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">There is no coupon, or a value is empty (an empty value would silently drop out of the sign).</exception>
    public static List<KeyValuePair<string, string>> Flatten(IReadOnlyList<(string StockId, string OutRequestNo)> coupons, string sendCouponMerchant)
    {
        if (coupons is null) throw new ArgumentNullException(nameof(coupons));
        if (sendCouponMerchant is null) throw new ArgumentNullException(nameof(sendCouponMerchant));
        if (coupons.Count == 0) throw new ArgumentException("Give at least one coupon (stock_id and out_request_no) to send.", nameof(coupons));
        Require(sendCouponMerchant, MerchantField);
        var fields = new List<KeyValuePair<string, string>>(1 + (2 * coupons.Count)) { new(MerchantField, sendCouponMerchant) };
        for (var i = 0; i < coupons.Count; i++)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            Require(coupons[i].OutRequestNo, "out_request_no" + index);
            Require(coupons[i].StockId, "stock_id" + index);
            fields.Add(new("out_request_no" + index, coupons[i].OutRequestNo));
            fields.Add(new("stock_id" + index, coupons[i].StockId));
        }
        return fields;
    }

    /// <summary>The HMAC-SHA256 sign of the flattened parameters, upper-case hex.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="Flatten"/>, or the key is not an APIv2 key.</exception>
    public static string Sign(IReadOnlyList<(string StockId, string OutRequestNo)> coupons, string sendCouponMerchant, string apiV2Key) =>
        ApiV2Signature.Sign(Flatten(coupons, sendCouponMerchant), apiV2Key, ApiV2SignType.HmacSha256);

    private static void Require(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
            throw new ArgumentException($"The {field} of the send-coupon parameters is empty; every coupon needs its stock_id and out_request_no, and the sender its merchant id.", field);
    }
}
