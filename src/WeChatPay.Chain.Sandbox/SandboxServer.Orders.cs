using System;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Sandbox;

/// <content>Orders and refunds as WeChat Pay knows them: creations, closes and refund applications recorded, queries answered from what was recorded and notified.</content>
internal sealed partial class SandboxServer
{
    private static readonly HashSet<string> OrderCreations = new(StringComparer.Ordinal)
    {
        "v3/pay/transactions/jsapi", "v3/pay/transactions/app", "v3/pay/transactions/h5", "v3/pay/transactions/native",
        "v3/pay/partner/transactions/jsapi", "v3/pay/partner/transactions/app", "v3/pay/partner/transactions/h5", "v3/pay/partner/transactions/native",
    };

    // The answer to a query of an order or refund the sandbox knows; a 404 for one it does not when orders must exist;
    // null otherwise (the deterministic placeholder answers).
    private Answer? QueryOrder(CallRecord record, CatalogOperation operation, RequestInputs inputs)
    {
        if (operation.Method != "GET") return null;
        switch (operation.Path)
        {
            case "v3/pay/transactions/out-trade-no/{out_trade_no}":
            case "v3/pay/partner/transactions/out-trade-no/{out_trade_no}":
                return Known(record, Orders.Transaction(inputs.PathValues["out_trade_no"]), OrderNotExist);
            case "v3/pay/transactions/id/{transaction_id}":
            case "v3/pay/partner/transactions/id/{transaction_id}":
                return Known(record, Orders.TransactionById(inputs.PathValues["transaction_id"]), OrderNotExist);
            case "v3/refund/domestic/refunds/{out_refund_no}":
                return Known(record, Orders.Refund(inputs.PathValues["out_refund_no"]), RefundNotExist);
            default:
                return null;
        }
    }

    private Answer? Known(CallRecord record, JObject? known, Func<Rejection> missing) =>
        known is not null ? new Answer(200, known, null) : Orders.MustExist ? Reject(record, missing()) : null;

    private static Rejection OrderNotExist() => new(404, "ORDER_NOT_EXIST", "订单不存在", null);

    private static Rejection RefundNotExist() => new(404, "RESOURCE_NOT_EXISTS", "退款单不存在", null);

    // After a successful answer: an order created (NOTPAY), an order closed, a refund applied for.
    private void RecordOrder(CatalogOperation operation, RequestInputs inputs, JObject? answer)
    {
        if (operation.Method != "POST") return;
        if (OrderCreations.Contains(operation.Path))
            Orders.Created(inputs.Body);
        else if (operation.Path is "v3/pay/transactions/out-trade-no/{out_trade_no}/close" or "v3/pay/partner/transactions/out-trade-no/{out_trade_no}/close")
            Orders.Closed(inputs.PathValues["out_trade_no"]);
        else if (operation.Path == "v3/refund/domestic/refunds" && answer is not null)
            Orders.RefundApplied(answer);
    }
}
