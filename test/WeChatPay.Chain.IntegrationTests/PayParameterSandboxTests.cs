using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>Pay parameters made by the client from the sandbox's own prepay_id, judged by the sandbox's own check.</summary>
public class PayParameterSandboxTests : SandboxFixture
{
    private async Task<string> PrepayId()
    {
        WeChatPayResponse order = await client.V3.Pay.Transactions.App.PostAsync(new
        {
            appid = "wxd678efh567hg6787",
            mchid = "1900000001",
            description = "Image形象店-深圳腾大-QQ公仔",
            out_trade_no = "1217752501201407033233368018",
            notify_url = "https://www.weixin.qq.com/wxpay/pay.php",
            amount = new { total = 100, currency = "CNY" },
        });
        return (string)order.Json!["prepay_id"]!;
    }

    [Test]
    public async Task JSAPI_and_APP_parameters_for_an_order_are_accepted()
    {
        var prepayId = await PrepayId();

        var jsapi = sandbox.CheckPayParameters(client.JsapiPayParameters("wxd678efh567hg6787", prepayId).ToJson());
        var app = sandbox.CheckPayParameters(client.AppPayParameters("wxd678efh567hg6787", prepayId).ToJson());

        Assert.That((jsapi.Accepted, jsapi.Form, jsapi.PrepayId), Is.EqualTo((true, "jsapi", prepayId)), jsapi.ToString());
        Assert.That((app.Accepted, app.Form, app.PrepayId), Is.EqualTo((true, "app", prepayId)), app.ToString());
    }

    [TestCase("appId", "wx0000000000000000")]
    [TestCase("timeStamp", "1")]
    [TestCase("nonceStr", "00000000000000000000000000000000")]
    [TestCase("package", "prepay_id=wx0")]
    public async Task A_JSAPI_field_changed_after_signing_is_refused(string field, string value)
    {
        var json = JObject.Parse(client.JsapiPayParameters("wxd678efh567hg6787", await PrepayId()).ToJson());
        json[field] = value;

        var check = sandbox.CheckPayParameters(json.ToString());

        Assert.That(check.Accepted, Is.False);
        Assert.That(check.Problem, Does.Contain("does not verify with the merchant public key"));
    }

    [TestCase("partnerid", "1900000109", "partnerid is not the merchant id")]
    [TestCase("prepayid", "wx0", "does not verify")]
    [TestCase("package", "prepay_id=wx0", "package is not Sign=WXPay")]
    public async Task An_APP_field_changed_after_signing_is_refused(string field, string value, string problem)
    {
        var json = JObject.Parse(client.AppPayParameters("wxd678efh567hg6787", await PrepayId()).ToJson());
        json[field] = value;

        var check = sandbox.CheckPayParameters(json.ToString());

        Assert.That(check.Accepted, Is.False);
        Assert.That(check.Problem, Does.Contain(problem));
    }

    [TestCase("not json", "not a JSON object")]
    [TestCase("{}", "neither paySign")]
    [TestCase("{\"paySign\":\"x\",\"appId\":\"wx1\"}", "timeStamp is missing")]
    public void Malformed_parameters_are_refused_saying_why(string json, string problem)
    {
        var check = sandbox.CheckPayParameters(json);

        Assert.That(check.Accepted, Is.False);
        Assert.That(check.Problem, Does.Contain(problem));
    }
}
