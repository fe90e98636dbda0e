using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// The sandbox in 国密 mode (<see cref="SandboxScheme.Sm"/>), spoken to with raw HTTP and the tests' own BouncyCastle code:
/// WECHATPAY2-SM2-WITH-SM3 requests are judged, answers are SM2-signed, SM2 fields decrypt and encrypt.
/// </summary>
public class SandboxSmModeTests
{
    private const string Target = "/v3/pay/transactions/id/4200000001?mchid=1900000001";
    private const string PostTarget = "/v3/papay/sign/contracts/pre-entrust-sign";

    private WeChatPaySandbox sandbox = null!;
    private SmRequests sm = null!;

    [OneTimeSetUp]
    public async Task StartSandbox()
    {
        sandbox = await WeChatPaySandbox.StartAsync(new SandboxOptions { Scheme = SandboxScheme.Sm });
        sm = new SmRequests(sandbox.ClientOptions());
    }

    [OneTimeTearDown]
    public async Task StopSandbox()
    {
        sm.Dispose();
        await sandbox.DisposeAsync();
    }

    private SandboxCall LastCall() => sandbox.Calls[^1];

    [Test]
    public void The_client_configuration_carries_SM2_keys()
    {
        var options = sandbox.ClientOptions();

        Assert.That(sandbox.Scheme, Is.EqualTo(SandboxScheme.Sm));
        Assert.That(Sm2TestCrypto.IsSm2(Sm2TestCrypto.PrivateKey(options.MerchantPrivateKey)), Is.True);
        Assert.That(options.PlatformKeys.Keys, Is.EqualTo(new[] { sandbox.PlatformKeyId }));
        Assert.That(sandbox.PlatformKeyId, Does.StartWith("PUB_KEY_ID_"));
        Assert.That(Sm2TestCrypto.IsSm2(Sm2TestCrypto.PublicKey(options.PlatformKeys[sandbox.PlatformKeyId])), Is.True);
        Assert.That(SandboxHost.ClientJson(options)["MerchantPrivateKey"]!.ToString(), Is.EqualTo(options.MerchantPrivateKey));
    }

    [Test]
    public void Pay_parameters_of_a_guomi_merchant_are_refused_as_WeChat_Pay_documents_an_RSA_pay_signature_only()
    {
        // Signed with the merchant's SM2 key over the documented lines: well formed, but not a signature WeChat Pay documents.
        var merchantKey = Sm2TestCrypto.PrivateKey(sandbox.ClientOptions().MerchantPrivateKey);
        const string package = "prepay_id=wx201410272009395522657a690389285100";
        var json = new Newtonsoft.Json.Linq.JObject
        {
            ["appId"] = "wxd678efh567hg6787", ["timeStamp"] = "1414561699", ["nonceStr"] = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
            ["package"] = package, ["signType"] = "RSA",
            ["paySign"] = Sm2TestCrypto.Sign(merchantKey, "wxd678efh567hg6787\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\n" + package + "\n"),
        }.ToString();

        var check = sandbox.CheckPayParameters(json);

        Assert.That(check.Accepted, Is.False);
        Assert.That(check.Problem, Does.Contain("SHA256withRSA only"));
    }

    [Test]
    public async Task An_SM2_signed_GET_is_accepted_and_its_answer_verifies_with_the_platform_SM2_key()
    {
        var (status, body, response, bytes) = await sm.SendSignedAsync("GET", Target);

        Assert.That(status, Is.EqualTo(200), body?.ToString());
        Assert.That(LastCall().PassedChecks, Does.Contain(SandboxCheck.Signature).And.Contain(SandboxCheck.Nonce));
        var header = SmRequests.Headers(response);
        Assert.That(header("Wechatpay-Signature-Type"), Is.EqualTo("WECHATPAY2-SM2-WITH-SM3"));
        Assert.That(header("Wechatpay-Serial"), Is.EqualTo(sandbox.PlatformKeyId));
        Assert.That(sm.AnswerVerifies(header, bytes), Is.True);
        Assert.That(sm.AnswerVerifies(_ => header(_) + (_ == "Wechatpay-Nonce" ? "x" : ""), bytes), Is.False, "the check can fail");
    }

    [Test]
    public async Task An_SM2_signed_POST_is_accepted_and_its_answer_verifies()
    {
        var body = JObject.FromObject(Seeds.PapaySign()).ToString(Newtonsoft.Json.Formatting.None);

        var (status, answer, response, bytes) = await sm.SendSignedAsync("POST", PostTarget, body);

        Assert.That(status, Is.EqualTo(200), answer?.ToString());
        Assert.That((string?)answer!["pre_entrustweb_id"], Is.Not.Empty);
        Assert.That(sm.AnswerVerifies(SmRequests.Headers(response), bytes), Is.True);
    }

    [Test]
    public async Task A_tampered_signature_is_a_sign_error()
    {
        var authorization = sm.Authorize("GET", Target, string.Empty);
        var at = authorization.IndexOf("signature=\"", StringComparison.Ordinal) + "signature=\"".Length + 10;
        var tampered = authorization.Substring(0, at) + (authorization[at] == 'A' ? 'B' : 'A') + authorization.Substring(at + 1);

        var (status, answer, _, _) = await sm.SendAsync("GET", Target, string.Empty, tampered);

        Assert.That((status, (string?)answer!["code"], (string?)answer["detail"]!["field"]), Is.EqualTo((401, "SIGN_ERROR", "signature")));
        Assert.That(LastCall().FailedCheck, Is.EqualTo(SandboxCheck.Signature));
    }

    [TestCase("")]
    [TestCase("1234567812345679")]
    public async Task A_signature_under_another_distinguishing_ID_is_a_sign_error(string id)
    {
        var (status, answer, _, _) = await sm.SendAsync("GET", Target, string.Empty, sm.Authorize("GET", Target, string.Empty, id));

        Assert.That((status, (string?)answer!["code"], (string?)answer["detail"]!["field"]), Is.EqualTo((401, "SIGN_ERROR", "signature")));
    }

    [Test]
    public async Task An_RSA_signed_request_is_refused_naming_the_merchants_scheme()
    {
        using var rsa = RSA.Create(2048);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var nonce = SmRequests.Nonce();
        var signature = Convert.ToBase64String(rsa.SignData(Encoding.UTF8.GetBytes(SmRequests.Message("GET", Target, timestamp, nonce, "")), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        var authorization = $"WECHATPAY2-SHA256-RSA2048 mchid=\"1900000001\",serial_no=\"{sm.Options.MerchantSerialNumber}\",timestamp=\"{timestamp}\",nonce_str=\"{nonce}\",signature=\"{signature}\"";

        var (status, answer, _, _) = await sm.SendAsync("GET", Target, string.Empty, authorization);

        Assert.That((status, (string?)answer!["code"], (string?)answer["detail"]!["field"]), Is.EqualTo((401, "SIGN_ERROR", "scheme")));
        Assert.That((string?)answer["message"], Does.Contain("this merchant uses WECHATPAY2-SM2-WITH-SM3"));
        Assert.That(LastCall().FailedCheck, Is.EqualTo(SandboxCheck.Authorization));
    }

    [Test]
    public async Task A_replayed_SM2_request_is_a_sign_error_as_in_RSA_mode()
    {
        var authorization = sm.Authorize("GET", Target, string.Empty);

        var first = await sm.SendAsync("GET", Target, string.Empty, authorization);
        var again = await sm.SendAsync("GET", Target, string.Empty, authorization);

        Assert.That(first.Status, Is.EqualTo(200));
        Assert.That((again.Status, (string?)again.Body!["detail"]!["field"]), Is.EqualTo((401, "nonce_str")));
    }

    [Test]
    public async Task A_field_SM2_encrypted_to_the_platform_key_decrypts_and_merchant_key_fields_come_SM2_encrypted()
    {
        var mobile = Sm2TestCrypto.Encrypt(sm.PlatformKey(sandbox.PlatformKeyId), "13800138000");
        var target = "/v3/smartguide/guides?store_id=1234&mobile=" + Uri.EscapeDataString(mobile);

        var (status, answer, _, _) = await sm.SendSignedAsync("GET", target, serial: sandbox.PlatformKeyId);

        Assert.That(status, Is.EqualTo(200), answer?.ToString());
        Assert.That(LastCall().DecryptedFields, Is.EqualTo(new[] { "query.mobile" }));
        var name = (string)answer!["data"]![0]!["name"]!;
        Assert.That(Sm2TestCrypto.Decrypt(sm.MerchantKey, name), Is.EqualTo("sandbox_name"));
    }

    [Test]
    public async Task A_field_RSA_encrypted_instead_is_a_param_error_naming_SM2()
    {
        using var rsa = RSA.Create(2048);
        var mobile = Convert.ToBase64String(rsa.Encrypt(Encoding.UTF8.GetBytes("13800138000"), RSAEncryptionPadding.OaepSHA1));
        var target = "/v3/smartguide/guides?store_id=1234&mobile=" + Uri.EscapeDataString(mobile);

        var (status, answer, _, _) = await sm.SendSignedAsync("GET", target, serial: sandbox.PlatformKeyId);

        Assert.That((status, (string?)answer!["code"], (string?)answer["detail"]!["field"]), Is.EqualTo((400, "PARAM_ERROR", "mobile")));
        Assert.That((string?)answer["message"], Does.Contain("SM2"));
    }

    [Test]
    public async Task In_RSA_mode_an_SM2_signed_request_is_refused_naming_the_RSA_scheme()
    {
        await using var rsaSandbox = await WeChatPaySandbox.StartAsync();
        var options = rsaSandbox.ClientOptions();
        options.MerchantPrivateKey = sm.Options.MerchantPrivateKey; // an SM2 key, to sign the 国密 way
        using var smOnRsa = new SmRequests(options);

        var (status, answer, _, _) = await smOnRsa.SendSignedAsync("GET", Target);

        Assert.That((status, (string?)answer!["code"], (string?)answer["detail"]!["field"]), Is.EqualTo((401, "SIGN_ERROR", "scheme")));
        Assert.That((string?)answer["message"], Does.Contain("this merchant uses WECHATPAY2-SHA256-RSA2048"));
    }

    [Test]
    public async Task Given_SM2_keys_are_used_and_a_key_of_the_other_scheme_is_refused_at_start()
    {
        var given = await WeChatPaySandbox.StartAsync(new SandboxOptions { Scheme = SandboxScheme.Sm, MerchantPrivateKey = sm.Options.MerchantPrivateKey, MerchantSerialNumber = "ABC123" });
        await using (given)
        {
            Assert.That((given.ClientOptions().MerchantPrivateKey, given.ClientOptions().MerchantSerialNumber), Is.EqualTo((sm.Options.MerchantPrivateKey, "ABC123")));
        }
        using var rsa = RSA.Create(2048);

        var wrong = Assert.ThrowsAsync<ArgumentException>(() => WeChatPaySandbox.StartAsync(new SandboxOptions { Scheme = SandboxScheme.Sm, PlatformPrivateKey = rsa.ExportPkcs8PrivateKeyPem() }));
        var same = Assert.ThrowsAsync<ArgumentException>(() => WeChatPaySandbox.StartAsync(new SandboxOptions
        {
            Scheme = SandboxScheme.Sm, MerchantPrivateKey = sm.Options.MerchantPrivateKey, PlatformPrivateKey = sm.Options.MerchantPrivateKey,
        }));

        Assert.That(wrong!.ParamName, Is.EqualTo("PlatformPrivateKey"));
        Assert.That(wrong.Message, Does.Contain("not an unencrypted SM2 private key"));
        Assert.That(same!.Message, Does.Contain("is the merchant key"));
    }
}
