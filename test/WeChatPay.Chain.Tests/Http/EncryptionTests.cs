using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Flurl.Http.Testing;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Http;

public class EncryptionTests : HttpFixture
{
    private static readonly Lazy<RsaPrivateKey> PlatformPrivateKey = new Lazy<RsaPrivateKey>(() => RsaPrivateKey.Load(TestData.PlatformKeyPath, null, "platform"));
    private static readonly Lazy<RsaPublicKey> MerchantPublicKey = new Lazy<RsaPublicKey>(() => RsaPublicKey.Load(TestData.Key("merchant_pub.pem"), "merchant"));

    private static readonly string[] EduschoolpaySensitive =
        { "identity.real_name", "identity.credential_type", "identity.id_card_number", "bank_card.bank_card_no", "bank_card.phone" };

    private static JObject EduschoolpayBody()
    {
        // The seed page's payload, with plaintext where the page shows ciphertext placeholders.
        var body = SeedPayloads.Json("001_c5bc56de3b552e0d.txt");
        body["identity"]!["real_name"] = "张三";
        body["identity"]!["id_card_number"] = "110101199003071234";
        body["bank_card"]!["bank_card_no"] = "6222021234567890123";
        body["bank_card"]!["phone"] = "13800138000";
        return body;
    }

    private JObject SentBody(int call = 0) => JObject.Parse(Http.CallLog[call].RequestBody!);

    private string? SentHeader(string name, int call = 0) =>
        Http.CallLog[call].HttpRequestMessage.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    [Test]
    public async Task Every_marked_field_of_the_eduschoolpay_seed_leaves_encrypted_and_decrypts_to_the_original()
    {
        var client = Client;
        var body = EduschoolpayBody();
        var response = await client.V3.Eduschoolpay.Contracts.Presign.PostAsync(body);

        var sent = SentBody();
        Assert.Multiple(() =>
        {
            foreach (var path in EduschoolpaySensitive)
            {
                var original = (string)body.SelectToken(path)!;
                var leaving = (string)sent.SelectToken(path)!;
                Assert.That(leaving, Is.Not.EqualTo(original), path);
                Assert.That(PlatformPrivateKey.Value.Decrypt(leaving), Is.EqualTo(original), path);
            }
            foreach (var path in new[] { "appid", "openid", "plan_id", "user_id", "school_id", "out_contract_code", "contract_mode", "downgrade_default_contract", "bank_card.valid_thru", "bank_card.bank_type" })
                Assert.That(JToken.DeepEquals(sent.SelectToken(path), body.SelectToken(path)), Is.True, path + " is untouched");
            Assert.That(SentHeader("Wechatpay-Serial"), Is.EqualTo(TestData.PublicKeyId));
            Assert.That(((WeChatPayResponse)response).EncryptedFields, Is.EquivalentTo(EduschoolpaySensitive));
        });
    }

    [TestCase("004_58866b682f11caf1.txt", "v3/papay/sign/contracts/pre-entrust-sign")]
    public async Task A_seed_operation_without_marked_fields_is_sent_as_given(string seed, string path)
    {
        var client = Client;
        var body = SeedPayloads.Json(seed);
        await client[path].PostAsync(body);

        Assert.That(JToken.DeepEquals(SentBody(), body), Is.True);
        Assert.That(SentHeader("Wechatpay-Serial"), Is.Null);
    }

    [Test]
    public async Task The_combine_papay_seed_is_sent_as_given()
    {
        var client = Client;
        var body = JObject.FromObject(new
        {
            appid = "wxd678efh567hg6787",
            plan_id = 12535,
            out_contract_code = "wxwtdk20200910100000",
            contract_display_account = "微信代扣用户A",
            notify_url = "https://yourapp.com/notify",
            return_app = true
        });
        await client.V3.Ecommerce.CombinePapay.Contracts.PreEntrustSign.PostAsync(body);

        Assert.That(JToken.DeepEquals(SentBody(), body), Is.True);
    }

    [Test]
    public async Task The_scheduled_deduct_seed_keeps_its_nested_amount()
    {
        var client = Client;
        var body = JObject.FromObject(new
        {
            sp_appid = "wx8888888888888888",
            sp_openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
            sub_mchid = "1900000109",
            plan_id = 12535,
            out_contract_code = "wxwtdk20200910100000",
            contract_display_account = "微信代扣用户A",
            contract_notify_url = "https://yourapp.com/notify",
            out_user_code = "用户A",
            deduct_schedule = new { estimated_deduct_date = "2025-12-01", estimated_deduct_amount = new { total = 100, currency = "CNY" }, description = "会员费" },
        });
        await client.V3.Papay.ScheduledDeductSign.Partner.Contracts.PreEntrustSign.Jsapi.PostAsync(body);

        Assert.That(JToken.DeepEquals(SentBody(), body), Is.True);
    }

    [Test]
    public async Task Every_element_of_a_marked_array_is_encrypted()
    {
        var client = Client;
        var body = new
        {
            out_batch_no = "plfk2020042013",
            transfer_detail_list = new[]
            {
                new { out_detail_no = "x1", user_name = "张三", user_id_card = "110101199003071234", amount = 100 },
                new { out_detail_no = "x2", user_name = "李四", user_id_card = "110101199003075678", amount = 200 },
            },
        };
        var response = await client.V3.BankTransfer.Batches.PostAsync(body);

        var sent = SentBody();
        Assert.Multiple(() =>
        {
            for (var i = 0; i < 2; i++)
            {
                Assert.That(PlatformPrivateKey.Value.Decrypt((string)sent["transfer_detail_list"]![i]!["user_name"]!), Is.EqualTo(body.transfer_detail_list[i].user_name));
                Assert.That(PlatformPrivateKey.Value.Decrypt((string)sent["transfer_detail_list"]![i]!["user_id_card"]!), Is.EqualTo(body.transfer_detail_list[i].user_id_card));
                Assert.That((string)sent["transfer_detail_list"]![i]!["out_detail_no"]!, Is.EqualTo(body.transfer_detail_list[i].out_detail_no));
            }
            Assert.That(((WeChatPayResponse)response).EncryptedFields, Does.Contain("transfer_detail_list[1].user_id_card"));
        });
    }

    [Test]
    public async Task Marked_fields_are_found_through_a_template_path_and_nested_arrays()
    {
        var client = Client;
        await client.V3.Brand.Partner.CardMember.UserCards._user_card_code_.PatchAsync(
            new { phone_number = "13800138000", user_information = new { common_field_list = new[] { new { field = "NAME", value = "张三" } } } },
            new WeChatPayRequestOptions { PathValues = new { user_card_code = "CARD-1" } });

        var sent = SentBody();
        Assert.That(Http.CallLog[0].Request.Url.Path, Is.EqualTo("/v3/brand/partner/card-member/user-cards/CARD-1"));
        Assert.That(PlatformPrivateKey.Value.Decrypt((string)sent["phone_number"]!), Is.EqualTo("13800138000"));
        Assert.That(PlatformPrivateKey.Value.Decrypt((string)sent.SelectToken("user_information.common_field_list[0].value")!), Is.EqualTo("张三"));
        Assert.That((string)sent.SelectToken("user_information.common_field_list[0].field")!, Is.EqualTo("NAME"));
    }

    [Test]
    public async Task A_marked_query_parameter_is_encrypted()
    {
        var client = Client;
        await client.V3.Capital.Capitallhh.Banks.SearchBanksByBankAccount.GetAsync(new { account_number = "6222021234567890123" });

        var query = Http.CallLog[0].Request.Url.QueryParams;
        Assert.That(PlatformPrivateKey.Value.Decrypt((string)query.FirstOrDefault("account_number")!), Is.EqualTo("6222021234567890123"));
        Assert.That(SentHeader("Wechatpay-Serial"), Is.EqualTo(TestData.PublicKeyId));
    }

    [Test]
    public async Task A_caller_supplied_serial_wins_and_picks_the_key()
    {
        using var other = RSA.Create(2048);
        var otherPrivate = RsaPrivateKey.Load(other.ExportPkcs8PrivateKeyPem(), null, "other");
        var options = TestClient.Options();
        options.PlatformKeys["PUB_KEY_ID_0999999999999999999999999999"] = other.ExportSubjectPublicKeyInfoPem();
        using var client = new WeChatPayClient(options);

        await client.V3.Eduschoolpay.Contracts.Presign.PostAsync(EduschoolpayBody(),
            new WeChatPayRequestOptions { Headers = new Dictionary<string, string> { ["Wechatpay-Serial"] = "PUB_KEY_ID_0999999999999999999999999999" } });

        Assert.That(SentHeader("Wechatpay-Serial"), Is.EqualTo("PUB_KEY_ID_0999999999999999999999999999"));
        Assert.That(otherPrivate.Decrypt((string)SentBody().SelectToken("identity.real_name")!), Is.EqualTo("张三"));
    }

    [Test]
    public void A_caller_supplied_serial_that_names_no_configured_key_is_an_error_before_sending()
    {
        var client = Client;
        var error = Assert.ThrowsAsync<ArgumentException>(() => client["v3/eduschoolpay/contracts/presign"].PostAsync(EduschoolpayBody(),
            new WeChatPayRequestOptions { Headers = new { Wechatpay_Serial = "PUB_KEY_ID_0000000000000000000000000042" } }));

        Assert.That(error!.Message, Does.Contain("PUB_KEY_ID_0000000000000000000000000042").And.Contain("not a platform key the client holds"));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public async Task Automatic_encryption_can_be_turned_off_for_one_call()
    {
        var client = Client;
        var body = EduschoolpayBody();
        await client["v3/eduschoolpay/contracts/presign"].PostAsync(body, new WeChatPayRequestOptions { AutoEncryption = false });

        Assert.That(JToken.DeepEquals(SentBody(), body), Is.True);
        Assert.That(SentHeader("Wechatpay-Serial"), Is.Null);
    }

    [Test]
    public async Task Automatic_encryption_can_be_turned_off_for_the_client_and_on_again_for_a_call()
    {
        var options = TestClient.Options();
        options.AutoEncryption = false;
        using var client = new WeChatPayClient(options);
        Http.RespondWithSigned();
        await client["v3/eduschoolpay/contracts/presign"].PostAsync(EduschoolpayBody());
        await client["v3/eduschoolpay/contracts/presign"].PostAsync(EduschoolpayBody(), new WeChatPayRequestOptions { AutoEncryption = true });

        Assert.That((string)SentBody(0).SelectToken("identity.real_name")!, Is.EqualTo("张三"));
        Assert.That(PlatformPrivateKey.Value.Decrypt((string)SentBody(1).SelectToken("identity.real_name")!), Is.EqualTo("张三"));
    }

    [Test]
    public async Task Extra_fields_can_be_marked_for_one_call_on_an_undocumented_operation()
    {
        var client = Client;
        await client["v3/new-product/not-in-the-catalog"].PostAsync(new { name = "张三", list = new[] { new { id = "1" } } },
            new WeChatPayRequestOptions { EncryptFields = new[] { "name", "list[].id" } });

        var sent = SentBody();
        Assert.That(PlatformPrivateKey.Value.Decrypt((string)sent["name"]!), Is.EqualTo("张三"));
        Assert.That(PlatformPrivateKey.Value.Decrypt((string)sent.SelectToken("list[0].id")!), Is.EqualTo("1"));
        Assert.That(SentHeader("Wechatpay-Serial"), Is.EqualTo(TestData.PublicKeyId));
    }

    [Test]
    public async Task The_callers_body_object_is_never_mutated()
    {
        var client = Client;
        var body = EduschoolpayBody();
        var before = body.ToString();
        var dictionary = new Dictionary<string, object> { ["identity"] = new Dictionary<string, object> { ["real_name"] = "张三", ["credential_type"] = "IDENTITY_CARD" } };
        Http.RespondWithSigned();

        await client["v3/eduschoolpay/contracts/presign"].PostAsync(body);
        await client["v3/eduschoolpay/contracts/presign"].PostAsync(dictionary);

        Assert.That(body.ToString(), Is.EqualTo(before));
        Assert.That(((Dictionary<string, object>)dictionary["identity"])["real_name"], Is.EqualTo("张三"));
    }

    [Test]
    public void A_sensitive_field_that_is_not_a_string_is_an_error_naming_the_field_and_never_sent()
    {
        var client = Client;
        var error = Assert.ThrowsAsync<ArgumentException>(() => client["v3/eduschoolpay/contracts/presign"].PostAsync(new { bank_card = new { bank_card_no = 6222021234567890123 } }));

        Assert.That(error!.Message, Does.Contain("bank_card.bank_card_no").And.Not.Contain("6222021234567890123"));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public async Task Merchant_key_fields_of_an_answer_are_decrypted_and_the_ciphertext_stays_in_the_body()
    {
        var encryptedName = MerchantPublicKey.Value.Encrypt("张三");
        var encryptedAccount = MerchantPublicKey.Value.Encrypt("6222021234567890123");
        var answer = new JObject
        {
            ["mchid"] = "1900000001",
            ["bal_account_no"] = encryptedAccount,
            ["beneficial_owner"] = new JArray(new JObject { ["beneficial_owner_name"] = encryptedName, ["beneficial_owner_id_type"] = "IDCARD" }),
        }.ToString(Newtonsoft.Json.Formatting.None);
        using var http = new HttpTest();
        http.RespondWithSigned(answer);
        var client = Client;

        var response = await client.V3.AggracctBc.WbChannel.Account.mch_archives.GetAsync(new { bal_account_no = "6222021234567890123" });

        Assert.Multiple(() =>
        {
            Assert.That((string)response.Data.bal_account_no, Is.EqualTo("6222021234567890123"));
            Assert.That((string)response.Data.beneficial_owner[0].beneficial_owner_name, Is.EqualTo("张三"));
            Assert.That((string)response.Data.beneficial_owner[0].beneficial_owner_id_type, Is.EqualTo("IDCARD"));
            Assert.That((string)response.Body, Does.Contain(encryptedAccount));
            Assert.That((IEnumerable<string>)response.DecryptedFields, Is.EquivalentTo(new[] { "bal_account_no", "beneficial_owner[0].beneficial_owner_name" }));
        });
    }

    [Test]
    public void An_answer_field_that_does_not_decrypt_with_the_merchant_key_is_an_error_that_says_so()
    {
        var answer = new JObject { ["bal_account_no"] = RsaPublicKey.Load(TestData.PlatformPublicKeyPath, "p").Encrypt("6222") }.ToString();
        using var http = new HttpTest();
        http.RespondWithSigned(answer);
        var client = Client;

        var error = Assert.ThrowsAsync<WeChatPayException>(() => client["v3/aggracct-bc/wb-channel/account/mch_archives"].GetAsync());
        Assert.That(error!.Message, Does.Contain("bal_account_no").And.Contain("merchant private key"));
    }

    [Test]
    public void The_explicit_helpers_encrypt_for_the_platform_key_and_decrypt_with_the_merchant_key()
    {
        var client = Client;

        Assert.That(client.EncryptionSerial, Is.EqualTo(TestData.PublicKeyId));
        Assert.That(PlatformPrivateKey.Value.Decrypt(client.Encrypt("张三")), Is.EqualTo("张三"));
        Assert.That(client.Decrypt(MerchantPublicKey.Value.Encrypt("李四")), Is.EqualTo("李四"));
    }
}
