using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// The doctor on the secrets: a wrong APIv3 key found by decrypting the certificates the sandbox encrypted (certificate
/// mode), a wrong APIv2 key found by a signed APIv2 call over the sandbox's TLS, and no key material in any report.
/// </summary>
public class DoctorKeyTests
{
    private const string OtherKey = "0123456789abcdefghijABCDEFGHIJ01";

    [Test]
    public async Task A_wrong_APIv3_key_is_named_by_the_certificates_it_does_not_decrypt()
    {
        await using var sandbox = await WeChatPaySandbox.StartAsync(new SandboxOptions { Mode = KeyMode.Certificate });
        var right = await WeChatPayClient.DiagnoseAsync(sandbox.ClientOptions());
        var options = sandbox.ClientOptions();
        options.ApiV3Key = OtherKey;

        var wrong = await WeChatPayClient.DiagnoseAsync(options);

        Assert.That(right.Passed, Is.True, right.ToString());
        Assert.That(right["apiv3-key-decrypts"].Outcome, Is.EqualTo(WeChatPayCheckOutcome.Passed), right.ToString());
        Assert.That(wrong["apiv3-key-decrypts"].Outcome, Is.EqualTo(WeChatPayCheckOutcome.Failed), wrong.ToString());
        Assert.That(wrong["apiv3-key-decrypts"].Finding, Does.Contain("is not this merchant's APIv3 key"));
        Assert.That(wrong.Passed, Is.False);
    }

    [Test]
    public async Task The_APIv2_key_and_the_client_certificate_are_checked_by_a_signed_call_and_a_wrong_key_is_named()
    {
        await using var sandbox = await WeChatPaySandbox.StartAsync();
        var right = await WeChatPayClient.DiagnoseAsync(sandbox.TlsClientOptions());
        var options = sandbox.TlsClientOptions();
        options.ApiV2Key = OtherKey;

        var wrong = await WeChatPayClient.DiagnoseAsync(options);

        Assert.That(right["apiv2"].Outcome, Is.EqualTo(WeChatPayCheckOutcome.Passed), right.ToString());
        Assert.That(right["merchant-certificate"].Outcome, Is.EqualTo(WeChatPayCheckOutcome.Passed), right.ToString());
        Assert.That(wrong["apiv2"].Outcome, Is.EqualTo(WeChatPayCheckOutcome.Failed), wrong.ToString());
        Assert.That(wrong["apiv2"].Finding, Does.Contain("ApiV2Key is not this merchant's APIv2 key"));
    }

    [Test]
    public async Task No_report_text_or_JSON_holds_the_private_key_the_APIv3_key_or_the_APIv2_key()
    {
        await using var sandbox = await WeChatPaySandbox.StartAsync(new SandboxOptions { Mode = KeyMode.Certificate });
        var options = sandbox.ClientOptions();
        var body = options.MerchantPrivateKey.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)).ToArray();
        var stripped = sandbox.ClientOptions();
        stripped.MerchantPrivateKey = string.Concat(body);
        var wrongKeys = sandbox.ClientOptions();
        wrongKeys.ApiV3Key = OtherKey.Substring(1) + "\u00e9";
        wrongKeys.ApiV2Key = "short";

        foreach (var report in new[] { await WeChatPayClient.DiagnoseAsync(options), await WeChatPayClient.DiagnoseAsync(stripped), await WeChatPayClient.DiagnoseAsync(wrongKeys) })
        {
            foreach (var text in new[] { report.ToString(), report.ToJson() })
            {
                foreach (var line in body) Assert.That(text, Does.Not.Contain(line.Substring(0, Math.Min(24, line.Length))));
                Assert.That(text, Does.Not.Contain(options.ApiV3Key).And.Not.Contain(options.ApiV2Key).And.Not.Contain(wrongKeys.ApiV3Key).And.Not.Contain("short"));
            }
        }
    }
}
