using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.V2.Calls;

/// <summary>A red packet or payout answered SYSTEMERROR is sent again byte for byte (same number, nonce and sign), as documented; no other v2 call is.</summary>
public class ApiV2SystemErrorTests : V2CallFixture
{

    protected override bool WithMerchantCertificate => true;

    private static string SystemError() => SignedAnswer(ApiV2SignType.Md5, ("return_code", "SUCCESS"), ("result_code", "FAIL"), ("err_code", "SYSTEMERROR"), ("err_code_des", "系统繁忙,请稍后再试。"));


    private static object RedPacket() => new
    {
        mch_billno = "10000098201411111234567890",
        mch_id = TestData.MerchantId,
        wxappid = "wx8888888888888888",
        send_name = "天虹百货",
        re_openid = "oxTWIuGaIt6gTKsQRLau2M0yL16E",
        total_amount = 1000,
        total_num = 1,
        wishing = "感谢您参加猜灯谜活动，祝您元宵节快乐！",
        client_ip = "192.168.0.1",
        act_name = "猜灯谜抢红包活动",
        remark = "猜越多得越多，快来抢！",
    };

    [TestCase("v2/mmpaymkttransfers/sendredpack")]
    [TestCase("v2/mmpaymkttransfers/sendgroupredpack")]
    [TestCase("v2/mmpaymkttransfers/sendworkwxredpack")]
    public async Task A_red_packet_answered_systemerror_is_sent_again_unchanged(string path)
    {
        Answer(SystemError());
        Answer(SignedAnswer(ApiV2SignType.Md5, ("return_code", "SUCCESS"), ("result_code", "SUCCESS"), ("mch_billno", "10000098201411111234567890"), ("send_listid", "100000000020150520314766074200")));

        var res = await Client.Chain(path).PostAsync(RedPacket());

        Assert.That(Http.CallLog, Has.Count.EqualTo(2));
        Assert.That(Http.CallLog[1].RequestBody, Is.EqualTo(Http.CallLog[0].RequestBody), "the same mch_billno, nonce and sign");
        Assert.That((string)res.Data.send_listid, Is.EqualTo("100000000020150520314766074200"));
    }

    [Test]
    public void A_red_packet_that_keeps_answering_systemerror_stops_after_max_retries()
    {
        for (var i = 0; i < 5; i++) Answer(SystemError());
        var error = Assert.ThrowsAsync<WeChatPayException>(() => Client.Chain("v2/mmpaymkttransfers/sendredpack").PostAsync(RedPacket()));
        Assert.That(error!.Code, Is.EqualTo("SYSTEMERROR"));
        Assert.That(Http.CallLog, Has.Count.EqualTo(3), "1 + MaxRetries (2)");
        Assert.That(Http.CallLog.Select(c => c.RequestBody).Distinct().Count(), Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("attempts"));
    }

    [Test]
    public void Without_retries_a_systemerror_is_thrown_at_once()
    {
        var options = Options();
        options.MaxRetries = 0;
        using var client = new WeChatPayClient(options);
        Answer(SystemError());
        Answer(SystemError());
        Assert.ThrowsAsync<WeChatPayException>(() => client.Chain("v2/mmpaymkttransfers/sendredpack").PostAsync(RedPacket()));
        Assert.That(Http.CallLog, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_systemerror_of_another_v2_call_is_not_resent()
    {
        Answer(SignedAnswer(ApiV2SignType.Md5, ("return_code", "SUCCESS"), ("result_code", "FAIL"), ("err_code", "SYSTEMERROR"), ("err_code_des", "busy")));
        Answer(Success(ApiV2SignType.Md5));
        var error = Assert.ThrowsAsync<WeChatPayException>(() => Client.Chain("v2/pay/micropay").PostAsync(Micropay()));
        Assert.That(error!.Code, Is.EqualTo("SYSTEMERROR"));
        Assert.That(Http.CallLog, Has.Count.EqualTo(1), "a micropay's SYSTEMERROR is answered by a query, not a resend");
    }

    [Test]
    public void Another_error_of_a_red_packet_is_not_resent()
    {
        Answer(SignedAnswer(ApiV2SignType.Md5, ("return_code", "SUCCESS"), ("result_code", "FAIL"), ("err_code", "NOTENOUGH"), ("err_code_des", "帐号余额不足")));
        Answer(SystemError());
        var error = Assert.ThrowsAsync<WeChatPayException>(() => Client.Chain("v2/mmpaymkttransfers/sendredpack").PostAsync(RedPacket()));
        Assert.That(error!.Code, Is.EqualTo("NOTENOUGH"));
        Assert.That(Http.CallLog, Has.Count.EqualTo(1));
    }

    [Test]
    public void The_rule_covers_documented_operations_only()
    {
        var catalog = WeChatPay.Chain.Catalog.OperationCatalog.Default;
        foreach (var path in ApiV2.V2SystemErrorRetry.Operations)
            Assert.That(catalog.Find("POST", path), Is.Not.Null, path);
    }
}
