using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.V2.Calls;

/// <summary>
/// Pay-to-bank: enc_bank_no and enc_true_name are encrypted with the key v2/risk/getpublickey gives (fetched once, kept),
/// RSA-OAEP SHA-1, checked here by decrypting with .NET's own RSA.
/// </summary>
public class ApiV2PayBankTests : V2CallFixture
{
    private RSA _bank = null!;

    [SetUp]
    public void MakeBankKey() => _bank = RSA.Create(2048);

    [TearDown]
    public void DropBankKey() => _bank.Dispose();

    protected override bool WithMerchantCertificate => true;

    // getpublickey answers without a sign; its pub_key is PKCS#1 PEM.
    private void AnswerPublicKey(string? pem = null) =>
        Answer(WeChatPay.Chain.ApiV2.ApiV2XmlWriter.Write(new[] { ("return_code", "SUCCESS"), ("return_msg", "OK"), ("result_code", "SUCCESS"),
            ("mch_id", TestData.MerchantId), ("pub_key", pem ?? _bank.ExportRSAPublicKeyPem()) }
            .Select(f => new System.Collections.Generic.KeyValuePair<string, string>(f.Item1, f.Item2)).ToList()));

    private void AnswerPaid() => Answer(SignedAnswer(WeChatPay.Chain.Crypto.ApiV2SignType.Md5, ("return_code", "SUCCESS"), ("result_code", "SUCCESS"), ("mch_id", TestData.MerchantId),
        ("partner_trade_no", "1212121221227"), ("amount", "500"), ("payment_no", "10000600500852017030900000020006012"), ("cmms_amt", "0")));

    private static object PayBank(string bankNo = "6225760000000000", string name = "张三") => new
    {
        mch_id = TestData.MerchantId, partner_trade_no = "1212121221227", enc_bank_no = bankNo, enc_true_name = name, bank_code = "1001", amount = 500, desc = "理财",
    };

    private string Decrypt(string base64) => Encoding.UTF8.GetString(_bank.Decrypt(Convert.FromBase64String(base64), RSAEncryptionPadding.OaepSHA1));

    [Test]
    public async Task The_bank_fields_are_encrypted_with_the_fetched_key_which_is_kept()
    {
        AnswerPublicKey();
        AnswerPaid();
        AnswerPaid();

        var res = await Client.Chain("v2/mmpaysptrans/pay_bank").PostAsync(PayBank());
        await Client.Chain("v2/mmpaysptrans/pay_bank").PostAsync(PayBank("6225760000000001", "李四"));

        Assert.That(Http.CallLog.Select(c => c.Request.Url.Path), Is.EqualTo(new[] { "/risk/getpublickey", "/mmpaysptrans/pay_bank", "/mmpaysptrans/pay_bank" }));
        var first = ApiV2.ApiV2XmlReader.Read(Http.CallLog[1].RequestBody);
        var second = ApiV2.ApiV2XmlReader.Read(Http.CallLog[2].RequestBody);
        var fetch = ApiV2.ApiV2XmlReader.Read(Http.CallLog[0].RequestBody);
        Assert.Multiple(() =>
        {
            Assert.That(fetch.ValueOf("sign_type"), Is.EqualTo("MD5"));
            Assert.That(fetch.ValueOf("mch_id"), Is.EqualTo(TestData.MerchantId));
            Assert.That(Decrypt(first.ValueOf("enc_bank_no")!), Is.EqualTo("6225760000000000"));
            Assert.That(Decrypt(first.ValueOf("enc_true_name")!), Is.EqualTo("张三"));
            Assert.That(Decrypt(second.ValueOf("enc_true_name")!), Is.EqualTo("李四"));
            Assert.That(Http.CallLog[1].RequestBody, Does.Not.Contain("6225760000000000").And.Not.Contain("张三"));
            Assert.That(res.EncryptedFields, Is.EquivalentTo(new[] { "enc_bank_no", "enc_true_name" }));
        });
    }

    [Test]
    public async Task A_value_already_encrypted_by_the_caller_is_sent_as_given()
    {
        AnswerPublicKey();
        AnswerPaid();
        var mine = Convert.ToBase64String(_bank.Encrypt(Encoding.UTF8.GetBytes("6225760000000000"), RSAEncryptionPadding.OaepSHA1));

        await Client.Chain("v2/mmpaysptrans/pay_bank").PostAsync(PayBank(bankNo: mine));

        var sent = ApiV2.ApiV2XmlReader.Read(Http.CallLog[1].RequestBody);
        Assert.That(sent.ValueOf("enc_bank_no"), Is.EqualTo(mine));
        Assert.That(Decrypt(sent.ValueOf("enc_true_name")!), Is.EqualTo("张三"));
    }

    [Test]
    public async Task Without_automatic_encryption_nothing_is_fetched_or_changed()
    {
        var options = Options();
        options.AutoEncryption = false;
        using var client = new WeChatPayClient(options);
        AnswerPaid();

        await client.Chain("v2/mmpaysptrans/pay_bank").PostAsync(PayBank(bankNo: "CALLER-CIPHERTEXT"));

        Assert.That(Http.CallLog, Has.Count.EqualTo(1));
        Assert.That(ApiV2.ApiV2XmlReader.Read(Http.CallLog[0].RequestBody).ValueOf("enc_bank_no"), Is.EqualTo("CALLER-CIPHERTEXT"));
    }

    [Test]
    public async Task An_unusable_key_sends_nothing_and_is_not_kept()
    {
        AnswerPublicKey("-----BEGIN RSA PUBLIC KEY-----\nnot a key\n-----END RSA PUBLIC KEY-----");
        var error = Assert.ThrowsAsync<WeChatPayException>(() => Client.Chain("v2/mmpaysptrans/pay_bank").PostAsync(PayBank()));
        Assert.That(error!.Message, Does.Contain("pub_key").And.Contain("nothing else was sent"));
        Assert.That(Http.CallLog, Has.Count.EqualTo(1));

        AnswerPublicKey();
        AnswerPaid();
        await Client.Chain("v2/mmpaysptrans/pay_bank").PostAsync(PayBank());
        Assert.That(Http.CallLog.Select(c => c.Request.Url.Path), Is.EqualTo(new[] { "/risk/getpublickey", "/risk/getpublickey", "/mmpaysptrans/pay_bank" }));
    }
}
