using System.Text;
using Flurl.Http.Testing;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Http;

/// <summary>
/// Sensitive fields of a 国密 merchant: SM2 (C1C3C2 DER) under the platform SM2 key, checked by decrypting with BouncyCastle's
/// SM2 engine directly (Sm2Reference), not with the client's code.
/// </summary>
public class SmEncryptionTests
{
    private static string PlatformDecrypt(string ciphertext) => Sm2Reference.Decrypt(Sm2Reference.PrivateKey(SmTestData.PlatformKey), ciphertext);

    [Test]
    public void A_marked_field_leaves_SM2_encrypted_for_the_platform_key_named_in_Wechatpay_Serial()
    {
        using var http = new HttpTest();
        http.RespondWith("{}");
        using var client = SmTestClient.Create();

        Assert.ThrowsAsync<WeChatPaySignatureException>(() => client.V3.Profitsharing.Receivers.Add.PostAsync(new
        {
            appid = "wxd678efh567hg6787", type = "MERCHANT_ID", account = "86693852", name = "张三", relation_type = "STORE",
        })); // the unsigned stub answer is refused; the request is what is checked

        var sent = JObject.Parse(http.CallLog[0].RequestBody!);
        Assert.That(PlatformDecrypt((string)sent["name"]!), Is.EqualTo("张三"));
        Assert.That(http.CallLog[0].HttpRequestMessage.Headers.GetValues("Wechatpay-Serial"), Is.EqualTo(new[] { SmTestData.PlatformSerial }));
    }

    [Test]
    public void The_explicit_helpers_encrypt_for_the_platform_SM2_key_and_decrypt_with_the_merchant_SM2_key()
    {
        using var client = SmTestClient.Create();

        Assert.That(PlatformDecrypt(client.Encrypt("张三")), Is.EqualTo("张三"));
        var toMerchant = Sm2Reference.Encrypt(Sm2Reference.PublicKey(SmTestData.MerchantPublicKey), Encoding.UTF8.GetBytes("李四"));
        Assert.That(client.Decrypt(toMerchant), Is.EqualTo("李四"));
    }

    [Test]
    public void A_field_that_is_already_SM2_ciphertext_is_refused_naming_the_cipher_unless_the_caller_names_the_key()
    {
        using var http = new HttpTest();
        using var client = SmTestClient.Create();
        var ciphertext = Sm2Reference.Encrypt(Sm2Reference.PublicKey(SmTestData.PlatformPublicKey), Encoding.UTF8.GetBytes("张三"));

        var error = Assert.ThrowsAsync<System.ArgumentException>(() => client.V3.Profitsharing.Receivers.Add.PostAsync(new
        {
            appid = "wxd678efh567hg6787", type = "MERCHANT_ID", account = "86693852", name = ciphertext, relation_type = "STORE",
        }))!;

        Assert.That(error.Message, Does.Contain("already SM2 ciphertext").And.Contain("Wechatpay-Serial"));
        Assert.That(http.CallLog, Is.Empty);
    }
}
