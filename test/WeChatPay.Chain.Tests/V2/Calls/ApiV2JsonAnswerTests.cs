using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.V2.Calls;

/// <summary>v2/appauth/getaccesstoken answers JSON (retcode, retmsg), not XML: read as documented, retcode 0 or a failure.</summary>
public class ApiV2JsonAnswerTests : V2CallFixture
{
    private static object Query() => new { mch_id = TestData.MerchantId, appid = "wxd678efh567hg6787", openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", code = "CODE", grant_type = "authorization_code", scope = "pay_identity" };

    [Test]
    public async Task Retcode_0_is_a_success_whose_fields_are_read()
    {
        Answer("{\"retcode\":0,\"retmsg\":\"OK\",\"access_token\":\"ACCESS-1\",\"access_token_expire_in\":7200}");

        var res = await Client.Chain("v2/appauth/getaccesstoken").GetAsync(Query());

        Assert.That((string)res.Data.access_token, Is.EqualTo("ACCESS-1"));
        Assert.That((int)res.Data.access_token_expire_in, Is.EqualTo(7200));
        Assert.That(Http.CallLog[0].Request.Url.Query, Does.Contain("sign="));
    }

    [Test]
    public void Another_retcode_is_a_failure_with_its_code_and_message()
    {
        Answer("{\"retcode\":-1,\"retmsg\":\"code expired\"}");
        var error = Assert.ThrowsAsync<WeChatPayException>(() => Client.Chain("v2/appauth/getaccesstoken").GetAsync(Query()));
        Assert.That(error!.Code, Is.EqualTo("-1"));
        Assert.That(error.ErrorMessage, Is.EqualTo("code expired"));
    }

    [TestCase("<xml><retcode>0</retcode></xml>")]
    [TestCase("{\"retmsg\":\"OK\"}")]
    public void An_answer_that_is_not_the_documented_JSON_is_no_success(string body)
    {
        Answer(body);
        Assert.ThrowsAsync<WeChatPayException>(() => Client.Chain("v2/appauth/getaccesstoken").GetAsync(Query()));
    }
}
