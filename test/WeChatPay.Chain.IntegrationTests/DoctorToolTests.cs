using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary><c>wxpay doctor</c> as a process against the sandbox: the report readable or as JSON, exit 0 on a correct configuration, 1 when a check fails, no key material printed.</summary>
[Category("Slow")]
public class DoctorToolTests : SandboxFixture
{
    private string _folder = null!;
    private string _config = null!;

    [OneTimeSetUp]
    public void WriteConfiguration()
    {
        _folder = Directory.CreateTempSubdirectory("wxpay-doctor-").FullName;
        _config = Path.Combine(_folder, "wechatpay.json");
        File.WriteAllText(_config, SandboxHost.ClientJson(sandbox.ClientOptions()).ToString());
    }

    [OneTimeTearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_correct_configuration_prints_each_check_and_exits_0()
    {
        var (exit, output, error) = await Tool.RunAsync("doctor", "--config", _config);

        Assert.That((exit, error), Is.EqualTo((0, "")), output);
        Assert.That(output, Does.Contain("[ok] merchant-key: MerchantPrivateKey is an RSA-2048 private key")
            .And.Contain("[ok] signing: WeChat Pay accepted the signature")
            .And.Contain($"[ok] answer-signature: the answer verified with the WeChat Pay public key {sandbox.PlatformKeyId}")
            .And.Contain("100% of answers verified with the public key since start (1 of 1)")
            .And.Contain("Passed"));
    }

    [Test]
    public async Task The_merchant_serial_given_as_a_platform_key_fails_with_exit_1_and_JSON_names_it_without_key_material()
    {
        var options = sandbox.ClientOptions();
        var pem = Path.Combine(_folder, "platform.pem");
        File.WriteAllText(pem, options.PlatformKeys[sandbox.PlatformKeyId]);

        var (exit, output, _) = await Tool.RunAsync("doctor", "--json", "--config", _config, "--platform-key", $"{options.MerchantSerialNumber}={pem}");

        var json = JObject.Parse(output);
        var check = json["checks"]!.First(c => (string?)c["name"] == "platform-keys");
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(((bool?)json["passed"], (string?)check["outcome"]), Is.EqualTo(((bool?)false, "failed")));
        Assert.That((string?)check["finding"], Does.Contain("the merchant's own serial number"));
        Assert.That((string?)check["fix"], Is.Not.Null.And.Not.Empty);
        var keyLines = options.MerchantPrivateKey.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal));
        foreach (var line in keyLines) Assert.That(output, Does.Not.Contain(line));
        Assert.That(output, Does.Not.Contain(options.ApiV3Key).And.Not.Contain(options.ApiV2Key));
    }

    // A certificate serial beside the public key: what PublicKeysOnly refuses, so the report shows where the switch was read.
    private const string CertificateSerial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";

    [TestCase("flag")]
    [TestCase("environment")]
    [TestCase("file")]
    public async Task PublicKeysOnly_is_read_from_a_flag_the_environment_or_the_file_and_a_certificate_beside_it_is_named(string source)
    {
        var options = sandbox.ClientOptions();
        var pem = Path.Combine(_folder, "platform-" + source + ".pem");
        File.WriteAllText(pem, options.PlatformKeys[sandbox.PlatformKeyId]);
        var config = JObject.Parse(File.ReadAllText(_config));
        config["PlatformKeys"] = new JObject { [sandbox.PlatformKeyId] = pem, [CertificateSerial] = pem };
        if (source == "file") config["PublicKeysOnly"] = true;
        var file = Path.Combine(_folder, "switch-" + source + ".json");
        File.WriteAllText(file, config.ToString());
        var environment = source == "environment" ? new System.Collections.Generic.Dictionary<string, string?> { ["WECHATPAY_PUBLIC_KEYS_ONLY"] = "true" } : null;
        var args = source == "flag" ? new[] { "doctor", "--config", file, "--public-keys-only" } : new[] { "doctor", "--config", file };

        var (exit, output, _) = await Tool.RunAsync(environment, args);

        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain($"PublicKeysOnly is on (never download certificates, never send a certificate serial), but PlatformKeys holds the certificate {CertificateSerial}"));
    }

    [Test]
    public async Task A_PublicKeysOnly_that_is_not_true_or_false_is_refused_naming_the_variable()
    {
        var (exit, _, error) = await Tool.RunAsync(new System.Collections.Generic.Dictionary<string, string?> { ["WECHATPAY_PUBLIC_KEYS_ONLY"] = "yes" }, "doctor", "--config", _config);

        Assert.That(exit, Is.Not.EqualTo(0));
        Assert.That(error, Does.Contain("WECHATPAY_PUBLIC_KEYS_ONLY takes true or false; got 'yes'."));
    }
}
