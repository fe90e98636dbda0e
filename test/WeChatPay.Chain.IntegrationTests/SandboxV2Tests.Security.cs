using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <content>The operations that need the merchant's client certificate (the TLS address), and the pay-to-bank fields.</content>
public partial class SandboxV2Tests
{
    [Test]
    public async Task A_security_operation_needs_the_merchant_certificate_on_the_TLS_address()
    {
        var body = V2Requests.Xml(V2Requests.Signed(RedPacket("1900000001202511220000000010"), Key));
        var (_, plain) = await V2Requests.PostAsync(sandbox.BaseUrl, "mmpaymkttransfers/sendredpack", body);
        Assert.That(plain["return_code"], Is.EqualTo("FAIL"));
        Assert.That(plain["return_msg"], Does.Contain("请求未携带证书"));
        Assert.That(sandbox.Calls[^1].FailedCheck, Is.EqualTo(SandboxCheck.ClientCertificate));

        var (_, without) = await V2Requests.PostAsync(sandbox.TlsBaseUrl!, "mmpaymkttransfers/sendredpack", body, sandbox.CreateTrustingHandler());
        Assert.That(without["return_code"], Is.EqualTo("FAIL"));
        Assert.That(sandbox.Calls[^1].PresentedClientCertificate, Is.False);

        var (_, with) = await V2Requests.PostAsync(sandbox.TlsBaseUrl!, "mmpaymkttransfers/sendredpack", body, sandbox.CreateTrustingHandler(presentMerchantCertificate: true));
        Assert.That(with["result_code"], Is.EqualTo("SUCCESS"));
        Assert.That(sandbox.Calls[^1].PresentedClientCertificate, Is.True);
        Assert.That(sandbox.Calls[^1].PassedChecks, Does.Contain(SandboxCheck.ClientCertificate));
    }

    [Test]
    public async Task A_certificate_the_sandbox_did_not_issue_is_refused_even_for_the_merchant_key()
    {
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(sandbox.ClientOptions().MerchantPrivateKey);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=1900000001", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var authority = sandbox.CertificateAuthority!;
        using var handler = new System.Net.Http.SocketsHttpHandler();
        handler.SslOptions.ClientCertificates = new System.Security.Cryptography.X509Certificates.X509CertificateCollection { selfSigned };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
            chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(authority);
            chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
            return chain.Build(new System.Security.Cryptography.X509Certificates.X509Certificate2(certificate!));
        };

        var body = V2Requests.Xml(V2Requests.Signed(RedPacket("1900000001202511220000000011"), Key));
        var (_, answer) = await V2Requests.PostAsync(sandbox.TlsBaseUrl!, "mmpaymkttransfers/sendredpack", body, handler);

        Assert.That(answer["return_code"], Is.EqualTo("FAIL"));
        Assert.That(answer["return_msg"], Does.Contain("not the merchant API certificate the sandbox issued"));
        Assert.That(sandbox.Calls[^1].PresentedClientCertificate, Is.True);
    }

    // What a pay-to-bank field is sent as: RSA-OAEP (SHA-1) under the key risk/getpublickey answers, with .NET's own RSA.
    private async Task<string> PayBankCiphertext(string plaintext)
    {
        var (_, answer) = await Post("risk/getpublickey", V2Requests.Signed(new Dictionary<string, string> { ["mch_id"] = "1900000001", ["sign_type"] = "MD5" }, Key, "MD5"));
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(answer["pub_key"]);
        return Convert.ToBase64String(rsa.Encrypt(System.Text.Encoding.UTF8.GetBytes(plaintext), System.Security.Cryptography.RSAEncryptionPadding.OaepSHA1));
    }

    [Test]
    public async Task A_payment_to_a_bank_card_takes_only_fields_encrypted_with_the_key_it_gives()
    {
        Dictionary<string, string> PayBank(string bankNo, string name) => new()
        {
            ["mch_id"] = "1900000001", ["partner_trade_no"] = "1212121221227", ["enc_bank_no"] = bankNo, ["enc_true_name"] = name, ["bank_code"] = "1001", ["amount"] = "500",
        };
        var (_, plain) = await Post("mmpaysptrans/pay_bank", V2Requests.Signed(PayBank("6225760000000000", "张三"), Key));
        Assert.That(plain["err_code"], Is.EqualTo("PARAM_ERROR"));
        Assert.That(sandbox.Calls[^1].FailedCheck, Is.EqualTo(SandboxCheck.Encryption));

        var (_, encrypted) = await Post("mmpaysptrans/pay_bank", V2Requests.Signed(PayBank(await PayBankCiphertext("6225760000000000"), await PayBankCiphertext("张三")), Key));
        Assert.That(encrypted["result_code"], Is.EqualTo("SUCCESS"));
        Assert.That(sandbox.Calls[^1].DecryptedFields, Is.EquivalentTo(new[] { "enc_bank_no", "enc_true_name" }));
    }
}
