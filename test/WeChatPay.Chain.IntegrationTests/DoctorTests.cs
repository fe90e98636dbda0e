using System;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// <see cref="WeChatPayClient.DiagnoseAsync(WeChatPayOptions)"/> against the sandbox: a correct configuration passes, and
/// each mistake merchants make most is produced on purpose and named by the check it belongs to, with what to do.
/// </summary>
public class DoctorTests : SandboxFixture
{
    private static async Task<WeChatPayDiagnosis> DiagnoseAsync(WeChatPayOptions options)
    {
        var report = await WeChatPayClient.DiagnoseAsync(options);
        TestContext.Out.WriteLine(report.ToString());
        return report;
    }

    private static void AssertNamed(WeChatPayDiagnosis report, string check, WeChatPayCheckOutcome outcome, string finding)
    {
        Assert.That(report[check].Outcome, Is.EqualTo(outcome), report.ToString());
        Assert.That(report[check].Finding, Does.Contain(finding), report.ToString());
        if (outcome is WeChatPayCheckOutcome.Failed or WeChatPayCheckOutcome.Warning) Assert.That(report[check].Fix, Is.Not.Null.And.Not.Empty);
        Assert.That(report.Passed, Is.EqualTo(outcome != WeChatPayCheckOutcome.Failed));
    }

    [Test]
    public async Task A_correct_configuration_in_public_key_mode_passes_every_check_it_can_run()
    {
        var report = await DiagnoseAsync(sandbox.ClientOptions());

        Assert.That(report.Checks.Where(c => c.Outcome is WeChatPayCheckOutcome.Failed or WeChatPayCheckOutcome.Warning), Is.Empty, report.ToString());
        Assert.That(report["answer-signature"].Finding, Does.Contain(sandbox.PlatformKeyId));
        Assert.That(report["clock"].Outcome, Is.EqualTo(WeChatPayCheckOutcome.Passed));
        Assert.That(report["migration"].Finding, Does.Contain("100% of answers verified with the public key since start (1 of 1)"));
        Assert.That(sandbox.Calls.Last().PassedChecks, Does.Contain(SandboxCheck.Signature));
    }

    [Test]
    public async Task A_client_diagnoses_its_own_configuration_and_counts_since_it_started()
    {
        await client.V3.Pay.Transactions.Id["4200000001"].GetAsync(new { mchid = "1900000001" });

        var report = await client.DiagnoseAsync();

        Assert.That(report.Passed, Is.True, report.ToString());
        Assert.That(report.Migration!.Answers.PublicKey, Is.GreaterThanOrEqualTo(2), "the call before and the doctor's own");
    }

    [Test]
    public async Task A_key_with_its_header_lines_stripped_is_named_and_nothing_is_sent()
    {
        var options = sandbox.ClientOptions();
        options.MerchantPrivateKey = string.Concat(options.MerchantPrivateKey.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
        var before = sandbox.Calls.Count;

        var report = await DiagnoseAsync(options);

        AssertNamed(report, "merchant-key", WeChatPayCheckOutcome.Failed, "base64 without its PEM lines");
        Assert.That(report["online"].Outcome, Is.EqualTo(WeChatPayCheckOutcome.Skipped));
        Assert.That(sandbox.Calls.Count, Is.EqualTo(before));
    }

    [Test]
    public async Task A_public_key_given_as_the_merchant_key_is_named()
    {
        var options = sandbox.ClientOptions();
        options.MerchantPrivateKey = options.PlatformKeys[sandbox.PlatformKeyId];

        var report = await DiagnoseAsync(options);

        AssertNamed(report, "merchant-key", WeChatPayCheckOutcome.Failed, "MerchantPrivateKey");
    }

    [Test]
    public async Task The_merchant_serial_configured_as_a_platform_key_is_named()
    {
        var options = sandbox.ClientOptions();
        options.PlatformKeys[options.MerchantSerialNumber] = options.PlatformKeys[sandbox.PlatformKeyId];

        var report = await DiagnoseAsync(options);

        AssertNamed(report, "platform-keys", WeChatPayCheckOutcome.Failed, "the merchant's own serial number");
    }

    [TestCase(400, WeChatPayCheckOutcome.Failed)]
    [TestCase(-120, WeChatPayCheckOutcome.Warning)]
    public async Task A_clock_that_drifted_is_named_with_its_distance(int seconds, WeChatPayCheckOutcome outcome)
    {
        var options = sandbox.ClientOptions();
        options.TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(seconds));

        var report = await DiagnoseAsync(options);

        AssertNamed(report, "clock", outcome, seconds > 0 ? "ahead of WeChat Pay's" : "behind WeChat Pay's");
        if (outcome == WeChatPayCheckOutcome.Failed) Assert.That(report["signing"].Outcome, Is.EqualTo(WeChatPayCheckOutcome.Failed), "the sandbox refused the timestamp");
    }

    [Test]
    public async Task Certificate_mode_against_a_merchant_in_public_key_mode_is_named()
    {
        var options = sandbox.ClientOptions();
        options.PlatformKeys.Clear(); // certificate mode: download them with the APIv3 key

        var report = await DiagnoseAsync(options);

        AssertNamed(report, "key-mode", WeChatPayCheckOutcome.Failed, "the merchant is in public-key mode");
        Assert.That(report["key-mode"].Fix, Does.Contain("PUB_KEY_ID_"));
    }

    [Test]
    public async Task An_expired_platform_certificate_is_named()
    {
        var (serial, pem) = Certificate(DateTimeOffset.UtcNow.AddDays(-400), DateTimeOffset.UtcNow.AddDays(-1));
        var options = sandbox.ClientOptions();
        options.PlatformKeys[serial] = pem;

        var report = await DiagnoseAsync(options);

        AssertNamed(report, "platform-keys", WeChatPayCheckOutcome.Failed, "expired on");
    }

    [Test]
    public async Task A_platform_certificate_about_to_expire_warns_with_its_date()
    {
        var (serial, pem) = Certificate(DateTimeOffset.UtcNow.AddDays(-400), DateTimeOffset.UtcNow.AddDays(10));
        var options = sandbox.ClientOptions();
        options.PlatformKeys[serial] = pem;

        var report = await DiagnoseAsync(options);

        AssertNamed(report, "platform-key-expiry", WeChatPayCheckOutcome.Warning, serial);
    }

    [Test]
    public async Task A_merchant_certificate_of_another_key_is_named()
    {
        await using var other = await WeChatPaySandbox.StartAsync();
        var options = sandbox.ClientOptions();
        options.MerchantCertificate = other.MerchantCertificatePem;

        var report = await DiagnoseAsync(options);

        AssertNamed(report, "merchant-certificate", WeChatPayCheckOutcome.Failed, "is not the certificate of MerchantPrivateKey");
    }

    [Test]
    public async Task The_backup_domain_is_reached_when_configured_and_named_when_it_is_not_reachable()
    {
        var backup = await sandbox.StartBackupAsync();
        var options = sandbox.ClientOptions();
        options.BackupBaseUrl = backup.BaseUrl;
        var reached = await DiagnoseAsync(options);
        await backup.DisposeAsync();
        options.MaxRetries = 0;

        var unreached = await DiagnoseAsync(options);

        AssertNamed(reached, "backup-domain", WeChatPayCheckOutcome.Passed, "answered 200");
        AssertNamed(unreached, "backup-domain", WeChatPayCheckOutcome.Failed, "could not be reached");
    }

    internal static (string Serial, string Pem) Certificate(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Tenpay.com Root CA", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return (certificate.SerialNumber, certificate.ExportCertificatePem());
    }
}
