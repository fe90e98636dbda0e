using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// APIv2's client certificate over real TLS: the sandbox's TLS address asks every connection for a certificate and its
/// security operations require the merchant's; the client presents it on those operations only, and its own connections
/// validate the server (the sandbox's throw-away authority is not trusted by them).
/// </summary>
public class ClientCertificateTests : SandboxFixture
{
    private WeChatPayClient _tls = null!;

    [OneTimeSetUp]
    public void StartTlsClient() => _tls = new WeChatPayClient(sandbox.TlsClientOptions());

    [OneTimeTearDown]
    public void StopTlsClient() => _tls.Dispose();

    private static object RedPacket(string billNumber) => new
    {
        mch_billno = billNumber, mch_id = "1900000001", wxappid = "wxd678efh567hg6787", send_name = "测试商户",
        re_openid = "oxTWIuGaIt6gTKsQRLau2M0yL16E", total_amount = 100, total_num = 1, wishing = "恭喜发财",
        client_ip = "192.168.0.1", act_name = "双十一活动", remark = "猜越多得越多",
    };

    [Test]
    public async Task A_red_packet_in_each_style_is_sent_with_the_certificate_and_other_calls_without()
    {
        var chain = await _tls.Chain("v2/mmpaymkttransfers/sendredpack").PostAsync(RedPacket("1900000001202512070000000001"));
        var indexer = await _tls["v2/mmpaymkttransfers/sendredpack"].PostAsync(RedPacket("1900000001202512070000000002"));
        var dynamic = (WeChatPayResponse)await ((dynamic)_tls).V2.Mmpaymkttransfers.Sendredpack.PostAsync(RedPacket("1900000001202512070000000003"));
        var sync = _tls.Chain("v2/mmpaymkttransfers/sendredpack").Post(RedPacket("1900000001202512070000000004"));
        var packets = sandbox.Calls.TakeLast(4).ToArray();

        await _tls.Chain("v2/pay/micropay").PostAsync(new
        {
            appid = "wxd678efh567hg6787", mch_id = "1900000001", body = "image形象店-深圳腾大- QQ公仔",
            out_trade_no = "1217752501201407033233368018", total_fee = 888, spbill_create_ip = "8.8.8.8", auth_code = "120061098828009406",
        });
        await _tls.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}").GetAsync(new { out_trade_no = "1217752501201407033233368018", mchid = "1900000001" });
        var others = sandbox.Calls.TakeLast(2).ToArray();

        Assert.Multiple(() =>
        {
            foreach (var res in new[] { chain, indexer, dynamic, sync })
                Assert.That((string?)res.Data.result_code, Is.EqualTo("SUCCESS"));
            Assert.That(packets.Select(c => c.PresentedClientCertificate), Is.All.True);
            Assert.That(packets.Select(c => c.PassedChecks.Contains(SandboxCheck.ClientCertificate)), Is.All.True);
            Assert.That(others.Select(c => c.PresentedClientCertificate), Is.All.False, "no other call, v2 or v3, presents the certificate");
            Assert.That(others.Select(c => c.ErrorCode), Is.All.Null);
        });
    }

    [Test]
    public async Task A_red_packet_answered_SYSTEMERROR_is_retried_with_the_same_number_and_paid_once()
    {
        sandbox.Faults.Next = SandboxFault.V2SystemError;
        var res = await _tls.Chain("v2/mmpaymkttransfers/sendredpack").PostAsync(RedPacket("1900000001202512070000000010"));

        var last = sandbox.Calls.TakeLast(2).ToArray();
        Assert.That((string?)res.Data.result_code, Is.EqualTo("SUCCESS"));
        Assert.That((string?)res.Data.mch_billno, Is.EqualTo("1900000001202512070000000010"));
        Assert.That(last[0].ErrorCode, Is.EqualTo("SYSTEMERROR"));
        Assert.That(last[1].ErrorCode, Is.Null, "the sandbox takes a retry only under the same mch_billno");
    }

    [Test]
    public async Task A_payment_to_a_bank_card_is_encrypted_with_the_key_the_sandbox_gives_fetched_once()
    {
        using var client = new WeChatPayClient(sandbox.TlsClientOptions());
        object PayBank(string number) => new
        {
            mch_id = "1900000001", partner_trade_no = number, enc_bank_no = "6225760000000000", enc_true_name = "张三", bank_code = "1001", amount = 500, desc = "理财",
        };

        var first = await client.Chain("v2/mmpaysptrans/pay_bank").PostAsync(PayBank("1212121221227"));
        var second = await client["v2/mmpaysptrans/pay_bank"].PostAsync(PayBank("1212121221228"));

        var calls = sandbox.Calls.TakeLast(3).ToArray();
        Assert.That(calls.Select(c => c.Path), Is.EqualTo(new[] { "/risk/getpublickey", "/mmpaysptrans/pay_bank", "/mmpaysptrans/pay_bank" }));
        Assert.That(calls.Skip(1).Select(c => c.DecryptedFields.OrderBy(f => f).ToArray()),
            Is.All.EqualTo(new[] { "enc_bank_no", "enc_true_name" }), "the sandbox decrypted both with its own key");
        Assert.That((string?)first.Data.result_code, Is.EqualTo("SUCCESS"));
        Assert.That(second.EncryptedFields, Is.EquivalentTo(new[] { "enc_bank_no", "enc_true_name" }));
    }

    [Test]
    public void A_security_operation_without_the_certificate_is_refused_by_the_sandbox()
    {
        var options = sandbox.TlsClientOptions();
        options.MerchantCertificate = null;
        options.CertificateHttpMessageHandler = sandbox.CreateTrustingHandler(presentMerchantCertificate: false); // a handler that forgot it
        using var client = new WeChatPayClient(options);

        var error = Assert.ThrowsAsync<WeChatPayException>(() => client.Chain("v2/mmpaymkttransfers/sendredpack").PostAsync(RedPacket("1900000001202512070000000020")));
        Assert.That(error!.ErrorMessage, Does.Contain("请求未携带证书"));
        Assert.That(sandbox.Calls[^1].FailedCheck, Is.EqualTo(SandboxCheck.ClientCertificate));
    }

    [Test]
    public void The_clients_own_connections_validate_the_server_and_refuse_the_sandboxs_authority()
    {
        var options = sandbox.ClientOptions();
        options.BaseUrl = sandbox.TlsBaseUrl!;
        options.MerchantCertificate = sandbox.MerchantCertificatePem;
        using var client = new WeChatPayClient(options);
        var before = sandbox.Calls.Count;

        var plain = Assert.ThrowsAsync<WeChatPayException>(() => client.Chain("v2/pay/orderquery").PostAsync(new { appid = "wxd678efh567hg6787", mch_id = "1900000001", out_trade_no = "T1" }));
        var certified = Assert.ThrowsAsync<WeChatPayException>(() => client.Chain("v2/mmpaymkttransfers/sendredpack").PostAsync(RedPacket("1900000001202512070000000030")));

        Assert.That(plain!.StatusCode, Is.Null);
        Assert.That(certified!.StatusCode, Is.Null);
        Assert.That(certified.Message, Does.Contain("SSL").IgnoreCase.Or.Contain("certificate").IgnoreCase);
        Assert.That(sandbox.Calls.Count, Is.EqualTo(before), "no request got past the TLS handshake");
    }

    [Test]
    public void The_sandbox_address_without_TLS_cannot_carry_the_certificate()
    {
        var options = sandbox.ClientOptions();
        options.MerchantCertificate = sandbox.MerchantCertificatePem;
        using var client = new WeChatPayClient(options);

        var error = Assert.ThrowsAsync<WeChatPayException>(() => client.Chain("v2/mmpaymkttransfers/sendredpack").PostAsync(RedPacket("1900000001202512070000000040")));
        Assert.That(error!.ErrorMessage, Does.Contain("TlsBaseUrl"));
    }
}
