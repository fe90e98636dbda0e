using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// Sensitive fields both ways through the real client, for an RSA merchant (RSA-OAEP) and a 国密 one (SM2, C1C3C2 DER):
/// request fields encrypted to the platform key named in <c>Wechatpay-Serial</c> and decrypted by the sandbox with code
/// of its own, merchant-key fields of answers decrypted into <c>Data</c>, and values the caller encrypts or decrypts.
/// </summary>
[TestFixture(SandboxScheme.Rsa)]
[TestFixture(SandboxScheme.Sm)]
public class EncryptedFieldTests(SandboxScheme scheme) : SandboxFixture
{
    protected override SandboxOptions? Options => new() { Scheme = scheme };

    private const string ComplaintPath = "v3/merchant-service/complaints-v2/{complaint_id}";
    private static readonly object Complaint = new { complaint_id = "200201820200101080076610000" };

    [Test]
    public async Task A_sensitive_query_value_is_encrypted_for_the_sandbox_and_the_merchant_key_fields_of_the_answer_come_back_decrypted()
    {
        WeChatPayResponse res = await client.Chain("v3/smartguide/guides").GetAsync(new { store_id = 1234, mobile = Seeds.Phone });

        Assert.That((res.EncryptedFields, sandbox.Calls.Last().DecryptedFields), Is.EqualTo((new[] { "query.mobile" }, new[] { "query.mobile" })));
        var guide = res.Json!["data"]![0]!;
        Assert.That(((string?)guide["name"], (string?)guide["mobile"]), Is.EqualTo(("sandbox_name", "sandbox_mobile")));
        Assert.That(res.DecryptedFields, Is.Not.Empty);
        Assert.That(res.Body, Does.Not.Contain("sandbox_mobile"), "the body stays as WeChat Pay sent it");
    }

    [Test]
    public async Task The_five_presign_fields_are_encrypted_to_the_key_the_client_names_and_the_sandbox_decrypts_each()
    {
        WeChatPayResponse res = await client.V3.Eduschoolpay.Contracts.Presign.PostAsync(Seeds.Presign());

        Assert.That(sandbox.Calls.Last().DecryptedFields, Is.EquivalentTo(res.EncryptedFields).And.Count.EqualTo(5));
        Assert.That(client.EncryptionSerial, Is.EqualTo(sandbox.PlatformKeyId));
        Assert.That(res.ToString(), Does.Not.Contain(Seeds.RealName).And.Not.Contain(Seeds.IdCardNumber));
    }

    [Test]
    public async Task Values_the_caller_encrypts_with_Encrypt_and_names_in_Wechatpay_Serial_are_sent_as_given()
    {
        var body = Seeds.Presign(
            new { real_name = client.Encrypt(Seeds.RealName), credential_type = client.Encrypt("IDENTITY_CARD"), id_card_number = client.Encrypt(Seeds.IdCardNumber) },
            new { bank_card_no = client.Encrypt(Seeds.BankCardNumber), valid_thru = "08/21", phone = client.Encrypt(Seeds.Phone), bank_type = "CMC" });

        WeChatPayResponse res = await client.Chain(Seeds.PresignPath).PostAsync(body, new WeChatPayRequestOptions { Headers = new { Wechatpay_Serial = client.EncryptionSerial } });

        Assert.That(res.EncryptedFields, Is.Empty, "left as the caller encrypted them");
        Assert.That(sandbox.Calls.Last().DecryptedFields, Has.Count.EqualTo(5));
    }

    [Test]
    public void A_value_already_encrypted_without_naming_the_key_is_refused_naming_the_scheme_cipher()
    {
        var body = Seeds.Presign(new { real_name = client.Encrypt(Seeds.RealName), credential_type = "IDENTITY_CARD", id_card_number = Seeds.IdCardNumber });

        var error = Assert.ThrowsAsync<System.ArgumentException>(() => client.Chain(Seeds.PresignPath).PostAsync(body));

        Assert.That(error!.Message, Does.Contain("identity.real_name is already " + (scheme == SandboxScheme.Sm ? "SM2" : "RSA-OAEP") + " ciphertext")
            .And.Contain(sandbox.PlatformKeyId));
    }

    [Test]
    public async Task A_merchant_key_field_reads_decrypted_in_Data_and_Decrypt_opens_it_when_automatic_encryption_is_off()
    {
        WeChatPayResponse automatic = await client.Chain(ComplaintPath).GetAsync(Complaint);
        WeChatPayResponse raw = await client.Chain(ComplaintPath).GetAsync(Complaint, new WeChatPayRequestOptions { AutoEncryption = false });

        Assert.That((string?)automatic.Json!["payer_phone"], Is.EqualTo("sandbox_payer_phone"));
        Assert.That(automatic.DecryptedFields, Does.Contain("payer_phone"));
        var sealedPhone = (string)raw.Json!["payer_phone"]!;
        Assert.That(sealedPhone, Is.Not.EqualTo("sandbox_payer_phone"));
        Assert.That(client.Decrypt(sealedPhone), Is.EqualTo("sandbox_payer_phone"));
    }
}
