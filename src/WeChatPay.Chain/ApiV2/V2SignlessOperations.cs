using System;
using System.Collections.Generic;

namespace WeChatPay.Chain.ApiV2;

/// <summary>
/// The APIv2 operations that break the two general rules: those whose answers carry no <c>sign</c> (only <c>return_code</c> and
/// <c>result_code</c> are checked), and those sent without <c>nonce_str</c>. Paths are URL paths, the documented path without
/// its <c>v2/</c> prefix (<c>v2/pay/downloadbill</c> is <c>/pay/downloadbill</c>), compared exactly.
/// </summary>
/// <remarks>
/// The sign-less list is the union of the two reference SDKs' lists (wechatpay-axios-plugin 0.9.6 <c>SIGNLESS</c> and
/// wechatpay-php <c>$noneSignatureRespond</c>, as <c>v2.json</c> records them), less the PHP list's two stale paths
/// (<c>/mmpaymkttransfers/pay_bank</c> and <c>/mmpaymkttransfers/query_bank</c>; the operations live under <c>/mmpaysptrans/</c>,
/// which is listed): a path in this list is a path whose answers are not verified, so none is kept that no operation has. The
/// nonce-less list is the plugin's <c>NONCELESS</c>.
/// </remarks>
internal static class V2SignlessOperations
{
    private const string DocumentedPrefix = "v2/";

    private static readonly HashSet<string> NoSign = new(StringComparer.Ordinal)
    {
        "/appauth/getaccesstoken",
        "/mchrisk/querymchrisk",
        "/mchrisk/setmchriskcallback",
        "/mchrisk/syncmchriskresult",
        "/mmpaymkttransfers/gethbinfo",
        "/mmpaymkttransfers/gettransferinfo",
        "/mmpaymkttransfers/promotion/paywwsptrans2pocket",
        "/mmpaymkttransfers/promotion/querywwsptrans2pocket",
        "/mmpaymkttransfers/promotion/transfers",
        "/mmpaymkttransfers/sendgroupredpack",
        "/mmpaymkttransfers/sendminiprogramhb",
        "/mmpaymkttransfers/sendredpack",
        "/mmpaysptrans/pay_bank",
        "/mmpaysptrans/query_bank",
        "/papay/entrustweb",
        "/papay/h5entrustweb",
        "/papay/partner/entrustweb",
        "/papay/partner/h5entrustweb",
        "/pay/downloadbill",
        "/pay/downloadfundflow",
        "/payitil/report",
        "/risk/getpublickey",
        "/risk/getviolation",
        "/secapi/mch/submchmanage",
        "/xdc/apiv2getsignkey/sign/getsignkey",
    };

    private static readonly HashSet<string> NoNonce = new(StringComparer.Ordinal)
    {
        "/cgi-bin/mch/customs/customdeclareorder",
        "/cgi-bin/mch/customs/customdeclarequery",
        "/cgi-bin/mch/newcustoms/customdeclareredeclare",
        "/papay/deletecontract",
        "/papay/h5entrustweb",
        "/papay/preentrustweb",
        "/papay/querycontract",
        "/papay/partner/h5entrustweb",
        "/papay/partner/preentrustweb",
        "/papay/partner/querycontract",
        "/pay/queryexchagerate",
        "/secapi/mch/addInstitutionsub",
        "/secapi/mch/addsubdevconfig",
        "/secapi/mch/channelsetting",
        "/secapi/mch/modifyInstitutionsub",
        "/secapi/mch/modifymchinfo",
        "/secapi/mch/queryInstitutionsub",
        "/secapi/mch/querysubdevconfig",
    };

    /// <summary>The URL paths whose answers carry no sign.</summary>
    public static IReadOnlyCollection<string> AnswersWithoutSign => NoSign;

    /// <summary>The URL paths whose requests are sent without <c>nonce_str</c>.</summary>
    public static IReadOnlyCollection<string> RequestsWithoutNonce => NoNonce;

    /// <summary>Whether the operation at <paramref name="path"/> answers without a sign.</summary>
    /// <param name="path">The documented path (<c>v2/pay/downloadbill</c>) or the URL path (<c>/pay/downloadbill</c>); a query is ignored.</param>
    public static bool AnswerHasNoSign(string path) => NoSign.Contains(UrlPath(path));

    /// <summary>Whether the operation at <paramref name="path"/> is sent without <c>nonce_str</c>.</summary>
    /// <param name="path">The documented path or the URL path; a query is ignored.</param>
    public static bool RequestHasNoNonce(string path) => NoNonce.Contains(UrlPath(path));

    /// <summary>The URL path of a documented v2 path or a URL path: <c>v2/</c> dropped, one leading '/', no query.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static string UrlPath(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        var query = path.IndexOfAny(new[] { '?', '#' });
        if (query >= 0) path = path.Substring(0, query);
        path = path.TrimStart('/');
        if (path.StartsWith(DocumentedPrefix, StringComparison.Ordinal)) path = path.Substring(DocumentedPrefix.Length);
        return "/" + path;
    }
}
