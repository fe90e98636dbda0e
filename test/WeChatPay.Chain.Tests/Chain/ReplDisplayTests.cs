using Flurl.Http.Testing;
using Microsoft.CodeAnalysis.CSharp.Scripting.Hosting;
using Microsoft.CodeAnalysis.Scripting.Hosting;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Chain;

/// <summary>
/// What a REPL prints for a node, an answer and a field of it: Roslyn scripting's own object formatter, the one
/// csharprepl and <c>wxpay repl</c> print results with.
/// </summary>
public class ReplDisplayTests
{
    private static string Print(object? value) => CSharpObjectFormatter.Instance.FormatObject(value, new PrintOptions { MaximumOutputLength = 20_000 });

    [Test]
    public void A_node_shows_its_path_and_what_is_documented_below_it()
    {
        using var client = TestClient.Create();

        var printed = Print(client.V3.Papay.Sign);

        Assert.That(printed, Does.Contain("v3/papay/sign").And.Contain("6 documented operations at and below").And.Contain("Describe()"));
        Assert.That(Print(client.V3.Papay.Sign.Contracts.PreEntrustSign), Does.Contain("POST v3/papay/sign/contracts/pre-entrust-sign").And.Contain("预签约"));
        Assert.That(Print(client.Chain("v3/not/documented")), Does.Contain("v3/not/documented").And.Contain("no documented operation"));
    }

    [Test]
    public void An_answer_shows_status_request_id_and_its_body_and_Pretty_indents_it()
    {
        using var http = new HttpTest();
        var body = "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\",\"amount\":{\"total\":100}}";
        http.RespondWith(body, 200, TestClient.SignedHeaders(body));
        using var client = TestClient.Create();

        var answer = client.V3.Pay.Transactions.Native.Post(new { appid = "wx1" });

        var printed = Print(answer);
        Assert.Multiple(() =>
        {
            Assert.That(printed, Does.Contain("200 (Request-ID 08F0B6A8C5060A10C8B1E8A30518A09B0E20A1C10128A4DF0230D4A402-0)"));
            Assert.That(printed, Does.Contain(body), "the body as sent, on the same line");
            Assert.That(answer.Pretty(), Does.StartWith("200 (Request-ID ").And.Contain("\n  \"code_url\": \"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\",\n"), "indented JSON");
            Assert.That(Print(answer.Data.amount.total), Does.Contain("100"));
        });
    }
}
