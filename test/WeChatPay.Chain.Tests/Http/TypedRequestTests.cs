using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Flurl.Http.Testing;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;
using static WeChatPay.Chain.Tests.Support.HandWrittenModels;

namespace WeChatPay.Chain.Tests.Http;

/// <summary>A typed request goes out as the same call an anonymous object makes, checked against its operation, and its answer is typed.</summary>
public class TypedRequestTests : HttpFixture
{
    private static readonly Lazy<RsaPrivateKey> PlatformPrivateKey = new(() => RsaPrivateKey.Load(TestData.PlatformKeyPath, null, "platform"));

    protected override bool AnswerSigned => false;

    private static JsapiRequest Order(string? identityNumber = null) => new()
    {
        Appid = "wxd678efh567hg6787",
        Mchid = "1230000109",
        Description = "Image形象店-深圳腾大-QQ公仔",
        OutTradeNo = "1217752501201407033233368018",
        NotifyUrl = "https://www.weixin.qq.com/wxpay/pay.php",
        Amount = new AmountInfo { Total = 100, Currency = Currency.Cny },
        Payer = new PayerInfo
        {
            Openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
            Identity = identityNumber is null ? null : new IdentityInfo { Type = "IDCARD", Number = identityNumber, Name = "张三" },
        },
    };

    private JObject SentBody(int call = 0) => JObject.Parse(Http.CallLog[call].RequestBody!);

    [Test]
    public async Task A_typed_request_is_sent_as_the_body_its_anonymous_twin_sends_and_its_answer_is_typed()
    {
        Http.RespondWithSigned("{\"prepay_id\":\"wx201410272009395522657a690389285100\",\"new_field\":{\"a\":1}}");
        Http.RespondWithSigned("{\"prepay_id\":\"wx201410272009395522657a690389285100\"}");

        var typed = await Client.V3.Pay.Transactions.Jsapi.PostAsync(Order());
        await Client.V3.Pay.Transactions.Jsapi.PostAsync(new
        {
            appid = "wxd678efh567hg6787", mchid = "1230000109", description = "Image形象店-深圳腾大-QQ公仔",
            out_trade_no = "1217752501201407033233368018", notify_url = "https://www.weixin.qq.com/wxpay/pay.php",
            amount = new { total = 100, currency = "CNY" }, payer = new { openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
        });

        Assert.Multiple(() =>
        {
            Assert.That(Http.CallLog[0].RequestBody, Is.EqualTo(Http.CallLog[1].RequestBody), "no null, no path or query member, the same order");
            Assert.That(Http.CallLog[0].HttpRequestMessage.RequestUri!.AbsolutePath, Is.EqualTo("/v3/pay/transactions/jsapi"));
            Assert.That(typed.Model!.PrepayId, Is.EqualTo("wx201410272009395522657a690389285100"));
            Assert.That(typed.Model.AdditionalData!["new_field"]!["a"]!.Value<int>(), Is.EqualTo(1), "a field the type does not know is kept");
            Assert.That((string)typed.Data.prepay_id, Is.EqualTo(typed.Model.PrepayId));
        });
    }

    [Test]
    public async Task The_sensitive_fields_of_a_typed_request_are_encrypted_by_the_same_catalog_marks()
    {
        Http.RespondWithSigned("{\"prepay_id\":\"wx1\"}");
        var order = Order(identityNumber: "110101199003071234");

        var response = await Client.V3.Pay.Transactions.Jsapi.PostAsync(order);

        var identity = SentBody()["payer"]!["identity"]!;
        Assert.Multiple(() =>
        {
            Assert.That((string)identity["number"]!, Is.Not.EqualTo("110101199003071234"));
            Assert.That(PlatformPrivateKey.Value.Decrypt((string)identity["number"]!), Is.EqualTo("110101199003071234"));
            Assert.That(PlatformPrivateKey.Value.Decrypt((string)identity["name"]!), Is.EqualTo("张三"));
            Assert.That(response.EncryptedFields, Is.EquivalentTo(new[] { "payer.identity.number", "payer.identity.name" }));
            Assert.That(order.Payer.Identity!.Number, Is.EqualTo("110101199003071234"), "the caller's object is not changed");
        });
    }

    [Test]
    public async Task A_typed_get_fills_its_path_value_and_query_from_its_members()
    {
        Http.RespondWithSigned("{\"transaction_id\":\"4200000001\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":100,\"currency\":\"CNY\"}}");

        var response = await Client.Chain("v3/pay/transactions/id/{transaction_id}").GetAsync(new ByIdRequest { TransactionId = "4200 0001/x", Mchid = "1230000109" });

        Assert.Multiple(() =>
        {
            Assert.That(Http.CallLog[0].HttpRequestMessage.RequestUri!.PathAndQuery, Is.EqualTo("/v3/pay/transactions/id/4200%200001%2Fx?mchid=1230000109"));
            Assert.That(Http.CallLog[0].RequestBody, Is.Null.Or.Empty);
            Assert.That(response.Model!.TradeState, Is.EqualTo(TradeState.Success));
            Assert.That(response.Model.Amount!.Total, Is.EqualTo(100));
            Assert.That(response.Model.Amount.Currency, Is.EqualTo(Currency.Cny));
        });
    }

    [Test]
    public void A_path_value_the_chain_already_wrote_must_agree_with_the_request()
    {
        Http.RespondWithSigned("{}");

        Assert.DoesNotThrow(() => Client.V3.Pay.Transactions.Id["4200000001"].Get(new ByIdRequest { TransactionId = "4200000001", Mchid = "1" }));
        var error = Assert.Throws<ArgumentException>(() => Client.V3.Pay.Transactions.Id["4200000001"].Get(new ByIdRequest { TransactionId = "4200000002", Mchid = "1" }));

        Assert.That(error!.Message, Does.Contain("{transaction_id}").And.Contain("ByIdRequest"));
        Assert.That(Http.CallLog, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_typed_request_sent_with_another_verb_is_refused_before_sending()
    {
        var error = Assert.Throws<ArgumentException>(() => Client.V3.Pay.Transactions.Jsapi.Put(Order()));

        Assert.That(error!.Message, Does.Contain("POST v3/pay/transactions/jsapi").And.Contain("PostAsync"));
        Http.ShouldNotHaveMadeACall();
    }

    [TestCase("v3/pay/transactions/native")]
    [TestCase("v3/pay/transactions/jsapi/x")]
    [TestCase("v3/undocumented")]
    public void A_typed_request_sent_to_another_node_is_refused_before_sending(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => Client.Chain(path).Post(Order()));

        Assert.That(error!.Message, Does.Contain("JsapiRequest is the request of POST v3/pay/transactions/jsapi"));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public async Task A_request_reaches_its_operation_where_another_shares_its_url_shape_under_other_placeholder_names()
    {
        // POST v3/apply4subject/applyment/{business_code}/cancel and …/{applyment_id}/cancel: one URL shape, two operations.
        Http.RespondWithSigned("{}");

        await Client.Chain("v3/apply4subject/applyment/B-1/cancel").PostAsync(new global::WeChatPay.Chain.Models.Apply4subjectApplymentBusinessCodeCancelPostRequest { BusinessCode = "B-1" });

        Assert.That(Http.CallLog[0].HttpRequestMessage.RequestUri!.AbsolutePath, Is.EqualTo("/v3/apply4subject/applyment/B-1/cancel"));
    }

    [Test]
    public async Task A_whole_decimal_leaves_as_the_integer_it_is_and_a_fraction_as_given()
    {
        // plan_id is documented as a number, so its generated member is a decimal; WeChat Pay's plan ids are whole.
        Http.RespondWithSigned("{}").RespondWithSigned("{}");
        var request = new global::WeChatPay.Chain.Models.PapaySignContractsPreEntrustSignPostRequest
        {
            SignScene = "SIGN_SCENE_APP", Appid = "wx1", PlanId = 12535, OutContractCode = "c1", ContractDisplayAccount = "a",
            ContractNotifyUrl = "https://example.com/n", OutUserCode = "u",
            DeviceInfo = new() { DeviceType = "DEVICE_TYPE_UNKNOW", DeviceOs = "o", DeviceId = "d", DeviceIp = "i", DeviceRunningAsRoot = false, WeixinInstalled = true, WeixinVersion = "v", DaysSinceFirstLogin = "DAYS_SINCE_FIRST_LOGIN_UNKNOW" },
        };

        await Client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(request);
        await Client.Chain("v3/pay/transactions/jsapi").PostAsync(new { amount = new { total = 100m, rate = 1.5m } });

        Assert.That(Http.CallLog[0].RequestBody, Does.Contain("\"plan_id\":12535,"));
        Assert.That(Http.CallLog[1].RequestBody, Is.EqualTo("{\"amount\":{\"total\":100,\"rate\":1.5}}"));
    }

    [Test]
    public async Task A_typed_query_of_enumerations_and_a_list_leaves_as_its_anonymous_twin_does()
    {
        Http.RespondWithSigned("{}").RespondWithSigned("{}");
        var node = Client.V3.NewTaxControlFapiao.Fapiaomerchant.Getspinviteurl;

        await node.GetAsync(new global::WeChatPay.Chain.Models.NewTaxControlFapiaoFapiaomerchantGetspinviteurlGetRequest
        {
            OperationType = "AUTH_BINDING", FapiaoMode = "TENCENT_DIGITAL_TAX", InviteCode = "i",
            FapiaoAbilityTypeList = new List<global::WeChatPay.Chain.Models.NewTaxControlFapiaoFapiaomerchantGetspinviteurlGetRequest.Types.FapiaoAbilityTypeList> { "BASE_ABILITY", "REAL_ESTATE_ABILITY" },
        });
        await node.GetAsync(new
        {
            operation_type = "AUTH_BINDING", fapiao_mode = "TENCENT_DIGITAL_TAX",
            fapiao_ability_type_list = new[] { "BASE_ABILITY", "REAL_ESTATE_ABILITY" }, invite_code = "i",
        });

        Assert.That(Http.CallLog[0].HttpRequestMessage.RequestUri!.Query, Is.EqualTo(Http.CallLog[1].HttpRequestMessage.RequestUri!.Query));
        Assert.That(Http.CallLog[0].HttpRequestMessage.RequestUri!.Query, Does.Contain("fapiao_ability_type_list=BASE_ABILITY&fapiao_ability_type_list=REAL_ESTATE_ABILITY"));
    }

    [Test]
    public async Task The_object_overloads_and_the_shorthand_route_a_typed_request_the_same_way()
    {
        Http.RespondWithSigned("{}").RespondWithSigned("{}").RespondWithSigned("{}");
        var close = new CloseRequest { OutTradeNo = "1217752501201407033233368018", Mchid = "1230000109" };

        await Client.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/close").PostAsync((object)close);
        await Client.V3.Pay.Transactions.OutTradeNo._out_trade_no_.Close(close);
        await ((dynamic)Client).V3.Pay.Transactions.OutTradeNo._out_trade_no_.Close.PostAsync(close);

        Assert.Multiple(() =>
        {
            foreach (var call in Http.CallLog)
            {
                Assert.That(call.HttpRequestMessage.RequestUri!.AbsolutePath, Is.EqualTo("/v3/pay/transactions/out-trade-no/1217752501201407033233368018/close"));
                Assert.That(call.RequestBody, Is.EqualTo("{\"mchid\":\"1230000109\"}"));
            }
        });
    }

    [Test]
    public async Task Additional_data_goes_into_the_body_of_a_post_and_the_query_of_a_get()
    {
        Http.RespondWithSigned("{}").RespondWithSigned("{}");
        var order = Order();
        order.AdditionalData = new Dictionary<string, JToken> { ["new_field"] = "x" };
        var byId = new ByIdRequest { TransactionId = "42", Mchid = "1", AdditionalData = new Dictionary<string, JToken> { ["sub_mchid"] = "2" } };

        await Client.V3.Pay.Transactions.Jsapi.PostAsync(order);
        await Client.V3.Pay.Transactions.Id["42"].GetAsync(byId);

        Assert.That((string)SentBody()["new_field"]!, Is.EqualTo("x"));
        Assert.That(Http.CallLog[1].HttpRequestMessage.RequestUri!.Query, Is.EqualTo("?mchid=1&sub_mchid=2"));
    }

    [Test]
    public void Additional_data_that_a_query_cannot_hold_is_refused()
    {
        var byId = new ByIdRequest { TransactionId = "42", Mchid = "1", AdditionalData = new Dictionary<string, JToken> { ["x"] = new JObject() } };

        var error = Assert.Throws<ArgumentException>(() => Client.V3.Pay.Transactions.Id["42"].Get(byId));

        Assert.That(error!.Message, Does.Contain("AdditionalData['x']"));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public async Task An_empty_answer_has_no_model()
    {
        Http.RespondWith(string.Empty, 204, TestClient.SignedHeaders(string.Empty));

        var response = await Client.V3.Pay.Transactions.OutTradeNo["1"].Close.PostAsync(new CloseRequest { OutTradeNo = "1", Mchid = "2" });

        Assert.That(response.StatusCode, Is.EqualTo(204));
        Assert.That(response.Model, Is.Null);
    }

    [Test]
    public async Task An_answer_field_that_does_not_fit_its_type_names_the_field_but_never_its_value()
    {
        Http.RespondWithSigned("{\"amount\":{\"total\":\"secret-looking-text\"}}");

        var response = await Client.V3.Pay.Transactions.Id["42"].GetAsync(new ByIdRequest { TransactionId = "42", Mchid = "1" });
        var error = Assert.Throws<InvalidOperationException>(() => _ = response.Model);

        Assert.That(error!.Message, Does.Contain("amount.total").And.Contain("ByIdAnswer").And.Not.Contain("secret-looking-text"));
        Assert.That((string)response.Data.amount.total, Is.EqualTo("secret-looking-text"), "the call succeeded and Data still reads it");
    }

    [Test]
    public void An_enumeration_keeps_a_value_the_catalog_does_not_know_and_compares_by_text()
    {
        var read = JToken.Parse("{\"trade_state\":\"NEW_STATE\"}").ToObject<ByIdAnswer>()!;

        Assert.Multiple(() =>
        {
            Assert.That(read.TradeState!.Value, Is.EqualTo("NEW_STATE"));
            Assert.That(new TradeState("SUCCESS"), Is.EqualTo(TradeState.Success));
            Assert.That(new TradeState("SUCCESS") == TradeState.Success, Is.True);
            Assert.That(new TradeState("SUCCESS").Equals(new Currency("SUCCESS")), Is.False, "another enumeration is another value");
            Assert.That(Newtonsoft.Json.JsonConvert.SerializeObject(read, new Newtonsoft.Json.JsonSerializerSettings { NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore }),
                Is.EqualTo("{\"trade_state\":\"NEW_STATE\"}"));
        });
    }
}
