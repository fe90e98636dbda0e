using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using WeChatPay.Chain.Hosting;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// The hosting package and the merchant certificate: the operations that need it go through an HTTP client of their own
/// (<c>WeChatPay.Chain.Certificate</c>) whose primary handler — whichever the host configured — presents the certificate;
/// no other call does.
/// </summary>
public class HostingCertificateTests : SandboxFixture
{
    private static object RedPacket(string billNumber) => new
    {
        mch_billno = billNumber, mch_id = "1900000001", wxappid = "wxd678efh567hg6787", send_name = "测试商户",
        re_openid = "oxTWIuGaIt6gTKsQRLau2M0yL16E", total_amount = 100, total_num = 1, wishing = "恭喜发财",
        client_ip = "192.168.0.1", act_name = "双十一活动", remark = "猜越多得越多",
    };

    private void ConfigureMerchant(WeChatPayOptions options)
    {
        var from = sandbox.ClientOptions();
        options.MerchantId = from.MerchantId;
        options.MerchantSerialNumber = from.MerchantSerialNumber;
        options.MerchantPrivateKey = from.MerchantPrivateKey;
        options.ApiV3Key = from.ApiV3Key;
        options.ApiV2Key = from.ApiV2Key;
        options.TimeProvider = from.TimeProvider;
        foreach (var key in from.PlatformKeys) options.PlatformKeys[key.Key] = key.Value;
        options.BaseUrl = sandbox.TlsBaseUrl!;
        options.MerchantCertificate = sandbox.MerchantCertificatePem;
    }

    [Test]
    public async Task A_red_packet_goes_with_the_certificate_through_the_hosts_own_handler_and_nothing_else_does()
    {
        var services = new ServiceCollection();
        // The host trusts the sandbox's authority in both clients' handlers; it presents no certificate itself.
        services.AddWeChatPay(ConfigureMerchant).ConfigurePrimaryHttpMessageHandler(() => sandbox.CreateTrustingHandler());
        services.AddHttpClient("WeChatPay.Chain.Certificate").ConfigurePrimaryHttpMessageHandler(() => sandbox.CreateTrustingHandler());
        await using var provider = services.BuildServiceProvider();
        var wxpay = provider.GetRequiredService<WeChatPayClient>();

        var packet = await wxpay.V2.Mmpaymkttransfers.Sendredpack.PostAsync(RedPacket("1900000001202512070000000099"));
        var packetCall = sandbox.Calls[^1];
        await wxpay.V2.Pay.Orderquery.PostAsync(new { appid = "wxd678efh567hg6787", mch_id = "1900000001", out_trade_no = "T1" });
        var queryCall = sandbox.Calls[^1];

        Assert.That((string?)packet.Data.result_code, Is.EqualTo("SUCCESS"));
        Assert.That(packetCall.PresentedClientCertificate, Is.True, "the certificate client's handler presented it");
        Assert.That(queryCall.PresentedClientCertificate, Is.False);
        Assert.That(queryCall.ErrorCode, Is.Null);
    }

    [Test]
    public void A_bad_certificate_is_named_when_the_client_is_resolved()
    {
        var services = new ServiceCollection();
        services.AddWeChatPay(options =>
        {
            ConfigureMerchant(options);
            options.MerchantCertificate = "/no/such/apiclient_cert.p12";
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Catch<Exception>(() => provider.GetRequiredService<WeChatPayClient>());
        Assert.That(error!.ToString(), Does.Contain("MerchantCertificate"));
    }
}
