using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// The <c>wxpay</c> tool as a process: a call (signed, verified, as the library does it) against the sandbox, its
/// configuration from a file, environment variables and flags in that order of precedence, the catalog commands,
/// <c>sandbox --json</c> and <c>certificates download</c>.
/// </summary>
public class ToolTests : SandboxFixture
{
    private string _folder = null!;
    private string _config = null!;

    [OneTimeSetUp]
    public void WriteConfiguration()
    {
        _folder = Directory.CreateTempSubdirectory("wxpay-tool-").FullName;
        _config = Path.Combine(_folder, "wechatpay.json");
        File.WriteAllText(_config, SandboxHost.ClientJson(sandbox.ClientOptions()).ToString());
    }

    [OneTimeTearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    private SandboxCall LastCall() => sandbox.Calls[sandbox.Calls.Count - 1];

    [Test]
    public async Task A_GET_is_signed_verified_and_its_body_printed()
    {
        var (exit, output, error) = await Tool.RunAsync("--config", _config, "v3/pay/transactions/out-trade-no/ORDER-1", "-q", "mchid=1230000109");

        Assert.That((exit, error), Is.EqualTo((0, "")));
        Assert.That((string?)JObject.Parse(output)["out_trade_no"], Is.Not.Null, output);
        Assert.That((LastCall().Method, LastCall().Path, LastCall().StatusCode), Is.EqualTo(("GET", "/v3/pay/transactions/out-trade-no/ORDER-1", 200)));
        Assert.That(LastCall().PassedChecks, Does.Contain(SandboxCheck.Signature));
    }

    [Test]
    public async Task A_v2_call_takes_the_APIv2_key_from_the_configuration_file_and_prints_the_answer_fields()
    {
        var (exit, output, error) = await Tool.RunAsync("--config", _config, "v2/pay/orderquery", "-d",
            "{\"appid\":\"wxd678efh567hg6787\",\"mch_id\":\"1900000001\",\"out_trade_no\":\"ORDER-1\"}");

        Assert.That((exit, error), Is.EqualTo((0, "")));
        Assert.That((string?)JObject.Parse(output)["out_trade_no"], Is.EqualTo("ORDER-1"), output);
        Assert.That((LastCall().Method, LastCall().Path, LastCall().ErrorCode), Is.EqualTo(("POST", "/pay/orderquery", (string?)null)));
    }

    private const string RedPacket = "{\"mch_billno\":\"1900000001202512070000000001\",\"mch_id\":\"1900000001\",\"wxappid\":\"wxd678efh567hg6787\"," +
        "\"send_name\":\"测试商户\",\"re_openid\":\"oxTWIuGaIt6gTKsQRLau2M0yL16E\",\"total_amount\":100,\"total_num\":1,\"wishing\":\"恭喜发财\"," +
        "\"client_ip\":\"192.168.0.1\",\"act_name\":\"双十一活动\",\"remark\":\"猜越多得越多\"}";

    [Test]
    public async Task A_security_operation_without_the_merchant_certificate_is_refused_before_sending()
    {
        var before = sandbox.Calls.Count;
        var (exit, _, error) = await Tool.RunAsync("--config", _config, "v2/mmpaymkttransfers/sendredpack", "-d", RedPacket);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("MerchantCertificate"));
        Assert.That(sandbox.Calls.Count, Is.EqualTo(before));
    }

    [Test]
    public async Task The_merchant_certificate_comes_from_the_environment_and_a_bad_one_from_the_flag_is_named()
    {
        var certificate = Path.Combine(_folder, "apiclient_cert.pem");
        File.WriteAllText(certificate, sandbox.MerchantCertificatePem);
        var (exit, _, error) = await Tool.RunAsync(new Dictionary<string, string?> { ["WECHATPAY_MERCHANT_CERTIFICATE"] = certificate },
            "--config", _config, "v2/mmpaymkttransfers/sendredpack", "-d", RedPacket);

        // Loaded and sent with the certificate's own connections: on the sandbox's plain address no certificate can go, so it answers so.
        Assert.That(exit, Is.EqualTo(2), "an error answer of WeChat Pay's");
        Assert.That(error, Does.Contain("请求未携带证书"));
        Assert.That((LastCall().Path, LastCall().FailedCheck), Is.EqualTo(("/mmpaymkttransfers/sendredpack", (SandboxCheck?)SandboxCheck.ClientCertificate)));

        var garbage = Path.Combine(_folder, "apiclient_cert.p12");
        File.WriteAllBytes(garbage, new byte[] { 0x30, 0x03, 0x02, 0x01, 0x03 });
        var (badExit, _, badError) = await Tool.RunAsync("--config", _config, "--merchant-certificate", garbage, "--merchant-certificate-password", "not-this-one",
            "v2/pay/orderquery", "-d", "{\"appid\":\"wxd678efh567hg6787\",\"mch_id\":\"1900000001\",\"out_trade_no\":\"ORDER-1\"}");
        Assert.That(badExit, Is.EqualTo(1));
        Assert.That(badError, Does.Contain("MerchantCertificatePassword").And.Not.Contain("not-this-one"));
    }

    [Test]
    public async Task A_POST_reads_its_body_from_a_file_and_a_dotted_path_works()
    {
        var body = Path.Combine(_folder, "presign.json");
        File.WriteAllText(body, JToken.FromObject(Seeds.PapaySign()).ToString());

        var (exit, output, error) = await Tool.RunAsync("--config", _config, "v3.papay.sign.contracts.pre-entrust-sign", "-d", "@" + body);

        Assert.That((exit, error), Is.EqualTo((0, "")));
        Assert.That((string?)JObject.Parse(output)["pre_entrustweb_id"], Is.Not.Empty);
        Assert.That((LastCall().Method, LastCall().Path), Is.EqualTo(("POST", "/v3/papay/sign/contracts/pre-entrust-sign")));
    }

    [TestCase("/dev/zero", "/dev/zero is empty or not a regular file")]
    [TestCase("fifo", "is empty or not a regular file")]
    [TestCase("big.json", "is larger than 1048576 bytes")]
    public async Task A_body_file_that_is_not_a_regular_file_or_is_too_large_is_one_line_and_nothing_is_sent(string file, string says)
    {
        Assume.That(!OperatingSystem.IsWindows(), "FIFOs and /dev/zero are Unix things");
        var path = file.StartsWith('/') ? file : Path.Combine(_folder, file);
        if (file == "fifo")
        {
            using var mkfifo = Process.Start("mkfifo", path)!;
            mkfifo.WaitForExit();
        }
        else if (file == "big.json")
        {
            File.WriteAllText(path, "{\"pad\":\"" + new string('x', 1024 * 1024) + "\"}");
        }
        var before = sandbox.Calls.Count;

        var (exit, _, error) = await Tool.RunAsync("--config", _config, "v3.papay.sign.contracts.pre-entrust-sign", "-d", "@" + path);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.StartWith("wxpay: -d @" + path + ": ").And.Contain(says));
        Assert.That(sandbox.Calls.Count, Is.EqualTo(before));
    }

    [Test]
    public async Task A_configuration_file_that_never_ends_is_one_line_too()
    {
        Assume.That(File.Exists("/dev/zero"), "a Unix device");

        var (exit, _, error) = await Tool.RunAsync("--config", "/dev/zero", "v3/certificates");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error.TrimEnd(), Is.EqualTo("wxpay: --config /dev/zero: /dev/zero is empty or not a regular file (a pipe or a device reports no length, and may never end or never answer); give the path of a file on disk."));
    }

    [Test]
    public async Task The_environment_overrides_the_file_and_a_flag_overrides_the_environment()
    {
        var wrongFile = Path.Combine(_folder, "wrong-merchant.json");
        var json = SandboxHost.ClientJson(sandbox.ClientOptions());
        json["MerchantSerialNumber"] = "0000000000000000000000000000000000000000";
        File.WriteAllText(wrongFile, json.ToString());
        var environment = new Dictionary<string, string?> { ["WECHATPAY_MERCHANT_SERIAL"] = sandbox.ClientOptions().MerchantSerialNumber };

        string[] call = { "v3/pay/transactions/out-trade-no/ORDER-2", "-q", "mchid=1230000109" };

        var fromEnvironment = await Tool.RunAsync(environment, new[] { "--config", wrongFile }.Concat(call).ToArray());
        var fromFlag = await Tool.RunAsync(environment, new[] { "--config", wrongFile, "--merchant-serial", "0000000000000000000000000000000000000001" }.Concat(call).ToArray());

        Assert.That(fromEnvironment.Exit, Is.EqualTo(0), fromEnvironment.Error);
        Assert.That(fromFlag.Exit, Is.EqualTo(2), "the sandbox refuses a serial that is not the merchant's");
        Assert.That(fromFlag.Error, Does.StartWith("error: ").And.Contain("401"));
    }

    [Test]
    public async Task A_missing_setting_is_one_line_naming_the_fix_and_verbose_adds_the_stack()
    {
        var plain = await Tool.RunAsync("v3/certificates");
        var verbose = await Tool.RunAsync("--verbose", "v3/certificates");

        Assert.That(plain.Exit, Is.EqualTo(1));
        Assert.That(plain.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(plain.Error, Does.Contain("No MerchantId: pass --merchant-id, set WECHATPAY_MERCHANT_ID"));
        Assert.That(verbose.Error, Does.Contain("   at "));
    }

    [Test]
    public async Task A_key_that_is_not_a_key_is_one_line_without_the_key()
    {
        var secret = "-----BEGIN PRIVATE KEY-----\nTm90QUtleVRoaXNJc1NlY3JldE1hdGVyaWFs\n-----END PRIVATE KEY-----";

        var (exit, _, error) = await Tool.RunAsync(new Dictionary<string, string?> { ["WECHATPAY_MERCHANT_KEY"] = secret }, "--config", _config, "v3/certificates");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.Contain("MerchantPrivateKey").And.Not.Contain("Tm90QUtleVRoaXNJc1NlY3JldE1hdGVyaWFs"));
    }

    [Test]
    public async Task Ops_searches_the_catalog_and_shows_one_operation_with_its_encrypted_fields()
    {
        var search = await Tool.RunAsync("ops", "预签约", "--json");
        var show = await Tool.RunAsync("ops", "show", "POST", "v3/applyment4sub/applyment/");
        var unknown = await Tool.RunAsync("ops", "show", "GET", "v3/not/documented");

        Assert.That(search.Exit, Is.EqualTo(0));
        var found = search.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
        Assert.That(found.Select(o => (string)o["path"]!), Does.Contain("v3/papay/sign/contracts/pre-entrust-sign"));
        Assert.That(show.Exit, Is.EqualTo(0));
        Assert.That(show.Out, Does.Contain("\nPOST v3/applyment4sub/applyment/\n"));
        Assert.That(show.Out, Does.Contain("encrypted"));
        Assert.That((unknown.Exit, unknown.Error), Is.EqualTo((1, "wxpay: No documented operation GET v3/not/documented: `wxpay ops v3/not/documented` lists what is documented there.\n")));
    }

    [Test]
    public async Task Sandbox_json_prints_the_configuration_alone_and_certificates_download_saves_them()
    {
        using var running = Process.Start(Tool.Start(new[] { "sandbox", "--json", "--mode", "certificate" }))!;
        try
        {
            // Standard output holds the configuration and nothing else: read it to its closing brace.
            var text = new System.Text.StringBuilder();
            string? line;
            while ((line = await running.StandardOutput.ReadLineAsync()) is not null)
            {
                text.AppendLine(line);
                if (line == "}") break;
            }
            var configuration = JObject.Parse(text.ToString());
            Assert.That(configuration.Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "MerchantId", "MerchantSerialNumber", "MerchantPrivateKey", "PlatformKeys", "BaseUrl", "ApiV3Key", "ApiV2Key" }));
            var file = Path.Combine(_folder, "certificate-mode.json");
            File.WriteAllText(file, configuration.ToString());
            var saved = Path.Combine(_folder, "certificates");
            Directory.CreateDirectory(saved);

            var (exit, output, error) = await Tool.RunAsync("--config", file, "certificates", "download", "-o", saved);

            Assert.That((exit, error), Is.EqualTo((0, "")));
            var pems = Directory.GetFiles(saved, "wechatpay_*.pem");
            Assert.That(pems, Is.Not.Empty);
            Assert.That(File.ReadAllText(pems[0]), Does.StartWith("-----BEGIN CERTIFICATE-----"));
            Assert.That(output, Does.Contain(Path.GetFileName(pems[0])));
        }
        finally
        {
            running.Kill(entireProcessTree: true);
        }
    }
}
