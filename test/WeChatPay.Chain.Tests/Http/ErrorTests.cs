using System.Net.Http;
using Flurl.Http.Testing;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Http;

public class ErrorTests : HttpFixture
{
    protected override bool AnswerSigned => false;

    [Test]
    public void A_json_error_surfaces_code_message_detail_sign_information_and_request_id()
    {
        const string body = "{\"code\":\"SIGN_ERROR\",\"message\":\"签名错误\",\"detail\":{\"detail\":{\"issue\":\"sign not match\"},\"field\":\"signature\",\"location\":\"authorization\",\"sign_information\":{\"method\":\"POST\",\"sign_message_length\":301,\"truncated_sign_message\":\"POST\\n/v3/pay/transactions/jsapi\\n1763800300\\n\",\"url\":\"/v3/pay/transactions/jsapi\"}}}";
        Http.RespondWith(body, 401, new { Request_ID = "08F0B6A8C5060A10C8B1E8A30518A09B0E20A1C1-0" });

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Client.Chain("v3/pay/transactions/jsapi").PostAsync(new { a = 1 }));
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.Not.InstanceOf<WeChatPaySignatureException>(), "an error answer is not a verification failure");
            Assert.That(error!.StatusCode, Is.EqualTo(401));
            Assert.That(error.Code, Is.EqualTo("SIGN_ERROR"));
            Assert.That(error.ErrorMessage, Is.EqualTo("签名错误"));
            Assert.That((string?)error.Detail?["field"], Is.EqualTo("signature"));
            Assert.That((string?)error.SignInformation?["url"], Is.EqualTo("/v3/pay/transactions/jsapi"));
            Assert.That(error.RequestId, Is.EqualTo("08F0B6A8C5060A10C8B1E8A30518A09B0E20A1C1-0"));
            Assert.That(error.ResponseBody, Is.EqualTo(body));
            Assert.That(error.Method, Is.EqualTo("POST"));
            Assert.That(error.PathAndQuery, Is.EqualTo("/v3/pay/transactions/jsapi"));
            Assert.That(error.Message, Does.Contain("401").And.Contain("SIGN_ERROR").And.Contain("签名错误").And.Contain("08F0B6A8C5060A10C8B1E8A30518A09B0E20A1C1-0"));
        });
    }

    [TestCase(400, "PARAM_ERROR")]
    [TestCase(403, "NO_AUTH")]
    [TestCase(404, "RESOURCE_NOT_EXISTS")]
    [TestCase(429, "FREQUENCY_LIMITED")]
    [TestCase(500, "SYSTEM_ERROR")]
    public void A_json_error_keeps_its_status_and_code(int status, string code)
    {
        Http.RespondWith($"{{\"code\":\"{code}\",\"message\":\"m\"}}", status);

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Client.Chain("v3/certificates").GetAsync());
        Assert.That(error!.StatusCode, Is.EqualTo(status));
        Assert.That(error.Code, Is.EqualTo(code));
        Assert.That(error.Detail, Is.Null);
    }

    [Test]
    public void An_html_error_page_is_kept_raw()
    {
        const string html = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";
        Http.RespondWith(() => new StringContent(html, System.Text.Encoding.UTF8, "text/html"), 502, new { Request_ID = "R-502" });

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Client.Chain("v3/certificates").GetAsync());
        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(502));
            Assert.That(error.Code, Is.Null);
            Assert.That(error.ResponseBody, Is.EqualTo(html));
            Assert.That(error.RequestId, Is.EqualTo("R-502"));
            Assert.That(error.Message, Does.Contain("502").And.Contain("text/html"));
        });
    }

    [Test]
    public void A_transport_failure_is_a_wechatpay_exception_without_status()
    {
        Http.SimulateException(new HttpRequestException("Connection refused"));

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Client.Chain("v3/certificates").GetAsync());
        Assert.That(error!.StatusCode, Is.Null);
        Assert.That(error.Message, Does.Contain("Connection refused").And.Contain("/v3/certificates"));
        Assert.That(error.InnerException, Is.Not.Null);
    }

    [Test]
    public void A_timeout_is_a_wechatpay_exception_that_says_so()
    {
        Http.SimulateTimeout();

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Client.Chain("v3/certificates").GetAsync());
        Assert.That(error!.StatusCode, Is.Null);
        Assert.That(error.Message, Does.Contain("timed out"));
    }
}
