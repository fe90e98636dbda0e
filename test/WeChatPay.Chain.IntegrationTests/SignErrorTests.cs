using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Http;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>Hand-made requests: the sandbox checks Authorization exactly and answers 401 SIGN_ERROR with sign_information.</summary>
public class SignErrorTests
{
    private const string Target = "/v3/pay/transactions/id/4200000001?mchid=1900000001";
    private const string PostTarget = "/v3/papay/sign/contracts/pre-entrust-sign";

    private WeChatPaySandbox sandbox = null!;
    private RawRequests raw = null!;

    [OneTimeSetUp]
    public async Task StartSandbox()
    {
        sandbox = await WeChatPaySandbox.StartAsync();
        raw = new RawRequests(sandbox.ClientOptions());
    }

    [OneTimeTearDown]
    public async Task StopSandbox()
    {
        raw.Dispose();
        await sandbox.DisposeAsync();
    }

    [Test]
    public async Task A_correctly_signed_raw_request_passes_and_its_answer_verifies_with_the_library_verifier()
    {
        var (status, body, response) = await raw.SendSignedAsync(raw.Signer(), "GET", Target);

        Assert.That(status, Is.EqualTo(200), body?.ToString());
        var options = sandbox.ClientOptions();
        var merchant = RsaPrivateKey.Load(options.MerchantPrivateKey, null, "merchant");
        var keys = PlatformKeyStore.Load(options.PlatformKeys, options.MerchantSerialNumber, merchant.PublicKey, false, null, DateTimeOffset.UtcNow);
        var verifier = new ResponseVerifier(TimeProvider.System);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(verifier.TryVerify(keys, Header(response, "Wechatpay-Timestamp"), Header(response, "Wechatpay-Nonce"), Header(response, "Wechatpay-Signature"),
            Header(response, "Wechatpay-Serial"), bytes, out var failed, out var reason), Is.True, $"{failed}: {reason}");
        Assert.That(Header(response, "Wechatpay-Signature-Type"), Is.EqualTo("WECHATPAY2-SHA256-RSA2048"));
    }

    [Test]
    public async Task A_signature_over_another_body_is_a_sign_error_with_the_servers_view_of_the_message()
    {
        var body = JObject.FromObject(Seeds.PapaySign()).ToString(Newtonsoft.Json.Formatting.None);
        var authorization = raw.Signer().Authorize("POST", PostTarget, body + " ");

        var (status, answer, response) = await raw.SendAsync("POST", PostTarget, body, authorization);

        AssertSignError(status, answer, response, "signature", SandboxCheck.Signature);
        var info = answer!["detail"]!["sign_information"]!;
        Assert.That((string?)info["method"], Is.EqualTo("POST"));
        Assert.That((string?)info["url"], Is.EqualTo(PostTarget));
        Assert.That((string?)info["truncated_sign_message"], Does.StartWith("POST\n" + PostTarget + "\n"));
        Assert.That((int?)info["sign_message_length"], Is.GreaterThan(body.Length));
    }

    [Test]
    public async Task A_query_changed_after_signing_is_a_sign_error()
    {
        var authorization = raw.Signer().Authorize("GET", Target, string.Empty);

        var (status, answer, response) = await raw.SendAsync("GET", Target + "&extra=1", string.Empty, authorization);

        AssertSignError(status, answer, response, "signature", SandboxCheck.Signature);
        Assert.That((string?)answer!["detail"]!["sign_information"]!["url"], Is.EqualTo(Target + "&extra=1"));
    }

    [Test]
    public async Task A_timestamp_older_than_300_seconds_is_a_sign_error()
    {
        var stale = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(-301));

        var (status, answer, response) = await raw.SendSignedAsync(raw.Signer(clock: stale), "GET", Target);

        AssertSignError(status, answer, response, "timestamp", SandboxCheck.Timestamp);
        Assert.That((string?)answer!["message"], Does.Contain("in the past"));
    }

    [Test]
    public async Task A_timestamp_from_the_future_is_a_sign_error()
    {
        var ahead = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(6));

        var (status, answer, response) = await raw.SendSignedAsync(raw.Signer(clock: ahead), "GET", Target);

        AssertSignError(status, answer, response, "timestamp", SandboxCheck.Timestamp);
    }

    [Test]
    public async Task A_replayed_nonce_is_a_sign_error_the_second_time()
    {
        var signer = raw.Signer();
        var authorization = signer.Authorize("GET", Target, string.Empty);

        var first = await raw.SendAsync("GET", Target, string.Empty, authorization);
        var (status, answer, response) = await raw.SendAsync("GET", Target, string.Empty, authorization);

        Assert.That(first.Status, Is.EqualTo(200));
        AssertSignError(status, answer, response, "nonce_str", SandboxCheck.Nonce);
    }

    [Test]
    public async Task Another_merchant_id_is_a_sign_error()
    {
        var (status, answer, response) = await raw.SendSignedAsync(raw.Signer(merchantId: "1900000002"), "GET", Target);

        AssertSignError(status, answer, response, "mchid", SandboxCheck.MerchantId);
    }

    [Test]
    public async Task Another_merchant_serial_is_a_sign_error()
    {
        var (status, answer, response) = await raw.SendSignedAsync(raw.Signer(serial: "5D61E8146D1C1CF31D6A2847982DBA1FA53E5B24"), "GET", Target);

        AssertSignError(status, answer, response, "serial_no", SandboxCheck.SerialNumber);
    }

    [TestCase(null, "Authorization")]
    [TestCase("Bearer abc", "scheme")]
    [TestCase("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000001\",serial_no=\"X\",timestamp=\"1\",nonce_str=\"n\"", "signature")]
    [TestCase("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000001\",mchid=\"1900000001\"", "mchid")]
    [TestCase("WECHATPAY2-SHA256-RSA2048 mchid=1900000001", "Authorization")]
    public async Task A_malformed_Authorization_header_is_a_sign_error_naming_what_is_wrong(string? header, string field)
    {
        var (status, answer, response) = await raw.SendAsync("GET", Target, string.Empty, header);

        AssertSignError(status, answer, response, field, SandboxCheck.Authorization);
    }

    private void AssertSignError(int status, JObject? answer, System.Net.Http.HttpResponseMessage response, string field, SandboxCheck check)
    {
        Assert.That(status, Is.EqualTo(401), answer?.ToString());
        Assert.That((string?)answer!["code"], Is.EqualTo("SIGN_ERROR"));
        Assert.That((string?)answer["message"], Is.Not.Empty);
        var detail = answer["detail"]!;
        Assert.That((string?)detail["field"], Is.EqualTo(field));
        Assert.That((string?)detail["location"], Is.EqualTo("authorization"));
        var info = detail["sign_information"]!;
        Assert.That(info["method"], Is.Not.Null);
        Assert.That(info["url"], Is.Not.Null);
        Assert.That(info["truncated_sign_message"], Is.Not.Null);
        Assert.That(info["sign_message_length"], Is.Not.Null);
        Assert.That(Header(response, "Request-ID"), Does.EndWith("-0"));

        var call = sandbox.Calls[^1];
        Assert.That(call.RequestId, Is.EqualTo(Header(response, "Request-ID")));
        Assert.That(call.FailedCheck, Is.EqualTo(check));
        Assert.That(call.ErrorCode, Is.EqualTo("SIGN_ERROR"));
        Assert.That(call.ErrorField, Is.EqualTo(field));
    }

    private static string Header(System.Net.Http.HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : string.Empty;
}
