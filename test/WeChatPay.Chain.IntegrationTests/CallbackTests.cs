using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Shared;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Http;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>Callbacks arrive signed like answers and with the resource AES-GCM encrypted under the APIv3 key.</summary>
public class CallbackTests
{
    private WeChatPaySandbox sandbox = null!;
    private CallbackReceiver receiver = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        sandbox = await WeChatPaySandbox.StartAsync();
        receiver = await CallbackReceiver.StartAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await receiver.DisposeAsync();
        await sandbox.DisposeAsync();
    }

    [TestCase("PAPAY.SIGN")]
    [TestCase("TRANSACTION.SUCCESS")]
    public async Task A_callback_verifies_with_the_library_verifier_and_decrypts_to_the_plaintext_given(string eventType)
    {
        var plaintext = new { mchid = "1900000001", out_contract_code = "wxwtdk20200910100000", contract_id = "Wx15463511252015071056489715", change_type = "ADD" };
        receiver.Received.Clear();

        var result = await sandbox.SendCallbackAsync(receiver.Url, eventType, plaintext);

        Assert.That(result.StatusCode, Is.EqualTo(204));
        Assert.That(result.Acknowledged, Is.True);
        Assert.That(receiver.Received.TryDequeue(out var notification), Is.True);
        var (headers, body) = notification;

        var options = sandbox.ClientOptions();
        var merchant = RsaPrivateKey.Load(options.MerchantPrivateKey, null, "merchant");
        var keys = PlatformKeyStore.Load(options.PlatformKeys, options.MerchantSerialNumber, merchant.PublicKey, false, null, DateTimeOffset.UtcNow);
        var verifier = new ResponseVerifier(TimeProvider.System);
        Assert.That(verifier.TryVerify(keys, headers["Wechatpay-Timestamp"], headers["Wechatpay-Nonce"], headers["Wechatpay-Signature"], headers["Wechatpay-Serial"],
            body, out var failed, out var reason), Is.True, $"{failed}: {reason}");
        Assert.That(headers["Content-Type"], Does.StartWith("application/json"));

        var json = (JObject)WeChatPayJson.Parse(Encoding.UTF8.GetString(body));
        Assert.That((string?)json["id"], Is.EqualTo(result.NotificationId));
        Assert.That((string?)json["event_type"], Is.EqualTo(eventType));
        Assert.That((string?)json["resource_type"], Is.EqualTo("encrypt-resource"));
        Assert.That((string?)json["summary"], Is.Not.Empty);
        Assert.That((string?)json["create_time"], Does.EndWith("+08:00"));
        var resource = json["resource"]!;
        Assert.That((string?)resource["algorithm"], Is.EqualTo("AEAD_AES_256_GCM"));
        Assert.That((string?)resource["original_type"], Is.Not.Empty);
        var decrypted = AesGcm256.Decrypt(options.ApiV3Key!, (string)resource["nonce"]!, (string?)resource["associated_data"] ?? string.Empty, (string)resource["ciphertext"]!);
        Assert.That(JToken.DeepEquals(JObject.Parse(decrypted), JObject.FromObject(plaintext)), Is.True, decrypted);
    }

    [Test]
    public async Task A_transaction_callback_uses_the_documented_original_type()
    {
        receiver.Received.Clear();

        await sandbox.SendCallbackAsync(receiver.Url, "TRANSACTION.SUCCESS", "{\"trade_state\":\"SUCCESS\"}");

        var body = (JObject)WeChatPayJson.Parse(Encoding.UTF8.GetString(receiver.Received.Single().Body));
        Assert.That((string?)body["resource"]!["original_type"], Is.EqualTo("transaction"));
        Assert.That((string?)body["summary"], Is.EqualTo("支付成功"));
    }

    [Test]
    public void A_callback_to_a_bad_url_is_refused()
    {
        Assert.ThrowsAsync<ArgumentException>(() => sandbox.SendCallbackAsync("/relative", "PAPAY.SIGN", new { }));
        Assert.ThrowsAsync<ArgumentException>(() => sandbox.SendCallbackAsync(receiver.Url, " ", new { }));
    }
}
