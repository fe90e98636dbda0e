using System;
using System.Collections.Generic;
using System.Linq;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// What the sandbox knows of APIv2 beyond the catalog's fields: which operations it serves (the <c>POST</c> XML ones),
/// which answer without a <c>sign</c>, which take no <c>nonce_str</c>, and which required fields stand for one another.
/// </summary>
internal static class SandboxV2Rules
{
    /// <summary>The documented path prefix the URL does not carry.</summary>
    public const string Prefix = "v2/";

    /// <summary>
    /// The operations WeChat Pay documents to answer without a <c>sign</c> (paths without <c>v2/</c>): the sandbox's own
    /// list, from the documentation pages and both reference SDKs (wechatpay-axios-plugin's <c>SIGNLESS</c>,
    /// wechatpay-php's <c>$noneSignatureRespond</c>; the stale PHP entries under <c>mmpaymkttransfers/</c> for the bank
    /// transfers left out, as the API lives under <c>mmpaysptrans/</c>). The downloads answer a file, not XML.
    /// </summary>
    public static readonly IReadOnlySet<string> SignlessAnswers = new HashSet<string>(StringComparer.Ordinal)
    {
        "appauth/getaccesstoken",
        "mchrisk/querymchrisk",
        "mchrisk/setmchriskcallback",
        "mchrisk/syncmchriskresult",
        "mmpaymkttransfers/gethbinfo",
        "mmpaymkttransfers/gettransferinfo",
        "mmpaymkttransfers/promotion/paywwsptrans2pocket",
        "mmpaymkttransfers/promotion/querywwsptrans2pocket",
        "mmpaymkttransfers/promotion/transfers",
        "mmpaymkttransfers/sendgroupredpack",
        "mmpaymkttransfers/sendminiprogramhb",
        "mmpaymkttransfers/sendredpack",
        "mmpaysptrans/pay_bank",
        "mmpaysptrans/query_bank",
        "papay/entrustweb",
        "papay/h5entrustweb",
        "papay/partner/entrustweb",
        "papay/partner/h5entrustweb",
        "pay/downloadbill",
        "pay/downloadfundflow",
        "payitil/report",
        "risk/getpublickey",
        "risk/getviolation",
        "secapi/mch/submchmanage",
        "xdc/apiv2getsignkey/sign/getsignkey",
    };

    // Required fields of which one is enough: the documents mark each required, and say "one of".
    private static readonly string[] OrderIds = { "transaction_id", "out_trade_no" };
    private static readonly string[] RefundIds = { "transaction_id", "out_trade_no", "out_refund_no", "refund_id" };

    /// <summary>Whether the sandbox serves <paramref name="operation"/> in this step: a <c>POST</c> of an XML body.</summary>
    public static bool Served(CatalogOperation operation) =>
        operation.Path.StartsWith(Prefix, StringComparison.Ordinal)
        && ((operation.Method == "POST" && operation.RequestBody is "xml" or "multipart") || (operation.Method == "GET" && !Pages.Contains(operation.Path)));

    /// <summary>Whether the operation answers JSON (<c>retcode</c>, <c>retmsg</c>) rather than XML: <c>appauth/getaccesstoken</c>.</summary>
    public static bool AnswersJson(CatalogOperation operation) => operation.Response.Any(r => r.Name == "retcode");

    // The v2 GETs that are pages a browser opens (they answer a redirect to WeChat), which the sandbox does not play.
    private static readonly HashSet<string> Pages = new(StringComparer.Ordinal) { "v2/appauth/authindex", "v2/papay/entrustweb", "v2/papay/partner/entrustweb" };

    /// <summary>Whether the operation answers with a <c>sign</c>.</summary>
    public static bool SignsAnswer(CatalogOperation operation) => !SignlessAnswers.Contains(operation.Path.Substring(Prefix.Length));

    /// <summary>Whether the operation is documented without <c>nonce_str</c> (the catalog's <c>nonceless</c> row, and the upload, whose form has none).</summary>
    public static bool Nonceless(CatalogOperation operation) => operation.Request.Any(r => r.Name == "nonceless") || operation.RequestBody == "multipart";

    /// <summary>Whether the operation needs the merchant's client certificate (the catalog's <c>security</c> row): enforced on the TLS address.</summary>
    public static bool Security(CatalogOperation operation) => operation.Request.Any(r => r.Name == "security");

    /// <summary>The documented request fields (the children of the catalog's <c>xml</c> row).</summary>
    public static IReadOnlyList<CatalogField> Fields(CatalogOperation operation) =>
        operation.Request.FirstOrDefault(r => r.Name == "xml")?.Children ?? Array.Empty<CatalogField>();

    /// <summary>The first required field that is missing or empty, or null; a field of a "one of" group is satisfied by any other of it.</summary>
    public static string? MissingRequired(CatalogOperation operation, IReadOnlyDictionary<string, string> fields)
    {
        var group = operation.Path.EndsWith("refundquery", StringComparison.Ordinal) ? RefundIds : OrderIds;
        foreach (var field in Fields(operation))
        {
            if (!field.Required || Has(fields, field.Name)) continue;
            if (Array.IndexOf(group, field.Name) >= 0 && group.Any(other => Has(fields, other))) continue;
            return field.Name;
        }
        return null;
    }

    private static bool Has(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.Length > 0;
}
