using System;
using System.Collections.Generic;

namespace WeChatPay.Chain.ApiV2;

/// <summary>
/// The APIv2 operations that move money under a business number of the merchant's and whose documentation says what to do
/// with a <c>SYSTEMERROR</c> answer: send the same request again, with the same number (<c>mch_billno</c>,
/// <c>partner_trade_no</c>) and the same parameters ("请使用原单号以及原请求参数重试"), never a new number, which could pay twice.
/// </summary>
internal static class V2SystemErrorRetry
{
    private static readonly HashSet<string> Paths = new(StringComparer.Ordinal)
    {
        "v2/mmpaymkttransfers/sendredpack",
        "v2/mmpaymkttransfers/sendgroupredpack",
        "v2/mmpaymkttransfers/sendminiprogramhb",
        "v2/mmpaymkttransfers/sendworkwxredpack",
        "v2/mmpaymkttransfers/promotion/transfers",
        "v2/mmpaymkttransfers/promotion/paywwsptrans2pocket",
        "v2/mmpaysptrans/pay_bank",
    };

    /// <summary>The documented paths this rule covers.</summary>
    public static IReadOnlyCollection<string> Operations => Paths;

    /// <summary>Whether a <c>SYSTEMERROR</c> answer of the operation at <paramref name="documentedPath"/> (<c>v2/…</c>, no query) is resent as it was.</summary>
    public static bool Applies(string documentedPath) => Paths.Contains(documentedPath);
}
