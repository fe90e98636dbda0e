using System;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.V2.Calls;

/// <summary>Request options an APIv2 call cannot honour are refused before it is sent, never ignored.</summary>
public class ApiV2OptionsTests : V2CallFixture
{
    [Test]
    public void EncryptFields_or_DecryptFields_on_an_APIv2_call_is_refused_before_sending()
    {
        Answer(Success(WeChatPay.Chain.Crypto.ApiV2SignType.Md5, ("trade_state", "NOTPAY")));

        foreach (var options in new[] { new WeChatPayRequestOptions { EncryptFields = new[] { "out_trade_no" } }, new WeChatPayRequestOptions { DecryptFields = new[] { "openid" } } })
        {
            var error = Assert.ThrowsAsync<ArgumentException>(() => Client.Chain("v2/pay/orderquery").PostAsync(new { appid = "wx1", mch_id = TestData.MerchantId, out_trade_no = "T1" }, options));
            Assert.That(error!.Message, Does.Contain("APIv2 call").And.Contain("EncryptFields and DecryptFields"));
        }
        Assert.That(Http.CallLog, Is.Empty, "nothing was sent");
    }
}
