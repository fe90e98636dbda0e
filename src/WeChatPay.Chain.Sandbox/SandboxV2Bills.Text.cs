using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Sandbox;

/// <content>
/// The text of a v2 bill, in WeChat Pay's documented format: the header row of its type, rows whose every field starts with
/// a backquote (so that a spreadsheet keeps long numbers whole), then the summary header and the summary row, lines ended
/// by CRLF. Rows are generated, deterministic for the bill, until they reach the bill's size; the summary adds them up.
/// </content>
internal static partial class SandboxV2Bills
{
    /// <summary>The trade bill's header for <c>ALL</c> (27 fields).</summary>
    public const string AllHeader = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";

    /// <summary>The trade bill's header for <c>SUCCESS</c> (20 fields).</summary>
    public const string SuccessHeader = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注";

    /// <summary>The trade bill's header for <c>REFUND</c> and <c>RECHARGE_REFUND</c> (29 fields).</summary>
    public const string RefundHeader = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";

    /// <summary>The summary header of the <c>ALL</c>, <c>REFUND</c> and <c>RECHARGE_REFUND</c> trade bills.</summary>
    public const string TradeSummary = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

    /// <summary>The summary header of the <c>SUCCESS</c> trade bill.</summary>
    public const string SuccessSummary = "总交易单数,应结订单总金额,手续费总金额,订单总金额";

    /// <summary>The fund flow bill's header (11 fields).</summary>
    public const string FundHeader = "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号";

    /// <summary>The fund flow bill's summary header.</summary>
    public const string FundSummary = "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额";

    private const int Flush = 60 * 1024;
    private const string AppId = "wxd678efh567hg6787";
    private const string OpenId = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

    /// <summary>Writes the bill (gzip when asked), one generated chunk at a time.</summary>
    public static async Task WriteAsync(Bill bill, Stream body, CancellationToken cancellationToken)
    {
        if (!bill.Gzip)
        {
            await WriteTextAsync(bill, body, cancellationToken).ConfigureAwait(false);
            return;
        }
        await using var gzip = new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true);
        await WriteTextAsync(bill, gzip, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteTextAsync(Bill bill, Stream output, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(Flush + 1024);
        text.Append(bill.Fund ? FundHeader : bill.Kind == "SUCCESS" ? SuccessHeader : bill.Kind == "ALL" ? AllHeader : RefundHeader).Append("\r\n");
        var tally = new Tally();
        long bytes = Encoding.UTF8.GetByteCount(text.ToString());
        for (var row = 1; bytes < bill.Size; row++)
        {
            var line = bill.Fund ? FundRow(bill, row, tally) : TradeRow(bill, row, tally);
            text.Append(line).Append("\r\n");
            bytes += Encoding.UTF8.GetByteCount(line) + 2;
            if (text.Length < Flush) continue;
            await output.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
            text.Clear();
        }
        if (bill.Fund)
            text.Append(FundSummary).Append("\r\n`").Append(tally.Rows).Append(",`").Append(tally.Income).Append(",`").Append(Yuan(tally.IncomeFen))
                .Append(",`").Append(tally.Expenses).Append(",`").Append(Yuan(tally.ExpenseFen)).Append("\r\n");
        else if (bill.Kind == "SUCCESS")
            text.Append(SuccessSummary).Append("\r\n`").Append(tally.Rows).Append(",`").Append(Yuan(tally.SettledFen)).Append(",`").Append(Fee(tally.FeeUnits))
                .Append(",`").Append(Yuan(tally.OrderFen)).Append("\r\n");
        else
            text.Append(TradeSummary).Append("\r\n`").Append(tally.Rows).Append(",`").Append(Yuan(tally.SettledFen)).Append(",`").Append(Yuan(tally.RefundFen))
                .Append(",`").Append(Yuan(tally.RechargeRefundFen)).Append(",`").Append(Fee(tally.FeeUnits)).Append(",`").Append(Yuan(tally.OrderFen))
                .Append(",`").Append(Yuan(tally.RefundFen + tally.RechargeRefundFen)).Append("\r\n");
        await output.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
    }

    // A trade row: in ALL every tenth is a refund; SUCCESS holds payments only, REFUND and RECHARGE_REFUND refunds only.
    private static string TradeRow(Bill bill, int row, Tally tally)
    {
        var fen = 1 + row % 100;                      // 0.01 … 1.00 yuan
        var fee = 6L * fen;                            // 0.60% of it, in 0.00001 yuan
        var time = Time(bill.Date, row);
        var transaction = "4200" + bill.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + row.ToString("D16", CultureInfo.InvariantCulture);
        var order = "SANDBOX" + bill.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + row.ToString("D8", CultureInfo.InvariantCulture);
        var refund = bill.Kind is "REFUND" or "RECHARGE_REFUND" || (bill.Kind == "ALL" && row % 10 == 0);
        var recharge = bill.Kind == "RECHARGE_REFUND";
        var head = Fields(time, AppId, bill.MerchantId, "0", "", transaction, order, OpenId, "JSAPI", refund ? "REFUND" : "SUCCESS", "OTHERS", "CNY");
        tally.Rows++;
        if (!refund)
        {
            tally.SettledFen += fen;
            tally.OrderFen += fen;
            tally.FeeUnits += fee;
            return bill.Kind == "SUCCESS"
                ? head + "," + Fields(Yuan(fen), "0.00", "sandbox bill row", "", Fee(fee), "0.60%", Yuan(fen), "")
                : head + "," + Fields(Yuan(fen), "0.00", "0", "0", "0.00", "0.00", "", "", "sandbox bill row", "", Fee(fee), "0.60%", Yuan(fen), "0.00", "");
        }
        if (recharge) tally.RechargeRefundFen += fen;
        else tally.RefundFen += fen;
        tally.FeeUnits -= fee;
        var refundId = "5030" + bill.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + row.ToString("D16", CultureInfo.InvariantCulture);
        var refundNumber = "SANDBOXREFUND" + row.ToString("D8", CultureInfo.InvariantCulture);
        var refunded = recharge ? "0.00" : Yuan(fen);
        var rechargeRefunded = recharge ? Yuan(fen) : "0.00";
        return bill.Kind == "ALL"
            ? head + "," + Fields("0.00", "0.00", refundId, refundNumber, refunded, rechargeRefunded, "ORIGINAL", "SUCCESS", "sandbox bill row", "", Fee(-fee), "0.60%", "0.00", Yuan(fen), "")
            : head + "," + Fields("0.00", "0.00", time, time, refundId, refundNumber, refunded, rechargeRefunded, "ORIGINAL", "SUCCESS", "sandbox bill row", "", Fee(-fee),
                "0.60%", "0.00", Yuan(fen), "");
    }

    // A fund flow row: Basic takes in payments and pays out every tenth as a refund; Operation takes in top-ups and pays out
    // every tenth to a coupon; Fees pays out fees only. The balance starts at 1000.00.
    private static string FundRow(Bill bill, int row, Tally tally)
    {
        var fen = 1 + row % 100;
        var fees = bill.Kind == "Fees";
        var expense = fees || row % 10 == 0;
        var (name, type) = bill.Kind switch
        {
            "Fees" => ("扣除交易手续费", "扣除交易手续费"),
            "Operation" => expense ? ("代金券", "代金券") : ("充值", "充值"),
            _ => expense ? ("退款", "退款") : ("交易", "交易"),
        };
        if (fees) fen = 1 + row % 3;
        tally.Rows++;
        if (expense)
        {
            tally.Expenses++;
            tally.ExpenseFen += fen;
        }
        else
        {
            tally.Income++;
            tally.IncomeFen += fen;
        }
        var date = bill.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var transaction = "4200" + date + row.ToString("D16", CultureInfo.InvariantCulture);
        return Fields(Time(bill.Date, row), transaction, bill.MerchantId + date + row.ToString("D10", CultureInfo.InvariantCulture), name, type,
            expense ? "支出" : "收入", Yuan(fen), Yuan(100000 + tally.IncomeFen - tally.ExpenseFen), "system", expense && !fees ? "缺货" : "",
            (expense && !fees ? "REF" : "") + transaction);
    }

    private static string Time(DateTime date, int row) =>
        date.AddSeconds(row % 86400).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    // Every field with its backquote, joined by commas.
    private static string Fields(params string[] fields) => "`" + string.Join(",`", fields);

    private static string Yuan(long fen) =>
        (fen < 0 ? "-" : "") + (Math.Abs(fen) / 100).ToString(CultureInfo.InvariantCulture) + "." + (Math.Abs(fen) % 100).ToString("00", CultureInfo.InvariantCulture);

    // A fee, in 0.00001 yuan, with five decimals as the bills write it.
    private static string Fee(long units) =>
        (units < 0 ? "-" : "") + (Math.Abs(units) / 100000).ToString(CultureInfo.InvariantCulture) + "." + (Math.Abs(units) % 100000).ToString("00000", CultureInfo.InvariantCulture);

    // What the summary adds up.
    private sealed class Tally
    {
        public long Rows;
        public long SettledFen;
        public long OrderFen;
        public long RefundFen;
        public long RechargeRefundFen;
        public long FeeUnits;
        public long Income;
        public long IncomeFen;
        public long Expenses;
        public long ExpenseFen;
    }
}
