using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Spectre.Console;
using WeChatPay.Chain.Cli;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>The README's first command: the demo runs end to end and says every step held.</summary>
public class DemoTests
{
    [TestCase(KeyMode.PublicKey)]
    [TestCase(KeyMode.Certificate)]
    public async Task The_demo_holds_every_step_and_exits_zero(KeyMode mode)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 1000; // no wrapping inside the lines asserted on

        var exit = await Demo.RunAsync(console, mode, CancellationToken.None);

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
    }
}
