using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Payments;

/// <summary>The pay parameters of <c>TestData/paysign.json</c>, made by an independent implementation (SHA256withRSA is deterministic: compared exactly).</summary>
public class PayParameterTests
{
    private static JObject Vectors => TestData.Vectors("paysign");

    private static IEnumerable<TestCaseData> Cases(string group) =>
        Vectors[group]!.Select(c => new TestCaseData(c).SetName($"Pay parameters {group} {(string)c["name"]!}"));

    private static IEnumerable<TestCaseData> Jsapi() => Cases("jsapi");

    private static IEnumerable<TestCaseData> App() => Cases("app");

    private static IEnumerable<TestCaseData> Invalid() => Cases("invalid");

    // A client on the vector's clock and nonce, with the vectors' merchant key (the test key).
    private static WeChatPayClient Client(string timestamp, string nonce)
    {
        var client = TestClient.Create(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture))));
        client.Setup.PayParameters.NonceSource = () => nonce;
        return client;
    }

    [TestCaseSource(nameof(Jsapi))]
    public void JSAPI_parameters_match_the_independent_implementation(JToken vector)
    {
        using var client = Client((string)vector["timeStamp"]!, (string)vector["nonceStr"]!);
        var prepayId = ((string)vector["package"]!).Substring("prepay_id=".Length);

        var parameters = client.JsapiPayParameters((string)vector["appId"]!, prepayId);

        Assert.That(parameters.PaySign, Is.EqualTo((string?)vector["paySign"]));
        var json = JObject.Parse(parameters.ToJson());
        foreach (var field in new[] { "appId", "timeStamp", "nonceStr", "package", "signType", "paySign" })
            Assert.That((string?)json[field], Is.EqualTo((string?)vector[field]), field);
        Assert.That(json.Properties().Count(), Is.EqualTo(6));
        Assert.That(WeChatPay.Chain.Payments.PayParameterSigner.Message(parameters.AppId, parameters.TimeStamp, parameters.NonceStr, parameters.Package),
            Is.EqualTo((string?)vector["message"]));
    }

    [TestCaseSource(nameof(App))]
    public void APP_parameters_match_the_independent_implementation(JToken vector)
    {
        using var client = Client((string)vector["timestamp"]!, (string)vector["noncestr"]!);

        var parameters = client.AppPayParameters((string)vector["appid"]!, (string)vector["prepayid"]!);

        Assert.That(parameters.Sign, Is.EqualTo((string?)vector["sign"]));
        var json = JObject.Parse(parameters.ToJson());
        foreach (var field in new[] { "appid", "partnerid", "prepayid", "package", "noncestr", "timestamp", "sign" })
            Assert.That((string?)json[field], Is.EqualTo((string?)vector[field]), field);
        Assert.That(json.Properties().Count(), Is.EqualTo(7));
    }

    [TestCaseSource(nameof(Invalid))]
    public void An_invalid_vectors_signature_is_not_what_the_client_makes_and_does_not_verify(JToken vector)
    {
        var jsapi = (string)vector["form"]! == "jsapi";
        var given = (string)vector[jsapi ? "paySign" : "sign"]!;
        using var client = Client((string)vector[jsapi ? "timeStamp" : "timestamp"]!, (string)vector[jsapi ? "nonceStr" : "noncestr"]!);

        var made = jsapi
            ? client.JsapiPayParameters((string)vector["appId"]!, ((string)vector["package"]!).Substring("prepay_id=".Length)).PaySign
            : client.AppPayParameters((string)vector["appid"]!, (string)vector["prepayid"]!).Sign;

        Assert.That(made, Is.Not.EqualTo(given), (string)vector["why"]!);
        var merchant = RsaPublicKey.Load(TestData.Key("merchant_pub.pem"), "merchant public key");
        Assert.That(merchant.Verify(Encoding.UTF8.GetBytes((string)vector["message"]!), made), Is.True, "the client's own signature verifies over the right message");
        Assert.That(merchant.Verify(Encoding.UTF8.GetBytes((string)vector["message"]!), given), Is.False, (string)vector["why"]!);
    }

    [Test]
    public void The_partnerid_is_the_merchant_id_unless_a_sub_merchant_is_named()
    {
        using var client = TestClient.Create();

        Assert.That(client.AppPayParameters("wxd678efh567hg6787", "wx201410272009395522657a690389285100").PartnerId, Is.EqualTo(TestData.MerchantId));
        Assert.That(client.AppPayParameters("wxd678efh567hg6787", "wx201410272009395522657a690389285100", "1900000109").PartnerId, Is.EqualTo("1900000109"));
    }

    [Test]
    public void Each_call_has_a_fresh_nonce()
    {
        using var client = TestClient.Create();

        var first = client.JsapiPayParameters("wxd678efh567hg6787", "wx201410272009395522657a690389285100");
        var second = client.JsapiPayParameters("wxd678efh567hg6787", "wx201410272009395522657a690389285100");

        Assert.That(first.NonceStr, Is.Not.EqualTo(second.NonceStr));
        Assert.That(first.NonceStr, Does.Match("^[0-9A-Za-z]{32}$"));
    }

    // A line break would make another signed message ("wx1\n1763800900" as the appId shifts every field); so would spaces and non-ASCII.
    [TestCase("wxd678efh567hg6787\n1763800900", "appId", "line feed")]
    [TestCase("wxd678efh567hg6787\r", "appId", "carriage return")]
    [TestCase("", "appId", "is empty")]
    [TestCase("wx 1", "appId", "U+0020")]
    [TestCase("wx微信", "appId", "U+5FAE")]
    public void An_unsignable_field_is_refused_naming_it(string appId, string name, string what)
    {
        using var client = TestClient.Create();

        var jsapi = Assert.Throws<ArgumentException>(() => client.JsapiPayParameters(appId, "wx201410272009395522657a690389285100"));
        var app = Assert.Throws<ArgumentException>(() => client.AppPayParameters("wxd678efh567hg6787", "wx2014\n10272009", "1900000001"));
        var partner = Assert.Throws<ArgumentException>(() => client.AppPayParameters("wxd678efh567hg6787", "wx201410272009395522657a690389285100", "19000\t00001"));

        Assert.That(jsapi!.ParamName, Is.EqualTo(name));
        Assert.That(jsapi.Message, Does.Contain(what).IgnoreCase);
        Assert.That(app!.ParamName, Is.EqualTo("prepayId"));
        Assert.That(partner!.ParamName, Is.EqualTo("partnerId"));
        Assert.Throws<ArgumentNullException>(() => client.JsapiPayParameters(null!, "wx1"));
    }

    // The documented lengths: appid string[1,32], prepay_id string[1,64], mchid (partnerid) string[1,32].
    [TestCase("jsapi", "appId", 33, 32)]
    [TestCase("jsapi", "appId", 10_000, 32)]
    [TestCase("jsapi", "prepayId", 65, 64)]
    [TestCase("jsapi", "prepayId", 10_000, 64)]
    [TestCase("app", "appId", 10_000, 32)]
    [TestCase("app", "prepayId", 10_000, 64)]
    [TestCase("app", "partnerId", 33, 32)]
    public void A_field_longer_than_documented_is_refused_naming_its_limit(string front, string field, int length, int limit)
    {
        using var client = TestClient.Create();
        string Value(string name, string normal) => name == field ? new string('w', length) : normal;
        var appId = Value("appId", "wxd678efh567hg6787");
        var prepayId = Value("prepayId", "wx201410272009395522657a690389285100");

        var error = Assert.Throws<ArgumentException>(() =>
        {
            if (front == "jsapi") client.JsapiPayParameters(appId, prepayId);
            else client.AppPayParameters(appId, prepayId, Value("partnerId", "1900000001"));
        });

        Assert.That(error!.ParamName, Is.EqualTo(field));
        Assert.That(error.Message, Does.StartWith($"{field} has {length} characters, more than the {limit} WeChat Pay documents"));
        Assert.That(error.Message, Does.Not.Contain(new string('w', length)), "the value is not quoted");
    }

    [Test]
    public void Fields_of_exactly_the_documented_lengths_are_signed()
    {
        using var client = TestClient.Create();

        var jsapi = client.JsapiPayParameters(new string('w', 32), new string('p', 64));
        var app = client.AppPayParameters(new string('w', 32), new string('p', 64), new string('1', 32));

        Assert.That(jsapi.PaySign, Is.Not.Empty);
        Assert.That(app.Sign, Is.Not.Empty);
    }
}
