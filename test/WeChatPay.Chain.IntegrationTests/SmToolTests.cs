using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// <c>wxpay</c> for a 国密 merchant, as real processes: <c>wxpay sandbox --json --scheme sm</c> in certificate mode, then calls
/// and <c>certificates download</c> with the configuration it printed (SM2 keys, the key says the scheme); and
/// <c>wxpay repl --sandbox --scheme sm</c>.
/// </summary>
public class SmToolTests
{
    private Process _sandbox = null!;
    private string _folder = null!;
    private string _config = null!;

    [OneTimeSetUp]
    public async Task StartSandbox()
    {
        _folder = Directory.CreateTempSubdirectory("wxpay-sm-tool-").FullName;
        _sandbox = Process.Start(Tool.Start(new[] { "sandbox", "--json", "--scheme", "sm", "--mode", "certificate" }))!;
        // Standard output holds the configuration and nothing else: read it to its closing brace.
        var text = new StringBuilder();
        string? line;
        while ((line = await _sandbox.StandardOutput.ReadLineAsync()) is not null)
        {
            text.AppendLine(line);
            if (line == "}") break;
        }
        _config = Path.Combine(_folder, "wechatpay-sm.json");
        File.WriteAllText(_config, text.ToString());
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _sandbox.Kill(entireProcessTree: true);
        _sandbox.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task A_GET_and_a_POST_with_sensitive_fields_go_through_with_the_printed_SM2_configuration()
    {
        var body = Path.Combine(_folder, "presign.json");
        File.WriteAllText(body, JToken.FromObject(Seeds.Presign()).ToString());

        var get = await Tool.RunAsync("--config", _config, "v3/pay/transactions/out-trade-no/SM-ORDER-1", "-q", "mchid=1230000109");
        var post = await Tool.RunAsync("--config", _config, Seeds.PresignPath, "-d", "@" + body);

        Assert.That((get.Exit, get.Error), Is.EqualTo((0, "")));
        Assert.That((string?)JObject.Parse(get.Out)["out_trade_no"], Is.EqualTo("SM-ORDER-1"));
        Assert.That((post.Exit, post.Error), Is.EqualTo((0, "")));
        Assert.That((string?)JObject.Parse(post.Out)["presign_token"], Does.StartWith("PT"), "the sandbox decrypted the five SM2-encrypted fields");
    }

    [Test]
    public async Task Certificates_download_saves_the_SM2_certificate_the_configuration_names()
    {
        var saved = Directory.CreateDirectory(Path.Combine(_folder, "certificates")).FullName;

        var (exit, output, error) = await Tool.RunAsync("--config", _config, "certificates", "download", "-o", saved);

        Assert.That((exit, error), Is.EqualTo((0, "")));
        var pem = Directory.GetFiles(saved, "wechatpay_*.pem").Single();
        var serial = ((JObject)JObject.Parse(File.ReadAllText(_config))["PlatformKeys"]!).Properties().Single().Name;
        var certificate = Keys.LoadVerifyingKey(File.ReadAllText(pem), "saved");
        Assert.That((certificate.Scheme, certificate.CertificateSerial, Path.GetFileName(pem)), Is.EqualTo((Scheme.Sm, serial, $"wechatpay_{serial}.pem")));
        Assert.That(output, Does.Contain(Path.GetFileName(pem)));
    }

    [Test]
    public async Task The_REPL_with_a_guomi_sandbox_calls_SM2_signed_and_reads_SM2_fields_decrypted()
    {
        var start = Tool.Start(new[] { "repl", "--sandbox", "--scheme", "sm" });
        var (exit, output, _) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60), string.Join("\n",
            "sandbox.Scheme",
            "var r = await wxpay.V3.Pay.Transactions.OutTradeNo[\"SM-7\"].GetAsync(new { mchid = \"1230000109\" });",
            "r.Headers[\"Wechatpay-Signature-Type\"]",
            "var g = await wxpay.Chain(\"v3/smartguide/guides\").GetAsync(new { store_id = 1234, mobile = \"13800138000\" });",
            "g.Data.data[0].mobile",
            "g.EncryptedFields[0]",
            ""));

        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(lines, Does.Contain("Sm"), output);
        Assert.That(lines, Does.Contain("\"WECHATPAY2-SM2-WITH-SM3\""), output);
        Assert.That(lines, Does.Contain("\"sandbox_mobile\""), "a merchant-key field SM2-decrypted into Data");
        Assert.That(lines, Does.Contain("\"query.mobile\""), "a query field SM2-encrypted for the sandbox");
        Assert.That(lines.Where(l => l.StartsWith("error: ", System.StringComparison.Ordinal)), Is.Empty, output);
    }
}
