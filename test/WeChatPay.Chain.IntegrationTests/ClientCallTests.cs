using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>The real client against a public-key-mode sandbox: plain calls, the seed operations, answers verified.</summary>
public class ClientCallTests : SandboxFixture
{
    [Test]
    public async Task A_plain_get_is_answered_with_a_signed_body_that_verifies_and_echoes_the_request()
    {
        WeChatPayResponse res = await client.V3.Pay.Transactions.Id["4200000001"].GetAsync(new { mchid = "1900000001" });

        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That((string?)res.Json!["transaction_id"], Is.EqualTo("4200000001"));
        Assert.That((string?)res.Json!["mchid"], Is.EqualTo("1900000001"));
        Assert.That((int?)res.Json!["amount"]!["total"], Is.EqualTo(1));
        Assert.That(res.Headers["Wechatpay-Serial"], Is.EqualTo(sandbox.PlatformKeyId));
        Assert.That(res.RequestId, Is.Not.Null.And.EndWith("-0"));

        var call = sandbox.Calls.Last();
        Assert.That(call.Operation, Is.EqualTo("GET v3/pay/transactions/id/{transaction_id}"));
        Assert.That(call.StatusCode, Is.EqualTo(200));
        Assert.That(call.RequestId, Is.EqualTo(res.RequestId));
        Assert.That(call.FailedCheck, Is.Null);
        Assert.That(call.PassedChecks, Is.EqualTo(Enum.GetValues<SandboxCheck>().Where(c => c != SandboxCheck.ClientCertificate)), "every check of a v3 call");
    }

    [Test]
    public async Task The_same_request_gets_the_same_body()
    {
        WeChatPayResponse first = await client.V3.Pay.Transactions.Id["4200000002"].GetAsync(new { mchid = "1900000001" });
        WeChatPayResponse second = await client.V3.Pay.Transactions.Id["4200000002"].GetAsync(new { mchid = "1900000001" });

        Assert.That(second.Body, Is.EqualTo(first.Body));
        Assert.That(second.Headers["Wechatpay-Nonce"], Is.Not.EqualTo(first.Headers["Wechatpay-Nonce"]));
    }

    [Test]
    public async Task The_papay_sign_seed_answers_a_pre_entrustweb_id_and_a_redirect_url()
    {
        WeChatPayResponse res = await client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(Seeds.PapaySign());

        Assert.That((string?)res.Json!["pre_entrustweb_id"], Is.Not.Empty);
        Assert.That((string?)res.Json!["redirect_url"], Does.StartWith("https://"));
    }

    [Test]
    public async Task The_combine_papay_seed_echoes_the_merchant_plan_and_contract_code()
    {
        var res = await client.Chain(Seeds.CombinePapayPath).PostAsync(Seeds.CombinePapay());

        Assert.That((string?)res.Json!["pre_entrustweb_id"], Is.Not.Empty);
        Assert.That((string?)res.Json!["mchid"], Is.EqualTo("1900000001"));
        Assert.That((int?)res.Json!["plan_id"], Is.EqualTo(12535));
        Assert.That((string?)res.Json!["out_contract_code"], Is.EqualTo("wxwtdk20200910100000"));
    }

    [Test]
    public async Task The_scheduled_deduct_seed_answers_a_redirect_url()
    {
        var res = await client[Seeds.ScheduledDeductPath].PostAsync(Seeds.ScheduledDeduct());

        Assert.That((string?)res.Json!["redirect_url"], Does.StartWith("https://"));
    }

    [Test]
    public async Task Sensitive_fields_encrypted_with_the_platform_key_decrypt_in_the_sandbox_and_only_their_names_are_recorded()
    {
        var platform = RsaPublicKey.Load(sandbox.ClientOptions().PlatformKeys[sandbox.PlatformKeyId], "platform");
        var body = Seeds.Presign(
            new { real_name = platform.Encrypt(Seeds.RealName), credential_type = platform.Encrypt("IDENTITY_CARD"), id_card_number = platform.Encrypt(Seeds.IdCardNumber) },
            new { bank_card_no = platform.Encrypt(Seeds.BankCardNumber), valid_thru = "08/21", phone = platform.Encrypt(Seeds.Phone), bank_type = "CMC" });

        var res = await client.Chain(Seeds.PresignPath).PostAsync(body, new WeChatPayRequestOptions
        {
            AutoEncryption = false,
            Headers = new { Wechatpay_Serial = sandbox.PlatformKeyId },
        });

        Assert.That((string?)res.Json!["presign_token"], Does.StartWith("PT"));
        Assert.That(sandbox.Calls.Last().DecryptedFields, Is.EquivalentTo(new[]
        {
            "identity.real_name", "identity.credential_type", "identity.id_card_number", "bank_card.bank_card_no", "bank_card.phone",
        }));
    }

    [Test]
    public void A_sensitive_field_sent_in_plaintext_is_rejected_naming_the_field()
    {
        var error = Assert.ThrowsAsync<WeChatPayException>(() =>
            client.Chain(Seeds.PresignPath).PostAsync(Seeds.Presign(), new WeChatPayRequestOptions { AutoEncryption = false }));

        Assert.That(error!.StatusCode, Is.EqualTo(400));
        Assert.That(error.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That((string?)error.Detail!["field"], Is.EqualTo("identity.real_name"));
        Assert.That(error.ErrorMessage, Does.Contain("identity.real_name").And.Contain("not encrypted"));
        Assert.That(error.ResponseBody, Does.Not.Contain(Seeds.RealName));
        Assert.That(sandbox.Calls.Last().FailedCheck, Is.EqualTo(SandboxCheck.Encryption));
    }

    [Test]
    public void Encrypted_fields_without_a_Wechatpay_Serial_are_rejected_naming_the_header()
    {
        var platform = RsaPublicKey.Load(sandbox.ClientOptions().PlatformKeys[sandbox.PlatformKeyId], "platform");
        var body = Seeds.Presign(new { real_name = platform.Encrypt(Seeds.RealName), credential_type = platform.Encrypt("IDENTITY_CARD") },
            new { bank_card_no = platform.Encrypt(Seeds.BankCardNumber) });

        var error = Assert.ThrowsAsync<WeChatPayException>(() =>
            client.Chain(Seeds.PresignPath).PostAsync(body, new WeChatPayRequestOptions { AutoEncryption = false }));

        Assert.That(error!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That((string?)error.Detail!["field"], Is.EqualTo("Wechatpay-Serial"));
    }

    [Test]
    public void A_Wechatpay_Serial_naming_another_key_is_rejected()
    {
        var platform = RsaPublicKey.Load(sandbox.ClientOptions().PlatformKeys[sandbox.PlatformKeyId], "platform");
        var body = Seeds.Presign(new { real_name = platform.Encrypt(Seeds.RealName), credential_type = platform.Encrypt("IDENTITY_CARD") },
            new { bank_card_no = platform.Encrypt(Seeds.BankCardNumber) });

        var error = Assert.ThrowsAsync<WeChatPayException>(() => client.Chain(Seeds.PresignPath).PostAsync(body, new WeChatPayRequestOptions
        {
            AutoEncryption = false,
            Headers = new { Wechatpay_Serial = "PUB_KEY_ID_0000000000000000000000000000" },
        }));

        Assert.That(error!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That((string?)error.Detail!["field"], Is.EqualTo("Wechatpay-Serial"));
        Assert.That(error.ErrorMessage, Does.Contain(sandbox.PlatformKeyId));
    }

    [Test]
    public async Task A_sensitive_query_parameter_decrypts_and_merchant_key_fields_inside_arrays_are_encrypted()
    {
        var options = sandbox.ClientOptions();
        var platform = RsaPublicKey.Load(options.PlatformKeys[sandbox.PlatformKeyId], "platform");

        var res = await client.Chain("v3/smartguide/guides").GetAsync(new { store_id = 1234, mobile = platform.Encrypt(Seeds.Phone) },
            new WeChatPayRequestOptions { AutoEncryption = false, Headers = new { Wechatpay_Serial = sandbox.PlatformKeyId } });

        Assert.That(sandbox.Calls.Last().DecryptedFields, Is.EqualTo(new[] { "query.mobile" }));
        var merchant = RsaPrivateKey.Load(options.MerchantPrivateKey, null, "merchant");
        var guide = res.Json!["data"]![0]!;
        Assert.That(merchant.Decrypt((string)guide["name"]!), Is.EqualTo("sandbox_name"));
        Assert.That(merchant.Decrypt((string)guide["mobile"]!), Is.EqualTo("sandbox_mobile"));
        Assert.That((string?)guide["guide_id"], Does.Match("^[0-9]{28}$"));
    }

    [Test]
    public void A_sensitive_query_parameter_in_plaintext_is_rejected_naming_it()
    {
        var error = Assert.ThrowsAsync<WeChatPayException>(() => client.Chain("v3/smartguide/guides")
            .GetAsync(new { store_id = 1234, mobile = Seeds.Phone }, new WeChatPayRequestOptions { AutoEncryption = false }));

        Assert.That(error!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That((string?)error.Detail!["field"], Is.EqualTo("mobile"));
        Assert.That((string?)error.Detail!["location"], Is.EqualTo("query"));
    }

    [Test]
    public async Task The_presign_seed_passes_with_automatic_encryption()
    {
        var res = await client.V3.Eduschoolpay.Contracts.Presign.PostAsync(Seeds.Presign());

        Assert.That((string?)res.Json!["presign_token"], Does.StartWith("PT"));
        Assert.That(sandbox.Calls.Last().DecryptedFields, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task An_operation_documented_without_response_fields_answers_204_signed()
    {
        var res = await client.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/close")
            .PostAsync(new { mchid = "1900000001" }, new WeChatPayRequestOptions { PathValues = new { out_trade_no = "1217752501201407033233368018" } });

        Assert.That(res.StatusCode, Is.EqualTo(204));
        Assert.That(res.Body, Is.Empty);
        Assert.That(res.Headers.ContainsKey("Wechatpay-Signature"), Is.True);
    }

    [Test]
    public async Task A_download_answers_raw_bytes_without_a_signature()
    {
        var applied = await client.Chain("v3/bill/tradebill").GetAsync(new { bill_date = "2025-11-21" });
        var token = Uri.UnescapeDataString(new Uri((string)applied.Json!["download_url"]!).Query.Substring("?token=".Length));

        var res = await client.Chain("v3/billdownload/file").GetAsync(new { token });

        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(res.RawBody, Is.Not.Empty);
        Assert.That(res.Headers.ContainsKey("Wechatpay-Signature"), Is.False);
        Assert.That(res.Headers["Content-Type"], Does.StartWith("text/csv"));
    }

    [Test]
    public async Task Merchant_key_fields_of_an_answer_are_encrypted_with_the_merchant_public_key()
    {
        var res = await client.Chain("v3/merchant-service/complaints-v2/{complaint_id}")
            .GetAsync(new { complaint_id = "200201820200101080076610000" }, new WeChatPayRequestOptions { AutoEncryption = false });

        var merchant = RsaPrivateKey.Load(sandbox.ClientOptions().MerchantPrivateKey, null, "merchant");
        var phone = (string)res.Json!["payer_phone"]!;
        Assert.That(phone, Has.Length.EqualTo(344), "base64 of a 2048-bit RSA block");
        Assert.That(merchant.Decrypt(phone), Is.EqualTo("sandbox_payer_phone"));
    }

    [Test]
    public void An_unknown_path_answers_404_and_a_wrong_method_405()
    {
        var missing = Assert.ThrowsAsync<WeChatPayException>(() => client.Chain("v3/no/such/operation").GetAsync());
        Assert.That(missing!.StatusCode, Is.EqualTo(404));
        Assert.That(missing.Code, Is.EqualTo("NOT_FOUND"));
        Assert.That(missing.RequestId, Is.Not.Null);

        var wrongMethod = Assert.ThrowsAsync<WeChatPayException>(() => client.Chain(Seeds.PapaySignPath).GetAsync());
        Assert.That(wrongMethod!.StatusCode, Is.EqualTo(405));
        Assert.That(wrongMethod.Code, Is.EqualTo("METHOD_NOT_ALLOWED"));
        Assert.That(wrongMethod.ResponseHeaders["Allow"], Is.EqualTo("POST"));
    }

    [Test]
    public void Public_key_mode_answers_certificates_with_WeChat_Pays_404()
    {
        var error = Assert.ThrowsAsync<WeChatPayException>(() => client.V3.Certificates.GetAsync());

        Assert.That(error!.StatusCode, Is.EqualTo(404));
        Assert.That(error.Code, Is.EqualTo("RESOURCE_NOT_EXISTS"));
        Assert.That(error.ErrorMessage, Does.Contain("微信支付公钥"));
    }

    [Test]
    public async Task The_client_options_name_a_public_key_id_and_carry_pem_keys()
    {
        var options = sandbox.ClientOptions();

        Assert.That(sandbox.Mode, Is.EqualTo(KeyMode.PublicKey));
        Assert.That(sandbox.PlatformKeyId, Does.Match("^PUB_KEY_ID_[0-9]{28}$"));
        Assert.That(options.PlatformKeys.Keys, Is.EqualTo(new[] { sandbox.PlatformKeyId }));
        Assert.That(options.PlatformKeys[sandbox.PlatformKeyId], Does.StartWith("-----BEGIN PUBLIC KEY-----"));
        Assert.That(options.MerchantPrivateKey, Does.StartWith("-----BEGIN PRIVATE KEY-----"));
        Assert.That(options.MerchantSerialNumber, Does.Match("^[0-9A-F]{40}$"));
        Assert.That(options.ApiV3Key, Has.Length.EqualTo(32));
        Assert.That(options.BaseUrl, Does.Match(@"^http://127\.0\.0\.1:[0-9]+/$"));
        Assert.That(options.BaseUrl, Is.EqualTo(sandbox.BaseUrl));
        Assert.That(sandbox.ClientOptions(), Is.Not.SameAs(options));
        await Task.CompletedTask;
    }
}
