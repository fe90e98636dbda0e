using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Flurl.Http.Testing;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Chain;

public class ChainShapeTests : HttpFixture
{
    private const string Url = "https://api.mch.weixin.qq.com/v3/papay/sign/contracts/pre-entrust-sign";

    private static readonly Dictionary<string, Func<WeChatPayClient, dynamic>> Shapes = new Dictionary<string, Func<WeChatPayClient, dynamic>>
    {
        ["pure chain"] = c => c.V3.Papay.Sign.Contracts.PreEntrustSign,
        ["camelCase chain"] = c => ((dynamic)c.V3).papay.sign.contracts.preEntrustSign,
        ["Chain()"] = c => c.Chain("v3/papay/sign/contracts/pre-entrust-sign"),
        ["indexer"] = c => c["v3/papay/sign/contracts/pre-entrust-sign"],
        ["leading slash"] = c => c["/v3/papay/sign/contracts/pre-entrust-sign"],
        ["chain then Chain()"] = c => c.V3.Papay.Chain("sign/contracts/pre-entrust-sign"),
        ["indexer then chain"] = c => ((dynamic)c["v3/papay"]).Sign.Contracts.PreEntrustSign,
    };

    private static IEnumerable<TestCaseData> ShapesTimesVerbs()
    {
        foreach (var shape in Shapes.Keys)
            foreach (var verb in new[] { "GET", "POST", "PUT", "PATCH", "DELETE" })
                foreach (var async in new[] { true, false })
                    yield return new TestCaseData(shape, verb, async).SetName($"{shape} {verb} {(async ? "async" : "sync")} hits the documented URL");
    }

    [TestCaseSource(nameof(ShapesTimesVerbs))]
    public async Task Every_chain_shape_and_verb_hits_the_expected_method_and_url(string shape, string verb, bool async)
    {
        dynamic node = Shapes[shape](Client);
        WeChatPayResponse response = await Invoke(node, verb, async);

        Assert.That(response.StatusCode, Is.EqualTo(200));
        Http.ShouldHaveCalled(Url).WithVerb(new HttpMethod(verb)).Times(1);
    }

    private static async Task<WeChatPayResponse> Invoke(dynamic node, string verb, bool async)
    {
        var body = new { sign_scene = "SIGN_SCENE_APP" };
        switch (verb)
        {
            case "GET": return async ? await node.GetAsync() : node.Get();
            case "POST": return async ? await node.PostAsync(body) : node.Post(body);
            case "PUT": return async ? await node.PutAsync(body) : node.Put(body);
            case "PATCH": return async ? await node.PatchAsync(body) : node.Patch(body);
            default: return async ? await node.DeleteAsync() : node.Delete();
        }
    }

    [Test]
    public async Task Statically_typed_indexer_calls_need_no_dynamic()
    {
        WeChatPayNode node = Client["v3/papay/sign/contracts/pre-entrust-sign"];
        var response = await node.PostAsync(new { sign_scene = "SIGN_SCENE_APP" });

        Assert.That(response.StatusCode, Is.EqualTo(200));
        Http.ShouldHaveCalled(Url).WithVerb(HttpMethod.Post).WithRequestBody("{\"sign_scene\":\"SIGN_SCENE_APP\"}");
    }

    [Test]
    public async Task Invoking_the_last_segment_is_an_async_post_with_that_body()
    {
        var response = await Client.V3.Eduschoolpay.Contracts.Presign(new { appid = "wx8888888888888888" });

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Http.ShouldHaveCalled("https://api.mch.weixin.qq.com/v3/eduschoolpay/contracts/presign")
            .WithVerb(HttpMethod.Post).WithRequestBody("{\"appid\":\"wx8888888888888888\"}");
    }

    [Test]
    public async Task Invoking_a_node_held_in_a_variable_is_an_async_post()
    {
        dynamic presign = Client.V3.Eduschoolpay.Contracts.Presign;
        await presign(new { appid = "wx1" });

        Http.ShouldHaveCalled("https://api.mch.weixin.qq.com/v3/eduschoolpay/contracts/presign").WithVerb(HttpMethod.Post);
    }

    [TestCase("post")]
    [TestCase("postAsync")]
    [TestCase("POST")]
    public async Task Verb_names_in_any_case_stay_verbs(string verb)
    {
        dynamic node = Client.V3.Eduschoolpay.Contracts.Presign;
        object result = verb switch
        {
            "post" => node.post(new { a = 1 }),
            "postAsync" => await node.postAsync(new { a = 1 }),
            _ => node.POST(new { a = 1 }),
        };

        Assert.That(result, Is.InstanceOf<WeChatPayResponse>());
        Http.ShouldHaveCalled("https://api.mch.weixin.qq.com/v3/eduschoolpay/contracts/presign").WithVerb(HttpMethod.Post);
    }

    [Test]
    public async Task The_node_style_config_carries_extra_headers()
    {
        await Client.V3.Eduschoolpay.Contracts.Presign(new { appid = "wx1" }, new WeChatPayRequestOptions { Headers = new { Wechatpay_Serial = TestData.PublicKeyId } });

        Http.ShouldHaveCalled("*/v3/eduschoolpay/contracts/presign").WithHeader("Wechatpay-Serial", TestData.PublicKeyId);
    }

    [Test]
    public async Task A_template_member_takes_its_value_from_the_query_object_of_a_get()
    {
        await Client.V3.Pay.Transactions.Id._transaction_id_.GetAsync(new { transaction_id = "4200000001", mchid = "1900000001" });

        Http.ShouldHaveCalled("https://api.mch.weixin.qq.com/v3/pay/transactions/id/4200000001?mchid=1900000001").WithVerb(HttpMethod.Get);
    }

    [Test]
    public async Task A_template_member_takes_its_value_from_path_values_on_any_verb()
    {
        await Client.V3.Pay.Transactions.OutTradeNo._out_trade_no_.Close.PostAsync(
            new { mchid = "1900000001" }, new WeChatPayRequestOptions { PathValues = new { out_trade_no = "AbC-123" } });

        Http.ShouldHaveCalled("https://api.mch.weixin.qq.com/v3/pay/transactions/out-trade-no/AbC-123/close")
            .WithVerb(HttpMethod.Post).WithRequestBody("{\"mchid\":\"1900000001\"}");
    }

    [Test]
    public async Task A_literal_value_through_the_indexer_keeps_its_case()
    {
        await Client.V3.Pay.Transactions.OutTradeNo["AbC_xYz"].GetAsync(new { mchid = "1900000001" });

        Http.ShouldHaveCalled("https://api.mch.weixin.qq.com/v3/pay/transactions/out-trade-no/AbC_xYz?mchid=1900000001");
    }

    [Test]
    public async Task A_literal_value_is_escaped_as_one_segment()
    {
        await Client.V3.Pay.Transactions.OutTradeNo["ORDER/2025 11中"].GetAsync(new { mchid = "1900000001" });

        Assert.That(Http.CallLog[0].HttpRequestMessage.RequestUri!.PathAndQuery,
            Is.EqualTo("/v3/pay/transactions/out-trade-no/ORDER%2F2025%2011%E4%B8%AD?mchid=1900000001"));
    }

    [Test]
    public async Task A_template_value_is_escaped_as_one_segment()
    {
        await Client.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").GetAsync(new { out_trade_no = "a/b?c", mchid = "1" });

        Assert.That(Http.CallLog[0].HttpRequestMessage.RequestUri!.PathAndQuery,
            Is.EqualTo("/v3/pay/transactions/out-trade-no/a%2Fb%3Fc?mchid=1"));
    }

    [Test]
    public async Task Numbers_index_as_invariant_text()
    {
        await Client.V3.Marketing.Busifavor.Stocks[98065001].Budget.PatchAsync(new { target_max_coupons = 8 });

        Http.ShouldHaveCalled("https://api.mch.weixin.qq.com/v3/marketing/busifavor/stocks/98065001/budget").WithVerb(new HttpMethod("PATCH"));
    }

    [Test]
    public async Task A_trailing_slash_in_a_documented_path_is_kept()
    {
        await Client["v3/applyment4sub/applyment/"].PostAsync(new { business_code = "1" });

        Http.ShouldHaveCalled("https://api.mch.weixin.qq.com/v3/applyment4sub/applyment/");
    }

    [Test]
    public async Task Query_parameters_come_from_the_options_too_and_null_values_are_left_out()
    {
        await Client.V3.Bill.Tradebill.GetAsync(new { bill_date = "2025-11-21", bill_type = (string?)null },
            new WeChatPayRequestOptions { Query = new { tar_type = "GZIP" } });

        Assert.That(Http.CallLog[0].HttpRequestMessage.RequestUri!.PathAndQuery, Is.EqualTo("/v3/bill/tradebill?bill_date=2025-11-21&tar_type=GZIP"));
    }

    [Test]
    public void A_cancelled_token_cancels_the_call()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        WeChatPayNode node = Client["v3/certificates"];

        Assert.That(async () => await node.GetAsync(cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task The_cancellation_token_travels_through_the_dynamic_chain()
    {
        using var cts = new CancellationTokenSource();
        await Client.V3.Certificates.GetAsync(cancellationToken: cts.Token);

        Http.ShouldHaveCalled("https://api.mch.weixin.qq.com/v3/certificates");
    }
}
