using System.Collections.Generic;
using Newtonsoft.Json;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>
/// Typed requests written by hand the way the generated ones are (package WeChatPay.Chain.Models), so that the core's handling of
/// a typed request is tested on its own: body members serialized, path and query members [JsonIgnore] and reported. (This
/// assembly sees the core's internals, so its overrides are `protected internal`; the generated ones are `protected`.)
/// </summary>
public static class HandWrittenModels
{
    public sealed class JsapiRequest : WeChatPayRequest<JsapiAnswer>
    {
        [JsonProperty("appid")] public string Appid { get; set; } = null!;

        [JsonProperty("mchid")] public string Mchid { get; set; } = null!;

        [JsonProperty("description")] public string Description { get; set; } = null!;

        [JsonProperty("out_trade_no")] public string OutTradeNo { get; set; } = null!;

        [JsonProperty("notify_url")] public string NotifyUrl { get; set; } = null!;

        [JsonProperty("attach")] public string? Attach { get; set; }

        [JsonProperty("amount")] public AmountInfo Amount { get; set; } = null!;

        [JsonProperty("payer")] public PayerInfo Payer { get; set; } = null!;

        protected internal override string OperationMethod => "POST";

        protected internal override string OperationPath => "v3/pay/transactions/jsapi";

        protected internal override bool OperationHasBody => true;
    }

    public sealed class AmountInfo : WeChatPayModel
    {
        [JsonProperty("total")] public long Total { get; set; }

        [JsonProperty("currency")] public Currency? Currency { get; set; }
    }

    public sealed class Currency : WeChatPayEnum
    {
        public Currency(string value) : base(value) { }

        public static Currency Cny { get; } = new("CNY");

        public static implicit operator Currency(string value) => new(value);
    }

    public sealed class PayerInfo : WeChatPayModel
    {
        [JsonProperty("openid")] public string Openid { get; set; } = null!;

        [JsonProperty("identity")] public IdentityInfo? Identity { get; set; }
    }

    public sealed class IdentityInfo : WeChatPayModel
    {
        [JsonProperty("type")] public string Type { get; set; } = null!;

        [JsonProperty("number")] public string Number { get; set; } = null!;

        [JsonProperty("name")] public string Name { get; set; } = null!;
    }

    public sealed class JsapiAnswer : WeChatPayModel
    {
        [JsonProperty("prepay_id")] public string? PrepayId { get; set; }
    }

    public sealed class ByIdRequest : WeChatPayRequest<ByIdAnswer>
    {
        [JsonIgnore] public string TransactionId { get; set; } = null!;

        [JsonIgnore] public string Mchid { get; set; } = null!;

        protected internal override string OperationMethod => "GET";

        protected internal override string OperationPath => "v3/pay/transactions/id/{transaction_id}";

        protected internal override bool OperationHasBody => false;

        protected internal override IEnumerable<KeyValuePair<string, object?>> OperationPathValues() =>
            new[] { new KeyValuePair<string, object?>("transaction_id", TransactionId) };

        protected internal override IEnumerable<KeyValuePair<string, object?>> OperationQuery() =>
            new[] { new KeyValuePair<string, object?>("mchid", Mchid) };
    }

    public sealed class ByIdAnswer : WeChatPayModel
    {
        [JsonProperty("transaction_id")] public string? TransactionId { get; set; }

        [JsonProperty("trade_state")] public TradeState? TradeState { get; set; }

        [JsonProperty("amount")] public AmountInfo? Amount { get; set; }
    }

    public sealed class TradeState : WeChatPayEnum
    {
        public TradeState(string value) : base(value) { }

        public static TradeState Success { get; } = new("SUCCESS");
    }

    public sealed class CloseRequest : WeChatPayRequest<WeChatPayModel>
    {
        [JsonIgnore] public string OutTradeNo { get; set; } = null!;

        [JsonProperty("mchid")] public string Mchid { get; set; } = null!;

        protected internal override string OperationMethod => "POST";

        protected internal override string OperationPath => "v3/pay/transactions/out-trade-no/{out_trade_no}/close";

        protected internal override bool OperationHasBody => true;

        protected internal override IEnumerable<KeyValuePair<string, object?>> OperationPathValues() =>
            new[] { new KeyValuePair<string, object?>("out_trade_no", OutTradeNo) };
    }
}
