using System.Linq;
using NUnit.Framework;

namespace WeChatPay.Chain.Tests.Analyzers;

/// <summary>The analyzer's four diagnostics at their exact spans, in every call style, nested objects and arrays, GET queries.</summary>
public class BodyAnalyzerTests
{
    // A JSAPI order with one of each mistake: out_trade_no misspelt (so WCP001 at the name and WCP002 at `new`), the amount in
    // yuan as a double, the payer as a string.
    private const string Mistaken = "new { appid = \"wxd678efh567hg6787\", mchid = \"1230000109\", description = \"Image\", {|WCP001:out_trad_no|} = \"T1\", " +
        "notify_url = \"https://example.com/notify\", amount = new { {|WCP003:total|} = 0.01 }, {|WCP004:payer|} = \"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\" }";

    private const string Correct = "new { appid = \"wxd678efh567hg6787\", mchid = \"1230000109\", description = \"Image\", out_trade_no = \"T1\", " +
        "notify_url = \"https://example.com/notify\", amount = new { total = 1, currency = \"CNY\" }, payer = new { openid = \"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\" } }";

    [TestCase("await wxpay.V3.Pay.Transactions.Jsapi.PostAsync(BODY);", TestName = "The typed chain is checked")]
    [TestCase("var node = wxpay.V3.Pay.Transactions.Jsapi;\nawait node.PostAsync(BODY);", TestName = "A variable holding a typed node is checked")]
    [TestCase("var pay = wxpay.V3.Pay;\nawait pay.Transactions.Jsapi(BODY);", TestName = "The shorthand is checked")]
    [TestCase("await wxpay.Chain(\"v3/pay/transactions/jsapi\").PostAsync(BODY);", TestName = "Chain with a constant path is checked")]
    [TestCase("await wxpay[\"v3/pay/transactions/jsapi\"].PostAsync(BODY);", TestName = "The indexer with a constant path is checked")]
    [TestCase("await wxpay.V3.Chain(\"pay/transactions/jsapi\").PostAsync(BODY);", TestName = "Chain on a typed node is checked")]
    [TestCase("wxpay.V3.Pay.Transactions.Jsapi.Post(BODY);", TestName = "The sync verb is checked")]
    [TestCase("await wxpay.V3.Pay.Transactions.Jsapi.PostAsync(body: BODY, options: null);", TestName = "A named body argument is checked")]
    [TestCase("var body = BODY;\nawait wxpay.V3.Pay.Transactions.Jsapi.PostAsync(body);", TestName = "A body held in a local is checked where it is written")]
    public void Each_mistake_is_reported_at_its_span(string call)
    {
        AnalyzerRun.Verify(call.Replace("BODY", "{|WCP002:new|}" + Mistaken.Substring(3)));
        AnalyzerRun.Verify(call.Replace("BODY", Correct));
    }

    [Test]
    public void Arrays_of_anonymous_objects_are_checked_element_by_element()
    {
        AnalyzerRun.Verify("""
            await wxpay.V3.Profitsharing.Orders.PostAsync(new
            {
                transaction_id = "4208450740201411110007820472", out_order_no = "P20150806125346", unfreeze_unsplit = true,
                receivers = new object[]
                {
                    new { type = "MERCHANT_ID", account = "86693852", {|WCP003:amount|} = 8.88m, description = "分给商户A" },
                    new { type = "MERCHANT_ID", account = "86693853", amount = 888, description = "分给商户B" },
                },
            });
            await wxpay.V3.Profitsharing.Orders.PostAsync(new
            {
                transaction_id = "4208450740201411110007820472", out_order_no = "P20150806125346", unfreeze_unsplit = true,
                receivers = new object[] { {|WCP002:new|} { type = "MERCHANT_ID", account = "86693852", {|WCP001:amout|} = 888, description = "分给商户A" } },
            });
            """);
    }

    [Test]
    public void Nested_objects_are_checked_at_every_level()
    {
        AnalyzerRun.Verify("""
            await wxpay.V3.Pay.Transactions.Jsapi(new
            {
                appid = "wxd678efh567hg6787", mchid = "1230000109", description = "Image", out_trade_no = "T1", notify_url = "https://example.com/notify",
                amount = {|WCP002:new|} { {|WCP001:currenc|} = "CNY" },
                payer = new { openid = "o" },
                detail = new { goods_detail = new[] { new { merchant_goods_id = "1246464644", quantity = 1, {|WCP003:unit_price|} = 5.28 } } },
            });
            """);
    }

    [Test]
    public void A_GET_query_may_fill_the_path_placeholders_and_names_its_documented_parameters()
    {
        AnalyzerRun.Verify("""
            await wxpay.V3.Pay.Transactions.Id["4200000001"].GetAsync({|WCP002:new|} { {|WCP001:mch_id|} = "1230000109" });
            await wxpay.V3.Pay.Transactions.Id._transaction_id_.GetAsync(new { transaction_id = "4200000001", mchid = "1230000109" });
            wxpay.Chain("v3/pay/transactions/id/4200000001").Get(new { mchid = "1230000109" });
            """);
    }

    [Test]
    public void Bodies_that_are_not_anonymous_objects_and_unknown_calls_are_left_alone()
    {
        AnalyzerRun.Verify("""
            await wxpay.V3.Pay.Transactions.Jsapi.PostAsync(new Dictionary<string, object> { ["out_trad_no"] = "T1", ["total"] = 0.01 });
            await wxpay.V3.Pay.Transactions.Jsapi.PostAsync("{\"out_trad_no\":\"T1\"}");
            await wxpay.V3.Pay.Transactions.Jsapi.PostAsync(Newtonsoft.Json.Linq.JObject.Parse("{\"out_trad_no\":\"T1\"}"));
            await wxpay.Chain("v3/not/documented").PostAsync(new { out_trad_no = "T1" });
            var path = "v3/pay/transactions/jsapi";
            await wxpay.Chain(path).PostAsync(new { out_trad_no = "T1" });
            WeChatPayNode untyped = wxpay.V3.Pay.Transactions.Jsapi;
            await untyped.PostAsync(new { out_trad_no = "T1" });
            await wxpay.V3.Pay.Transactions.Jsapi.GetAsync(new { out_trad_no = "T1" });
            """);
    }

    [Test]
    public void A_pragma_suppresses_the_diagnostic_it_names()
    {
        AnalyzerRun.Verify($$"""
            #pragma warning disable WCP001, WCP002 // the misspelling is the point of this sample
            await wxpay.V3.Pay.Transactions.Jsapi.PostAsync({{Mistaken.Replace("{|WCP001:out_trad_no|}", "out_trad_no")}});
            #pragma warning restore WCP001, WCP002
            """);
    }

    [TestCase("{ appid = \"wx\", mchid = \"1\", description = \"d\", out_trad_no = \"T1\", notify_url = \"u\", amount = new { total = 1 }, payer = new { openid = \"o\" } }",
        "WCP001", "POST v3/pay/transactions/jsapi does not document the field 'out_trad_no'; did you mean 'out_trade_no'?")]
    [TestCase("{ appid = \"wx\", mchid = \"1\", description = \"d\", out_trade_no = \"T1\", notify_url = \"u\", amount = new { total = 1, wholly_unknown = 2 }, payer = new { openid = \"o\" } }",
        "WCP001", "POST v3/pay/transactions/jsapi does not document the field 'amount.wholly_unknown'")]
    [TestCase("{ appid = \"wx\", mchid = \"1\", description = \"d\", out_trade_no = \"T1\", notify_url = \"u\", amount = new { currency = \"CNY\" }, payer = new { openid = \"o\" } }",
        "WCP002", "POST v3/pay/transactions/jsapi requires the field 'amount.total'")]
    [TestCase("{ appid = \"wx\", mchid = \"1\", description = \"d\", out_trade_no = \"T1\", notify_url = \"u\", amount = new { total = 0.01 }, payer = new { openid = \"o\" } }",
        "WCP003", "POST v3/pay/transactions/jsapi documents 'amount.total' as an integer (amounts are whole fen), but it is given a double")]
    [TestCase("{ appid = \"wx\", mchid = \"1\", description = \"d\", out_trade_no = \"T1\", notify_url = \"u\", amount = new { total = 1 }, payer = \"o\" }",
        "WCP004", "POST v3/pay/transactions/jsapi documents 'payer' as an object, but it is given a string")]
    [TestCase("{ appid = \"wx\", mchid = \"1\", description = \"d\", out_trade_no = new { id = 1 }, notify_url = \"u\", amount = new { total = 1 }, payer = new { openid = \"o\" } }",
        "WCP004", "POST v3/pay/transactions/jsapi documents 'out_trade_no' as a string, but it is given an object")]
    public void The_message_says_what_the_documentation_expects(string body, string id, string message)
    {
        var diagnostics = AnalyzerRun.Diagnostics(AnalyzerRun.InMethod("await wxpay.V3.Pay.Transactions.Jsapi.PostAsync(new " + body + ");"));

        Assert.That(diagnostics.Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)), Does.Contain(id + " " + message));
        Assert.That(diagnostics.Select(d => d.Severity), Is.All.EqualTo(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
    }
}
