using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NUnit.Framework;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>
/// An APIv2 bill read as WeChat Pay documents its text: the header row, rows whose every field starts with a backquote,
/// the summary header, the summary row; lines ended by CRLF. <see cref="Read"/> asserts that shape.
/// </summary>
public sealed class V2Bill
{
    // The documented headers (WeChat Pay's downloadbill and downloadfundflow pages), written here, not taken from the sandbox.
    public const string AllHeader = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    public const string SuccessHeader = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注";
    public const string RefundHeader = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    public const string TradeSummary = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";
    public const string SuccessSummary = "总交易单数,应结订单总金额,手续费总金额,订单总金额";
    public const string FundHeader = "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号";
    public const string FundSummary = "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额";

    private V2Bill(string header, List<string[]> rows, string summaryHeader, string[] summary)
    {
        Header = header;
        Rows = rows;
        SummaryHeader = summaryHeader;
        Summary = summary;
    }

    public string Header { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public string SummaryHeader { get; }

    public string[] Summary { get; }

    /// <summary>The header and summary header WeChat Pay documents for a bill type or account type.</summary>
    public static (string Header, string Summary) Documented(string kind) => kind switch
    {
        "ALL" => (AllHeader, TradeSummary),
        "SUCCESS" => (SuccessHeader, SuccessSummary),
        "REFUND" or "RECHARGE_REFUND" => (RefundHeader, TradeSummary),
        _ => (FundHeader, FundSummary),
    };

    public static V2Bill Read(string text)
    {
        Assert.That(text, Does.EndWith("\r\n"), "every line ends with CRLF");
        var lines = text.Substring(0, text.Length - 2).Split("\r\n");
        Assert.That(lines, Has.Length.GreaterThanOrEqualTo(3), "a header, the summary header and the summary row at least");
        var header = lines[0];
        var columns = header.Split(',').Length;
        var rows = lines.Skip(1).Take(lines.Length - 3).Select(line => Fields(line, columns)).ToList();
        var summaryHeader = lines[^2];
        Assert.That(summaryHeader, Does.Not.StartWith("`"), "the summary header is a plain row");
        return new V2Bill(header, rows, summaryHeader, Fields(lines[^1], summaryHeader.Split(',').Length));
    }

    public static decimal Amount(string text) => decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    // Every field starts with a backquote and holds no comma; as many as the header names.
    private static string[] Fields(string line, int columns)
    {
        var raw = line.Split(',');
        Assert.That(raw, Has.Length.EqualTo(columns), $"a row has as many fields as its header: {line}");
        Assert.That(raw, Has.All.StartWith("`"), $"every field of a row starts with a backquote: {line}");
        return raw.Select(f => f.Substring(1)).ToArray();
    }
}
