using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.V2.Calls;

/// <summary>What an APIv2 call sends: the URL without v2/, a signed flat XML body, no v3 headers; what it refuses before sending.</summary>
public class ApiV2RequestTests : V2CallFixture
{
    private static readonly (string Name, Func<WeChatPayClient, object, Task<WeChatPayResponse>> Call)[] Styles =
    {
        ("Chain", (c, b) => c.Chain("v2/pay/micropay").PostAsync(b)),
        ("indexer", (c, b) => c["v2/pay/micropay"].PostAsync(b)),
        ("dynamic", (c, b) => (Task<WeChatPayResponse>)((dynamic)c).V2.Pay.Micropay.PostAsync(b)),
        ("V2 node", (c, b) => c.V2.Chain("pay/micropay").PostAsync(b)),
        ("sync", (c, b) => Task.FromResult(c.Chain("v2/pay/micropay").Post(b))),
        ("dynamic sync", (c, b) => Task.FromResult((WeChatPayResponse)((dynamic)c).V2.Pay.Micropay.Post(b))),
        ("typed", (c, b) => c.V2.Pay.Micropay.PostAsync(b)),
        ("typed shorthand", (c, b) => c.V2.Pay.Micropay(b)),
        ("typed sync", (c, b) => Task.FromResult(c.V2.Pay.Micropay.Post(b))),
    };

    private static string[] StyleNames => Styles.Select(s => s.Name).ToArray();

    [TestCaseSource(nameof(StyleNames))]
    public async Task A_micropay_is_signed_xml_sent_to_the_url_without_v2(string style)
    {
        Answer(Success(ApiV2SignType.Md5, ("transaction_id", "4200000001"), ("total_fee", "888")));

        var res = await Styles.Single(s => s.Name == style).Call(Client, Micropay());

        var sent = Http.CallLog.Single();
        var fields = SentFields();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Request.Url.ToString(), Is.EqualTo("https://api.mch.weixin.qq.com/pay/micropay"));
            Assert.That(sent.HttpRequestMessage.Content!.Headers.ContentType!.MediaType, Is.EqualTo("text/xml"));
            Assert.That(sent.HttpRequestMessage.Headers.Contains("Authorization"), Is.False, "no v3 signature");
            Assert.That(sent.HttpRequestMessage.Headers.Contains("Wechatpay-Serial"), Is.False);
            Assert.That(sent.RequestBody, Does.StartWith("<xml><appid>wxd678efh567hg6787</appid>"));
            Assert.That(fields["total_fee"], Is.EqualTo("888"));
            Assert.That(fields["nonce_str"], Does.Match("^[0-9A-Za-z]{32}$"));
            Assert.That(fields.ContainsKey("sign_type"), Is.False);
            Assert.That(fields["sign"], Does.Match("^[0-9A-F]{32}$"));
            Assert.That(ApiV2Signature.Verify(fields, Key, ApiV2SignType.Md5), Is.True);
            Assert.That((string)res.Data.transaction_id, Is.EqualTo("4200000001"));
            Assert.That(res.Json!["total_fee"]!.Type, Is.EqualTo(Newtonsoft.Json.Linq.JTokenType.String));
            Assert.That(res.Body, Does.StartWith("<xml>"));
        });
    }

    [Test]
    public async Task Hmac_sha256_is_honoured_when_the_body_asks()
    {
        Answer(Success(ApiV2SignType.HmacSha256, ("trade_state", "SUCCESS")));

        var res = await Client.Chain("v2/pay/orderquery").PostAsync(new { appid = "wx1", mch_id = TestData.MerchantId, out_trade_no = "T1", sign_type = "HMAC-SHA256" });

        var fields = SentFields();
        Assert.That(fields["sign"], Does.Match("^[0-9A-F]{64}$"));
        Assert.That(ApiV2Signature.Verify(fields, Key, ApiV2SignType.HmacSha256), Is.True);
        Assert.That(res.As<OrderState>().trade_state, Is.EqualTo("SUCCESS"));
    }

    [Test]
    public async Task Values_become_text_nested_values_compact_json_and_a_given_nonce_is_kept()
    {
        Answer(Success(ApiV2SignType.Md5));
        var body = new Newtonsoft.Json.Linq.JObject
        {
            ["mch_id"] = TestData.MerchantId,
            ["nonce_str"] = "givenNonce",
            ["fee"] = 1.5m,
            ["flag"] = true,
            ["empty"] = null,
            ["detail"] = new Newtonsoft.Json.Linq.JObject { ["goods_detail"] = new Newtonsoft.Json.Linq.JArray(new Newtonsoft.Json.Linq.JObject { ["goods_id"] = "g<1>", ["quantity"] = 2 }) },
        };

        await Client.Chain("v2/pay/micropay").PostAsync(body);

        var fields = SentFields();
        Assert.Multiple(() =>
        {
            Assert.That(fields["nonce_str"], Is.EqualTo("givenNonce"));
            Assert.That(fields["fee"], Is.EqualTo("1.5"));
            Assert.That(fields["flag"], Is.EqualTo("true"));
            Assert.That(fields.ContainsKey("empty"), Is.False);
            Assert.That(fields["detail"], Is.EqualTo("{\"goods_detail\":[{\"goods_id\":\"g<1>\",\"quantity\":2}]}"));
            Assert.That(ApiV2Signature.Verify(fields, Key, ApiV2SignType.Md5), Is.True);
        });
    }

    [TestCase("v2/pay/queryexchagerate")]
    [TestCase("v2/papay/querycontract")]
    public async Task The_nonceless_operations_are_sent_without_a_nonce(string path)
    {
        Answer(Success(ApiV2SignType.Md5));
        await Client.Chain(path).PostAsync(new { mch_id = TestData.MerchantId, fee_type = "USD" });
        Assert.That(SentFields().ContainsKey("nonce_str"), Is.False);
        Assert.That(ApiV2Signature.Verify(SentFields(), Key, ApiV2SignType.Md5), Is.True);
    }

    [Test]
    public void A_mch_id_of_another_merchant_is_refused_before_sending()
    {
        var error = Assert.ThrowsAsync<WeChatPayValidationException>(() => Client.Chain("v2/pay/orderquery").PostAsync(new { mch_id = "1230000109", out_trade_no = "T1" }));
        Assert.That(error!.Message, Does.Contain("mch_id").And.Contain("MerchantId"));
        Assert.That(Http.CallLog, Is.Empty);
    }

    [Test]
    public void A_sign_given_by_the_caller_is_refused()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.Chain("v2/pay/orderquery").PostAsync(new { mch_id = TestData.MerchantId, sign = "ABC" }));
        Assert.That(error!.Message, Does.Contain("the client signs"));
        Assert.That(Http.CallLog, Is.Empty);
    }

    [Test]
    public void Without_an_apiv2_key_a_v2_call_fails_before_sending_naming_the_option()
    {
        var options = Options();
        options.ApiV2Key = null;
        using var client = new WeChatPayClient(options);
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => client.Chain("v2/pay/micropay").PostAsync(Micropay()));
        Assert.That(error!.Message, Does.Contain("WeChatPayOptions.ApiV2Key"));
        Assert.That(Http.CallLog, Is.Empty);
    }

    [Test]
    public void A_malformed_apiv2_key_is_refused_at_start_without_showing_it()
    {
        var options = Options();
        options.ApiV2Key = "short-secret";
        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));
        Assert.That(error!.ParamName, Is.EqualTo("ApiV2Key"));
        Assert.That(error.Message, Does.Not.Contain("short-secret"));
    }

    [Test]
    public void A_security_operation_without_a_certificate_is_refused_before_sending()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => Client.Chain("v2/mmpaymkttransfers/sendredpack").PostAsync(new { mch_id = TestData.MerchantId }));
        Assert.That(error!.Message, Does.Contain("v2/mmpaymkttransfers/sendredpack").And.Contain("WeChatPayOptions.MerchantCertificate").And.Contain("nothing was sent"));
        Assert.That(Http.CallLog, Is.Empty);
    }

    [TestCase("v2/appauth/authindex")]
    [TestCase("v2/papay/entrustweb")]
    [TestCase("v2/papay/partner/entrustweb")]
    public void A_page_the_users_browser_opens_is_not_sent(string path)
    {
        var error = Assert.ThrowsAsync<NotSupportedException>(() => Client.Chain(path).GetAsync(new { appid = "wxd678efh567hg6787", mch_id = TestData.MerchantId }));
        Assert.That(error!.Message, Does.Contain(path).And.Contain("browser").And.Contain("nothing was sent"));
        Assert.That(Http.CallLog, Is.Empty);
        Assert.That(WeChatPay.Chain.Catalog.OperationCatalog.Default.Find("GET", path), Is.Not.Null, "a documented GET");
    }

    [Test]
    public async Task An_operation_with_its_own_host_goes_there_with_the_default_base_url()
    {
        Answer(Success(ApiV2SignType.Md5));
        await Client.Chain("v2/secsvc/realnameauth").PostAsync(new { mch_id = TestData.MerchantId });
        Assert.That(Http.CallLog.Single().Request.Url.ToString(), Is.EqualTo("https://fraud.mch.weixin.qq.com/secsvc/realnameauth"));
    }

    [Test]
    public async Task A_configured_base_url_takes_every_v2_call()
    {
        var options = Options();
        options.BaseUrl = "http://127.0.0.1:8080/";
        using var client = new WeChatPayClient(options);
        Answer(Success(ApiV2SignType.Md5));
        await client.Chain("v2/secsvc/realnameauth").PostAsync(new { mch_id = TestData.MerchantId });
        Assert.That(Http.CallLog.Single().Request.Url.ToString(), Is.EqualTo("http://127.0.0.1:8080/secsvc/realnameauth"));
    }

    [Test]
    public void A_v2_call_is_never_resent_after_a_5xx()
    {
        Answer("<html>busy</html>", 503);
        Answer(Success(ApiV2SignType.Md5));
        Assert.ThrowsAsync<WeChatPayException>(() => Client.Chain("v2/pay/micropay").PostAsync(Micropay()));
        Assert.That(Http.CallLog, Has.Count.EqualTo(1));
    }

    private sealed class OrderState
    {
        public string? trade_state { get; set; }
    }
}
