namespace WeChatPay.Chain.Benchmarks.Support;

/// <summary>The two calls every benchmark makes: the seed POST (004, pre-entrust-sign) and a GET with a path value and a query.</summary>
internal static class Payloads
{
    public const string PostPath = "v3/papay/sign/contracts/pre-entrust-sign";

    /// <summary>The documented template of the GET; its <c>{out_trade_no}</c> is filled from <see cref="GetQuery"/>.</summary>
    public const string GetTemplate = "v3/pay/transactions/out-trade-no/{out_trade_no}";

    public const string OutTradeNo = "1217752501201407033233368018";

    /// <summary>The concrete GET path (what goes on the request line before the query).</summary>
    public const string GetPath = "v3/pay/transactions/out-trade-no/" + OutTradeNo;

    /// <summary>The seed payload of <c>POST v3/papay/sign/contracts/pre-entrust-sign</c> (seed page 004), as a C# caller writes it.</summary>
    public static readonly object PostBody = WeChatPay.Chain.Benchmarks.InBox.SeedBody.Value; // one body, shared with the in-box caller (linked source)

    /// <summary>The GET's values: <c>out_trade_no</c> fills the path, <c>mchid</c> goes to the query.</summary>
    public static readonly object GetQuery = new { out_trade_no = OutTradeNo, mchid = BenchKeys.MerchantId };

    public const string PostAnswer =
        "{\"pre_entrustweb_id\":\"5778aadY9nltAsZzXixCT9fdVkq6R3ZHpL5oLl0Mmq1jt9lFAm3Al5gUXPWdbN1G\"," +
        "\"redirect_url\":\"https://pay.weixin.qq.com/wiki/doc/api/pap.php?pre_entrustweb_id=5778aadY9nltAsZzXixCT9fdVkq6R3ZHpL5oLl0Mmq1jt9lFAm3Al5gUXPWdbN1G\"}";

    public const string GetAnswer =
        "{\"amount\":{\"currency\":\"CNY\",\"payer_currency\":\"CNY\",\"payer_total\":100,\"total\":100}," +
        "\"appid\":\"wxd678efh567hg6787\",\"attach\":\"\",\"bank_type\":\"OTHERS\",\"mchid\":\"1900000001\"," +
        "\"out_trade_no\":\"1217752501201407033233368018\",\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}," +
        "\"promotion_detail\":[],\"success_time\":\"2025-11-22T16:31:40+08:00\",\"trade_state\":\"SUCCESS\"," +
        "\"trade_state_desc\":\"支付成功\",\"trade_type\":\"JSAPI\",\"transaction_id\":\"4200000000202511220000000001\"}";
}
