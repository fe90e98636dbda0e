using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using Spectre.Console;
using Spectre.Console.Testing;
using WeChatPay.Chain.Cli;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// What the tool shows a person (a terminal: colour, tables, highlighted JSON), on Spectre's test console with and
/// without colour; redirected output is the plain form, tested as a process in <see cref="ToolTests"/>.
/// </summary>
public class CliOutputTests : SandboxFixture
{
    // Compared ordinally: a culture-aware search ignores the escape character and finds any "[".
    private const string Escape = "\u001b[";

    private static TestConsole Terminal(ColorSystem colours) => new TestConsole().Colors(colours).EmitAnsiSequences();

    [Test]
    public async Task An_answer_shows_its_status_in_colour_its_request_id_and_its_body_highlighted()
    {
        var answer = await client.V3.Pay.Transactions.OutTradeNo["ORDER-7"].GetAsync(new { mchid = "1230000109" });
        var console = Terminal(ColorSystem.TrueColor);

        CliOutput.Answer(console, answer);

        var output = console.Output;
        var plain = console.Output.Split('\n').Select(Strip).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(plain[0], Is.EqualTo($"200 OK  Request-ID {answer.RequestId}"));
            Assert.That(output.Contains(Escape, System.StringComparison.Ordinal), Is.True, "colour on a terminal that has it");
            Assert.That(string.Join("", plain.Skip(1)), Does.Contain("\"out_trade_no\"").And.Contain("\"ORDER-7\""));
        });
    }

    [Test]
    public async Task Without_colour_an_answer_has_no_escape_sequence()
    {
        var answer = await client.V3.Pay.Transactions.OutTradeNo["ORDER-8"].GetAsync(new { mchid = "1230000109" });
        var console = new TestConsole().Colors(ColorSystem.NoColors);

        CliOutput.Answer(console, answer);

        Assert.Multiple(() =>
        {
            Assert.That(console.Output.Contains(Escape, System.StringComparison.Ordinal), Is.False, "no escape sequence");
            Assert.That(console.Lines[0], Is.EqualTo($"200 OK  Request-ID {answer.RequestId}"));
        });
    }

    [Test]
    public void The_operations_are_a_table_with_their_count()
    {
        var console = new TestConsole().Colors(ColorSystem.NoColors).Width(200);
        var found = WeChatPayOperation.Search("pre-entrust-sign");

        CliOutput.Operations(console, found);

        Assert.Multiple(() =>
        {
            Assert.That(console.Output, Does.Contain("v3/papay/sign/contracts/pre-entrust-sign").And.Contain("Method"));
            Assert.That(console.Output.TrimEnd(), Does.EndWith($"{found.Count} operation(s)"));
            Assert.That(found, Is.Not.Empty);
        });
    }

    private static string Strip(string line) => System.Text.RegularExpressions.Regex.Replace(line, "\u001b\\[[0-9;]*m", string.Empty);
}
