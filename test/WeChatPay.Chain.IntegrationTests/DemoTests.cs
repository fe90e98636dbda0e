using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Spectre.Console;
using WeChatPay.Chain.Cli;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>The README's first command: the demo runs end to end and says every step held (also <c>wxpay demo --scheme sm</c>, for a 国密 merchant).</summary>
public class DemoTests
{
    [TestCase(KeyMode.PublicKey, SandboxScheme.Rsa)]
    [TestCase(KeyMode.Certificate, SandboxScheme.Rsa)]
    [TestCase(KeyMode.Certificate, SandboxScheme.Sm)]
    public async Task The_demo_holds_every_step_and_exits_zero(KeyMode mode, SandboxScheme scheme)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 1000; // no wrapping inside the lines asserted on

        var logs = new LogCapture();
        var exit = await Demo.RunAsync(console, mode, CancellationToken.None, logs, scheme);

        var text = output.ToString();
        Assert.That(exit, Is.EqualTo(0), text);
        Assert.That(text, Does.Contain("all 24 calls signed, checked by the sandbox and verified"));
        Assert.That(text, Does.Contain("callback ENTRUST.SIGN"));
        Assert.That(text, Does.Contain("WeChat Pay's retry answered 204, handled 1 time(s)"));
        Assert.That(text, Does.Contain("certificate rotation: platform certificates refreshed (FirstUse, downloaded)"));
        Assert.That(text, Does.Contain("upload logo.png (70 bytes): meta signed with its SHA-256, file checked by the sandbox"));
        Assert.That(text, Does.Contain("bill 2025-11-21: 4096 bytes").And.Contain("streamed and decompressed, SHA1"));
        Assert.That(text, Does.Contain("then platform certificates refreshed (UnknownSerial, downloaded)"));
        Assert.That(text, Does.Contain("5/5 decrypted"));
        Assert.That(text, Does.Not.Contain("✗"));
        Assert.That(text, Does.Not.Contain("张三"), "the demo never prints personal data");

        // Everything the client logged during the demo: a line per call, none of the seeds' sensitive values, no key.
        var logged = string.Join("\n", logs.Lines.Select(l => l.Text));
        var sensitive = new[] { "张三", "11010519491231002X", "6214830000000000", "13800138000", "PRIVATE KEY", "WECHATPAY2-SHA256-RSA2048", "WECHATPAY2-SM2-WITH-SM3", "signature=\"" };
        Assert.That(logs.Lines.Count(l => l.Category == "WeChatPay.Chain" && l.Text.StartsWith("WeChat Pay POST ", System.StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(24));
        Assert.That(sensitive.Where(s => logged.Contains(s, System.StringComparison.Ordinal)), Is.Empty);
    }
}
