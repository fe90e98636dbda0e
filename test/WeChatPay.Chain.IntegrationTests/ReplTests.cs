using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Cli.Repl;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// <c>wxpay repl</c>: as a process fed lines (results printed readably, multi-line input, errors in one line and the
/// session going on), and its completion, from Roslyn's completion service over what was submitted so far.
/// </summary>
public class ReplTests : SandboxFixture
{
    [Test]
    public async Task Lines_in_print_results_readably_and_an_error_does_not_end_the_session()
    {
        var start = Tool.Start(new[] { "repl", "--sandbox" });
        var (exit, output, _) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60), string.Join("\n",
            "var r = await wxpay.V3.Pay.Transactions.OutTradeNo[\"O-7\"].GetAsync(new { mchid = \"1230000109\" });",
            "r.Data.out_trade_no",
            "r.Data.amount.total",
            "var x = new {",
            "  a = 41 };",
            "x.a + 1",
            "nope()",
            "wxpay.V3.Papay.Sign.Contracts.PreEntrustSign",
            "r.StatusCode",
            ""));

        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(lines, Does.Contain("\"O-7\""), "a JSON field prints as its value, not as JValue");
        Assert.That(lines, Does.Contain("42"), "a submission over two lines");
        Assert.That(lines.Single(l => l.StartsWith("error: ")), Does.Contain("CS0103"));
        Assert.That(output, Does.Contain("POST v3/papay/sign/contracts/pre-entrust-sign").And.Contain("Request body:"), "a node prints what is documented there");
        Assert.That(lines, Does.Contain("200"), "the session went on after the error");
    }

    [Test]
    public async Task Completion_offers_the_typed_chain_with_its_documentation_and_knows_what_was_submitted()
    {
        using var session = new ReplSession(new ReplGlobals(client, sandbox));

        var segments = await session.CompleteAsync("wxpay.V3.Papay.Si", CancellationToken.None);
        await session.EvaluateAsync("var contracts = wxpay.V3.Papay.Sign.Contracts;", CancellationToken.None);
        var later = await session.CompleteAsync("contracts.Pre", CancellationToken.None);

        Assert.That(segments.Select(s => s.Text), Does.Contain("Sign"));
        Assert.That(later.Select(s => s.Text), Is.EqualTo(new[] { "PreEntrustSign" }));
        Assert.That(later[0].Description, Does.Contain("POST v3/papay/sign/contracts/pre-entrust-sign").And.Contain("预签约"));
    }

    [Test]
    public async Task Completion_offers_the_typed_v2_chain_like_the_v3_one()
    {
        using var session = new ReplSession(new ReplGlobals(client, sandbox));

        var root = await session.CompleteAsync("wxpay.V", CancellationToken.None);
        var pay = await session.CompleteAsync("wxpay.V2.Pa", CancellationToken.None);
        var leaf = await session.CompleteAsync("wxpay.V2.Pay.Micro", CancellationToken.None);

        Assert.That(root.Select(s => s.Text), Does.Contain("V2").And.Contain("V3"));
        Assert.That(pay.Select(s => s.Text), Does.Contain("Pay").And.Contain("Papay"), "the documented v2 segments");
        Assert.That(leaf.Select(s => s.Text), Is.EqualTo(new[] { "Micropay" }));
        Assert.That(leaf[0].Description, Does.Contain("POST v2/pay/micropay").And.Contain("提交付款码支付").And.Contain("ApiV2Key"));
    }
}
