using System.IO;
using System.Linq;
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
        console.Profile.Width = 160;

        var exit = await Demo.RunAsync(console, mode, CancellationToken.None);

        var text = output.ToString();
        Assert.That(exit, Is.EqualTo(0), text);
        Assert.That(text, Does.Contain("all 24 calls signed, checked by the sandbox and verified"));
        Assert.That(text, Does.Contain("callback ENTRUST.SIGN"));
        Assert.That(text, Does.Contain("5/5 decrypted"));
        Assert.That(text, Does.Not.Contain("✗"));
        Assert.That(text, Does.Not.Contain("张三"), "the demo never prints personal data");
    }
}

/// <summary>The four seed operations in all six styles against the sandbox, each checked on its own.</summary>
public class SeedStyleTests
{
    private Sandbox sandbox = null!;
    private WeChatPayClient client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        sandbox = await Sandbox.StartAsync();
        client = new WeChatPayClient(sandbox.ClientOptions());
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        client.Dispose();
        await sandbox.DisposeAsync();
    }

    private static System.Collections.Generic.IEnumerable<TestCaseData> Cases() =>
        from operation in SeedOperation.All
        from style in DemoStyle.All
        select new TestCaseData(operation.Name, style.Name).SetName($"{operation.Path} in the {style.Name} style");

    [TestCaseSource(nameof(Cases))]
    public async Task A_seed_operation_in_each_style_is_accepted_by_the_sandbox_and_verified(string operationName, string styleName)
    {
        var operation = SeedOperation.All.Single(o => o.Name == operationName);
        var style = DemoStyle.All.Single(s => s.Name == styleName);

        var res = await style.Call(client, operation, operation.Payload());
        var seen = sandbox.Calls.Last();

        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(seen.Path, Is.EqualTo("/" + operation.Path));
        Assert.That((string?)res.Json?[operation.AnswerField], Is.Not.Null.And.Not.Empty);
        Assert.That(seen.DecryptedFields, Is.EquivalentTo(res.EncryptedFields));
        Assert.That(res.EncryptedFields, Has.Count.EqualTo(operation.Name == "eduschoolpay-contracts-presign" ? 5 : 0));
    }
}
