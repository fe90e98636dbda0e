using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>The doctor for a 国密 merchant (SM2 keys, WECHATPAY2-SM2-WITH-SM3) against the sandbox in 国密 mode.</summary>
public class DoctorSmTests
{
    private WeChatPaySandbox sandbox = null!;

    [OneTimeSetUp]
    public async Task StartSandbox() => sandbox = await WeChatPaySandbox.StartAsync(new SandboxOptions { Scheme = SandboxScheme.Sm });

    [OneTimeTearDown]
    public async Task StopSandbox() => await sandbox.DisposeAsync();

    [Test]
    public async Task A_correct_guomi_configuration_passes_every_check_and_names_the_scheme()
    {
        var report = await WeChatPayClient.DiagnoseAsync(sandbox.ClientOptions());
        TestContext.Out.WriteLine(report.ToString());

        Assert.That(report.Checks.Where(c => c.Outcome is WeChatPayCheckOutcome.Failed or WeChatPayCheckOutcome.Warning), Is.Empty, report.ToString());
        Assert.That(report["merchant-key"].Finding, Does.Contain("SM2"), report.ToString());
        Assert.That(report["answer-signature"].Finding, Does.Contain(sandbox.PlatformKeyId), report.ToString());
        Assert.That(report["signing"].Outcome, Is.EqualTo(WeChatPayCheckOutcome.Passed), report.ToString());
    }

    [Test]
    public async Task An_RSA_platform_key_for_a_guomi_merchant_is_named()
    {
        await using var rsa = await WeChatPaySandbox.StartAsync();
        var options = sandbox.ClientOptions();
        options.PlatformKeys.Clear();
        options.PlatformKeys[rsa.PlatformKeyId] = rsa.ClientOptions().PlatformKeys[rsa.PlatformKeyId];

        var report = await WeChatPayClient.DiagnoseAsync(options);
        TestContext.Out.WriteLine(report.ToString());

        Assert.That(report.Passed, Is.False, report.ToString());
        Assert.That(report["platform-keys"].Outcome, Is.EqualTo(WeChatPayCheckOutcome.Failed), report.ToString());
        Assert.That(report["platform-keys"].Finding, Does.Contain("is a WECHATPAY2-SHA256-RSA2048 key, but MerchantPrivateKey is a WECHATPAY2-SM2-WITH-SM3 key")
            .And.Not.Contain("(Parameter '"), "the finding is the sentence alone");
    }
}
