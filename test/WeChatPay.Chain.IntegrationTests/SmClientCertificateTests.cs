using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// A 国密 merchant's APIv2 certificate: its merchant key is SM2, so its APIv2 certificate is RSA with a key of its own, given
/// as a .p12; the SM sandbox's TLS address requires it on the security operations like the RSA one.
/// </summary>
public class SmClientCertificateTests : SandboxFixture
{
    protected override SandboxOptions? Options => new() { Scheme = SandboxScheme.Sm };

    [Test]
    public async Task A_red_packet_goes_with_the_p12_certificate_and_a_micropay_without()
    {
        var options = sandbox.TlsClientOptions();
        Assert.That(options.MerchantCertificate, Does.EndWith(".p12"));
        using var wxpay = new WeChatPayClient(options);

        var packet = await wxpay.V2.Mmpaymkttransfers.Sendredpack.PostAsync(new
        {
            mch_billno = "1900000001202512070000000077", mch_id = options.MerchantId, wxappid = "wxd678efh567hg6787", send_name = "测试商户",
            re_openid = "oxTWIuGaIt6gTKsQRLau2M0yL16E", total_amount = 100, total_num = 1, wishing = "恭喜发财",
            client_ip = "192.168.0.1", act_name = "双十一活动", remark = "猜越多得越多",
        });
        var packetCall = sandbox.Calls[^1];
        await wxpay.V2.Pay.Orderquery.PostAsync(new { appid = "wxd678efh567hg6787", mch_id = options.MerchantId, out_trade_no = "T1" });

        Assert.That((string?)packet.Data.result_code, Is.EqualTo("SUCCESS"));
        Assert.That(packetCall.PassedChecks, Does.Contain(SandboxCheck.ClientCertificate));
        Assert.That(sandbox.Calls[^1].PresentedClientCertificate, Is.False);
    }
}
