using System;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Http;

public class CallerCiphertextTests : HttpFixture
{
    private static readonly Lazy<RsaPrivateKey> PlatformPrivateKey = new Lazy<RsaPrivateKey>(() => RsaPrivateKey.Load(TestData.PlatformKeyPath, null, "platform"));

    private string Ciphertext(string plaintext) => Client.Encrypt(plaintext);

    private static object Body(string realName) => new { identity = new { real_name = realName }, plan_id = 1 };

    private static WeChatPayRequestOptions WithSerial(string serial) =>
        new WeChatPayRequestOptions { Headers = new Dictionary<string, string> { ["Wechatpay-Serial"] = serial } };

    [Test]
    public void Ciphertext_under_a_caller_serial_is_left_as_the_caller_encrypted_it()
    {
        var ciphertext = Ciphertext("张三");
        var response = Client.V3.Eduschoolpay.Contracts.Presign.Post(Body(ciphertext), WithSerial(Client.EncryptionSerial));

        var sent = JObject.Parse(Http.CallLog[0].RequestBody!);
        Assert.Multiple(() =>
        {
            Assert.That((string?)sent["identity"]!["real_name"], Is.EqualTo(ciphertext));
            Assert.That(PlatformPrivateKey.Value.Decrypt((string)sent["identity"]!["real_name"]!), Is.EqualTo("张三"));
            Assert.That(((WeChatPayResponse)response).EncryptedFields, Is.Empty, "the client encrypted nothing");
        });
    }

    [Test]
    public void Ciphertext_without_a_caller_serial_is_refused_naming_the_field_and_the_fix()
    {
        var ciphertext = Ciphertext("张三");

        var error = Assert.Throws<ArgumentException>(() => Client.V3.Eduschoolpay.Contracts.Presign.Post(Body(ciphertext)));
        Assert.That(error!.Message, Does.Contain("identity.real_name").And.Contain("Wechatpay-Serial").And.Contain("already"));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public void Plaintext_too_long_to_encrypt_names_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => Client.V3.Eduschoolpay.Contracts.Presign.Post(Body(new string('名', 100))));
        Assert.That(error!.Message, Does.Contain("identity.real_name").And.Contain("214"));
        Http.ShouldNotHaveMadeACall();
    }
}
