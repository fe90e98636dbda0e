using System;
using System.Collections.Generic;
using System.Globalization;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// APIv2 bills as WeChat Pay serves them, in answer to the request itself (no download URL): <c>pay/downloadbill</c> by
/// <c>bill_date</c> (<c>yyyyMMdd</c>) and <c>bill_type</c> (<c>ALL</c> by default, <c>SUCCESS</c>, <c>REFUND</c>,
/// <c>RECHARGE_REFUND</c>), <c>pay/downloadfundflow</c> by <c>bill_date</c> and <c>account_type</c> (<c>Basic</c>,
/// <c>Operation</c>, <c>Fees</c>; signed HMAC-SHA256 only); a text table generated as it is sent (the documented header
/// row, backquote-prefixed rows, the summary header and the summary row), gzip when <c>tar_type=GZIP</c>. A day that has
/// not ended yet in Beijing time (today or later, by the sandbox clock) has no bill.
/// </summary>
internal static partial class SandboxV2Bills
{
    /// <summary>The trade bill's path, without <c>v2/</c>.</summary>
    public const string TradePath = "pay/downloadbill";

    /// <summary>The fund flow bill's path, without <c>v2/</c>.</summary>
    public const string FundPath = "pay/downloadfundflow";

    private static readonly string[] BillTypes = { "ALL", "SUCCESS", "REFUND", "RECHARGE_REFUND" };
    private static readonly string[] AccountTypes = { "Basic", "Operation", "Fees" };
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>Whether the sandbox answers this v2 path (without <c>v2/</c>) with a bill.</summary>
    public static bool Serves(string shortPath) => shortPath is TradePath or FundPath;

    /// <summary>The bill a checked, signed request asks for, or why there is none.</summary>
    /// <param name="shortPath"><see cref="TradePath"/> or <see cref="FundPath"/>.</param>
    /// <param name="fields">The request's fields.</param>
    /// <param name="signType">The request's sign type.</param>
    /// <param name="now">The sandbox clock's time.</param>
    /// <param name="size">The bytes of rows to generate (<see cref="WeChatPaySandbox.BillSize"/>).</param>
    /// <param name="merchantId">The merchant the rows name.</param>
    /// <param name="refusal">Why there is no bill, when null is returned.</param>
    public static Bill? Judge(string shortPath, IReadOnlyDictionary<string, string> fields, string signType, DateTimeOffset now, long size, string merchantId,
        out Refusal? refusal)
    {
        refusal = null;
        var fund = shortPath == FundPath;
        if (fund && signType != SandboxV2Sign.HmacSha256)
            return Refuse(out refusal, "sign_type", "sign_type参数错误 (downloadfundflow is signed with HMAC-SHA256 only)");
        var kind = fund ? Value(fields, "account_type") ?? "" : Value(fields, "bill_type") ?? "ALL";
        if (Array.IndexOf(fund ? AccountTypes : BillTypes, kind) < 0)
            return Refuse(out refusal, fund ? "account_type" : "bill_type",
                fund ? "account_type参数错误 (Basic, Operation or Fees)" : "invalid bill_type (ALL, SUCCESS, REFUND or RECHARGE_REFUND)");
        var tar = Value(fields, "tar_type");
        if (tar is not null && tar != "GZIP")
            return Refuse(out refusal, "tar_type", fund ? "tar_type参数错误 (GZIP or none)" : "invalid tar_type (GZIP or none)");
        var dateText = Value(fields, "bill_date") ?? "";
        if (dateText.Length != 8 || !DateTime.TryParseExact(dateText, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return Refuse(out refusal, "bill_date", fund ? "bill_date参数错误 (yyyyMMdd, e.g. 20140603)" : "invalid bill_date (yyyyMMdd, e.g. 20140603)");
        if (date >= now.ToOffset(Beijing).Date)
        {
            // The bill of a day is made the next morning: today's and later days' do not exist (yet).
            refusal = new Refusal(fund ? "NO_BILL_EXIST" : "20002", fund ? "账单不存在" : "No Bill Exist", null, Missing: true);
            return null;
        }
        return new Bill(fund, kind, date, tar == "GZIP", Math.Min(Math.Max(size, 1), SandboxBills.MaxSize), merchantId);
    }

    private static Bill? Refuse(out Refusal? refusal, string field, string message)
    {
        refusal = new Refusal("PARAM_ERROR", message, field, Missing: false);
        return null;
    }

    private static string? Value(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>One bill: a fund flow one (<paramref name="Kind"/> its account type) or a trade one (its bill type), for a day.</summary>
    internal sealed record Bill(bool Fund, string Kind, DateTime Date, bool Gzip, long Size, string MerchantId);

    /// <summary>Why a request has no bill: a parameter (named) that is wrong, or a day that has none (<paramref name="Missing"/>).</summary>
    internal sealed record Refusal(string Code, string Message, string? Field, bool Missing);
}
