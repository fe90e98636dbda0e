using System.Linq;
using System.Threading.Tasks;
using System.Xml;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.V2.Calls;

/// <summary>How an APIv2 call judges its answer: return_code, result_code, then the sign by the request's type; XML read safely.</summary>
public class ApiV2AnswerCallTests : V2CallFixture
{
    private Task<WeChatPayResponse> OrderQuery(string? signType = null) =>
        Client.Chain("v2/pay/orderquery").PostAsync(new { appid = "wx1", mch_id = TestData.MerchantId, out_trade_no = "T1", sign_type = signType });

    [Test]
    public void A_return_code_fail_is_an_error_with_its_message()
    {
        Answer("<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[签名错误]]></return_msg></xml>");

        var error = Assert.ThrowsAsync<WeChatPayException>(() => OrderQuery());
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.Not.InstanceOf<WeChatPaySignatureException>());
            Assert.That(error!.Code, Is.EqualTo("FAIL"));
            Assert.That(error.ErrorMessage, Is.EqualTo("签名错误"));
            Assert.That(error.Message, Does.Contain("签名错误").And.Contain("/pay/orderquery"));
            Assert.That(error.ResponseBody, Does.StartWith("<xml>"));
        });
    }

    [Test]
    public void A_result_code_fail_is_an_error_whose_code_is_err_code()
    {
        Answer(SignedAnswer(ApiV2SignType.Md5, ("return_code", "SUCCESS"), ("return_msg", "OK"), ("result_code", "FAIL"),
            ("err_code", "ORDERNOTEXIST"), ("err_code_des", "此交易订单号不存在")));

        var error = Assert.ThrowsAsync<WeChatPayException>(() => OrderQuery());
        Assert.That(error!.Code, Is.EqualTo("ORDERNOTEXIST"));
        Assert.That(error.ErrorMessage, Is.EqualTo("此交易订单号不存在"));
        Assert.That(error.Message, Does.Contain("ORDERNOTEXIST").And.Contain("此交易订单号不存在"));
    }

    [TestCase(null)]
    [TestCase("MD5")]
    [TestCase("HMAC-SHA256")]
    public async Task An_answer_signed_by_the_requests_type_is_accepted(string? signType)
    {
        Answer(Success(signType == "HMAC-SHA256" ? ApiV2SignType.HmacSha256 : ApiV2SignType.Md5, ("trade_state", "NOTPAY")));
        var res = await OrderQuery(signType);
        Assert.That((string)res.Data.trade_state, Is.EqualTo("NOTPAY"));
    }

    [Test]
    public void An_md5_answer_to_an_hmac_request_does_not_verify()
    {
        Answer(Success(ApiV2SignType.Md5, ("trade_state", "SUCCESS")));
        var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => OrderQuery("HMAC-SHA256"));
        Assert.That(error!.FailedCheck, Is.EqualTo(SignatureCheck.Signature));
    }

    [Test]
    public void A_forged_sign_is_a_signature_failure()
    {
        var forged = Success(ApiV2SignType.Md5, ("trade_state", "SUCCESS")).Replace("<trade_state>SUCCESS", "<trade_state>REFUND");
        Answer(forged);

        var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => OrderQuery());
        Assert.That(error!.FailedCheck, Is.EqualTo(SignatureCheck.Signature));
        Assert.That(error.Message, Does.Not.Contain(Key));
    }

    [Test]
    public void An_answer_without_a_sign_is_refused_where_one_is_documented()
    {
        Answer("<xml><return_code>SUCCESS</return_code><result_code>SUCCESS</result_code><trade_state>SUCCESS</trade_state></xml>");
        Assert.ThrowsAsync<WeChatPaySignatureException>(() => OrderQuery());
    }

    [Test]
    public async Task A_signless_operation_is_accepted_without_a_sign()
    {
        Answer("<xml><return_code>SUCCESS</return_code><result_code>SUCCESS</result_code></xml>");
        var res = await Client.Chain("v2/payitil/report").PostAsync(new { mch_id = TestData.MerchantId, interface_url = "https://api.mch.weixin.qq.com/pay/micropay" });
        Assert.That((string)res.Data.return_code, Is.EqualTo("SUCCESS"));
    }

    [TestCaseSource(nameof(Xxe))]
    public void An_xxe_answer_is_refused_and_nothing_is_resolved(System.Text.Json.JsonElement c)
    {
        Answer(c.String("xml"));

        var error = Assert.ThrowsAsync<WeChatPayException>(() => OrderQuery());
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.Not.InstanceOf<WeChatPaySignatureException>());
            Assert.That(error!.InnerException, Is.InstanceOf<XmlException>());
            Assert.That(error.Message, Does.Contain("not a readable APIv2 answer").And.Not.Contain("root:"));
        });
    }

    private static System.Collections.Generic.IEnumerable<TestCaseData> Xxe() => V2TestData.Named("xxe");

    [Test]
    public void A_malformed_answer_is_an_error_with_the_xml_exception_as_cause()
    {
        Answer("<xml><return_code>SUCCESS</return_code>");
        var error = Assert.ThrowsAsync<WeChatPayException>(() => OrderQuery());
        Assert.That(error!.InnerException, Is.InstanceOf<XmlException>());
    }

    [Test]
    public async Task A_bill_download_answers_its_file_whole()
    {
        const string bill = "交易时间,公众账号ID,商户号\r\n`2025-11-22 10:00:00,`wx1,`1900000001\r\n";
        Http.RespondWith(bill);
        var res = await Client.Chain("v2/pay/downloadbill").PostAsync(new { appid = "wx1", mch_id = TestData.MerchantId, bill_date = "20251122", bill_type = "ALL" });
        Assert.That(res.Body, Is.EqualTo(bill));
        Assert.That(res.Json, Is.Null);
    }

    [Test]
    public void A_bill_download_error_is_read_as_xml()
    {
        Answer("<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[No Bill Exist]]></return_msg><error_code><![CDATA[20002]]></error_code></xml>");
        var error = Assert.ThrowsAsync<WeChatPayException>(() =>
            Client.Chain("v2/pay/downloadbill").PostAsync(new { appid = "wx1", mch_id = TestData.MerchantId, bill_date = "20251122", bill_type = "ALL" }));
        Assert.That(error!.Message, Does.Contain("No Bill Exist"));
    }
}
