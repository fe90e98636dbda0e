using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Models;
using WeChatPay.Chain.Shared;
using SignScene = WeChatPay.Chain.Models.PapaySignContractsPreEntrustSignPostRequest.Types.SignScene;

namespace WeChatPay.Chain.Tests.Models;

/// <summary>The generated types read and write the documented JSON with the client's own serializer settings.</summary>
public class ModelSerializationTests
{
    private static PayTransactionsJsapiPostRequest Jsapi() => new()
    {
        Appid = "wxd678efh567hg6787",
        Mchid = "1230000109",
        Description = "Image形象店-深圳腾大-QQ公仔",
        OutTradeNo = "1217752501201407033233368018",
        NotifyUrl = "https://www.weixin.qq.com/wxpay/pay.php",
        Amount = new() { Total = 100 },
        Payer = new() { Openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
        Detail = new() { GoodsDetail = new List<PayTransactionsJsapiPostRequest.Types.Detail.Types.GoodsDetail> { new() { MerchantGoodsId = "1246464644", Quantity = 1, UnitPrice = 528800 } } },
    };

    [Test]
    public void A_request_is_written_with_exactly_the_documented_field_names_and_without_nulls()
    {
        var json = JObject.Parse(WeChatPayJson.Serialize(Jsapi()));

        Assert.That(json.Properties().Select(p => p.Name), Is.EqualTo(new[] { "appid", "mchid", "description", "out_trade_no", "amount", "notify_url", "detail", "payer" }));
        Assert.That(((JObject)json["amount"]!).Properties().Select(p => p.Name), Is.EqualTo(new[] { "total" }), "currency was not set, so it is left out");
        Assert.That((string?)json["detail"]!["goods_detail"]![0]!["merchant_goods_id"], Is.EqualTo("1246464644"));
        Assert.That((long?)json["amount"]!["total"], Is.EqualTo(100));
    }

    [Test]
    public void Path_and_query_members_stay_out_of_the_body_and_are_reported_where_they_go()
    {
        var request = new PayTransactionsIdTransactionIdGetRequest { Mchid = "1230000109", TransactionId = "1217752501201407033233368018" };

        Assert.That(WeChatPayJson.Serialize(request), Is.EqualTo("{}"));
        Assert.That(request.OperationHasBody, Is.False);
        Assert.That(request.OperationPathValues(), Is.EqualTo(new[] { new KeyValuePair<string, object?>("transaction_id", "1217752501201407033233368018") }));
        Assert.That(request.OperationQuery(), Is.EqualTo(new[] { new KeyValuePair<string, object?>("mchid", "1230000109") }));
        Assert.That(request.ToString(), Is.EqualTo("GET v3/pay/transactions/id/{transaction_id} (PayTransactionsIdTransactionIdGetRequest)"));
    }

    [Test]
    public void An_answer_keeps_a_field_it_does_not_declare_in_AdditionalData()
    {
        var answer = JsonConvert.DeserializeObject<PayTransactionsIdTransactionIdGetResponse>(
            "{\"transaction_id\":\"4200000001\",\"amount\":{\"total\":100,\"currency\":\"CNY\",\"new_amount_field\":7},\"field_added_later\":{\"a\":1}}", WeChatPayJson.Settings)!;

        Assert.That(answer.TransactionId, Is.EqualTo("4200000001"));
        Assert.That(answer.Amount!.Currency, Is.EqualTo("CNY"));
        Assert.That(answer.AdditionalData!.Keys, Is.EqualTo(new[] { "field_added_later" }));
        Assert.That((int)answer.AdditionalData["field_added_later"]!["a"]!, Is.EqualTo(1));
        Assert.That((int)answer.Amount.AdditionalData!["new_amount_field"], Is.EqualTo(7));
    }

    [Test]
    public void An_enumeration_reads_a_value_the_catalog_does_not_know_and_writes_it_back()
    {
        var scene = JsonConvert.DeserializeObject<SignScene>("\"SIGN_SCENE_NOT_YET_DOCUMENTED\"", WeChatPayJson.Settings)!;

        Assert.That(scene.Value, Is.EqualTo("SIGN_SCENE_NOT_YET_DOCUMENTED"));
        Assert.That(JsonConvert.SerializeObject(scene, WeChatPayJson.Settings), Is.EqualTo("\"SIGN_SCENE_NOT_YET_DOCUMENTED\""));
    }

    [Test]
    public void A_documented_value_read_from_JSON_equals_its_static_member()
    {
        var scene = JsonConvert.DeserializeObject<SignScene>("\"SIGN_SCENE_APP\"", WeChatPayJson.Settings);
        SignScene fromText = "SIGN_SCENE_QRCODE";

        Assert.That(scene, Is.EqualTo(SignScene.SignSceneApp));
        Assert.That(scene == SignScene.SignSceneApp, Is.True);
        Assert.That(fromText, Is.EqualTo(SignScene.SignSceneQrcode).And.Not.EqualTo(SignScene.SignSceneApp));
        Assert.That(JsonConvert.SerializeObject(SignScene.SignSceneQrcode, WeChatPayJson.Settings), Is.EqualTo("\"SIGN_SCENE_QRCODE\""));
    }
}
