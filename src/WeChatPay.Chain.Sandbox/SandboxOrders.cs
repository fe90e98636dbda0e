using System;
using System.Collections.Generic;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// What the sandbox knows of orders and refunds, so that queries agree with what it notified: transactions by
/// <c>out_trade_no</c> (and <c>transaction_id</c>), refunds by <c>out_refund_no</c>, each as its query answers it. Orders
/// created and not notified are <c>NOTPAY</c>. Thread-safe; the oldest are forgotten beyond <see cref="Capacity"/> each.
/// </summary>
internal sealed class SandboxOrders
{
    /// <summary>The most transactions, and the most refunds, remembered.</summary>
    public const int Capacity = 100_000;

    // The order fields a creation request carries that its query answers.
    private static readonly string[] CreatedFields = { "appid", "mchid", "sp_appid", "sp_mchid", "sub_appid", "sub_mchid", "out_trade_no", "attach" };

    private readonly object _gate = new();
    private readonly Book _transactions = new();
    private readonly Book _refunds = new();
    private readonly Dictionary<string, string> _transactionIds = new(StringComparer.Ordinal);

    public SandboxOrders(bool mustExist) => MustExist = mustExist;

    /// <summary>Whether a query of an order or refund the sandbox does not know answers 404 (else the placeholder answers).</summary>
    public bool MustExist { get; }

    /// <summary>
    /// Records what a notification says: a <c>TRANSACTION.*</c> resource by its <c>out_trade_no</c> and <c>transaction_id</c>
    /// (<c>trade_state</c> from the event when the resource has none), a <c>REFUND.*</c> resource by its <c>out_refund_no</c>
    /// (its <c>refund_status</c> as the query's <c>status</c>). Other events, and resources that are not JSON objects, are not orders.
    /// </summary>
    public void Notified(string eventType, string plaintext)
    {
        var dot = eventType.IndexOf('.');
        if (dot <= 0) return;
        var kind = eventType.Substring(0, dot);
        var state = eventType.Substring(dot + 1);
        if ((kind != "TRANSACTION" && kind != "REFUND") || Parse(plaintext) is not { } resource) return;

        if (kind == "TRANSACTION")
        {
            if (Key(resource["out_trade_no"]) is not { } outTradeNo) return;
            if (resource["trade_state"] is null) resource["trade_state"] = state;
            lock (_gate)
            {
                Forget(_transactions.Put(outTradeNo, resource));
                if (Key(resource["transaction_id"]) is { } transactionId) _transactionIds[transactionId] = outTradeNo;
            }
            return;
        }

        if (Key(resource["out_refund_no"]) is not { } outRefundNo) return;
        var status = resource["refund_status"];
        resource.Remove("refund_status");
        if (resource["status"] is null) resource["status"] = status ?? state;
        lock (_gate) _refunds.Put(outRefundNo, resource);
    }

    /// <summary>Records an order created (the body of a successful <c>POST v3/pay/…transactions/{jsapi,app,h5,native}</c>) as <c>NOTPAY</c>, unless it is known.</summary>
    public void Created(JObject request)
    {
        if (Key(request["out_trade_no"]) is not { } outTradeNo) return;
        var order = new JObject();
        foreach (var name in CreatedFields)
        {
            if (request[name] is JValue { Type: JTokenType.String } value) order[name] = value.DeepClone();
        }
        order["trade_state"] = "NOTPAY";
        order["trade_state_desc"] = "订单未支付";
        if (request["amount"] is JObject amount)
        {
            var currency = amount["currency"] is JValue { Type: JTokenType.String } given ? (string)given! : "CNY";
            order["amount"] = new JObject { ["total"] = amount["total"]?.DeepClone(), ["currency"] = currency, ["payer_currency"] = currency };
        }
        lock (_gate)
        {
            if (_transactions.Get(outTradeNo) is null) Forget(_transactions.Put(outTradeNo, order));
        }
    }

    /// <summary>Records a close (<c>POST …/out-trade-no/{out_trade_no}/close</c>): an unpaid order becomes <c>CLOSED</c>.</summary>
    public void Closed(string outTradeNo)
    {
        lock (_gate)
        {
            if (_transactions.Get(outTradeNo) is { } order && (string?)order["trade_state"] == "NOTPAY")
            {
                order["trade_state"] = "CLOSED";
                order["trade_state_desc"] = "订单已关闭";
            }
        }
    }

    /// <summary>Records a refund applied for (the answer of <c>POST v3/refund/domestic/refunds</c>) as it was answered, unless it is known.</summary>
    public void RefundApplied(JObject answer)
    {
        if (Key(answer["out_refund_no"]) is not { } outRefundNo) return;
        lock (_gate)
        {
            if (_refunds.Get(outRefundNo) is null) _refunds.Put(outRefundNo, (JObject)answer.DeepClone());
        }
    }

    /// <summary>The query answer of an order by <c>out_trade_no</c>, a copy; null when unknown.</summary>
    public JObject? Transaction(string outTradeNo)
    {
        lock (_gate) return (JObject?)_transactions.Get(outTradeNo)?.DeepClone();
    }

    /// <summary>The query answer of an order by <c>transaction_id</c>, a copy; null when unknown.</summary>
    public JObject? TransactionById(string transactionId)
    {
        lock (_gate)
        {
            return _transactionIds.TryGetValue(transactionId, out var outTradeNo) ? (JObject?)_transactions.Get(outTradeNo)?.DeepClone() : null;
        }
    }

    /// <summary>The query answer of a refund by <c>out_refund_no</c>, a copy; null when unknown.</summary>
    public JObject? Refund(string outRefundNo)
    {
        lock (_gate) return (JObject?)_refunds.Get(outRefundNo)?.DeepClone();
    }

    // Drops the transaction_id index of a transaction forgotten for room.
    private void Forget(JObject? forgotten)
    {
        if (forgotten is not null && Key(forgotten["transaction_id"]) is { } transactionId) _transactionIds.Remove(transactionId);
    }

    private static JObject? Parse(string plaintext)
    {
        try
        {
            return SandboxJson.Parse(plaintext) as JObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // An identifier as text: a JSON string or integer; null for anything else.
    private static string? Key(JToken? token) =>
        token is JValue { Type: JTokenType.String or JTokenType.Integer } value
            && Convert.ToString(value.Value, CultureInfo.InvariantCulture) is { Length: > 0 } text ? text : null;

    /// <summary>Entries by key, oldest forgotten first beyond <see cref="Capacity"/>; callers hold the lock.</summary>
    private sealed class Book
    {
        private readonly Dictionary<string, JObject> _entries = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();

        public JObject? Get(string key) => _entries.TryGetValue(key, out var entry) ? entry : null;

        // Adds or replaces; returns the entry forgotten to make room, if any.
        public JObject? Put(string key, JObject entry)
        {
            if (_entries.ContainsKey(key))
            {
                _entries[key] = entry;
                return null;
            }
            _entries[key] = entry;
            _order.Enqueue(key);
            if (_order.Count <= Capacity) return null;
            var oldest = _order.Dequeue();
            return _entries.Remove(oldest, out var forgotten) ? forgotten : null;
        }
    }
}
