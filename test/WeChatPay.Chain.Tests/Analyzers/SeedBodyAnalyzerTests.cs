using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Catalog;

namespace WeChatPay.Chain.Tests.Analyzers;

/// <summary>The seed pages' example bodies, written as anonymous objects, draw no diagnostic.</summary>
public class SeedBodyAnalyzerTests
{
    [TestCase(SeedRequests.EduschoolpayPresign)]
    [TestCase(SeedRequests.CombinePapayPreEntrustSign)]
    [TestCase(SeedRequests.ScheduledDeductJsapi)]
    [TestCase(SeedRequests.PapayPreEntrustSign)]
    public void The_seed_example_body_draws_no_diagnostic(string path)
    {
        var body = Anonymous(SeedRequests.Body(path));
        var code = $"await wxpay.Chain(\"{path}\").PostAsync({body});";

        Assert.That(AnalyzerRun.Spans(AnalyzerRun.InMethod(code)), Is.Empty, code);
    }

    [Test]
    public void A_seed_body_with_a_misspelt_field_is_reported()
    {
        var body = SeedRequests.Body(SeedRequests.EduschoolpayPresign);
        body["plan_idd"] = body["plan_id"];
        body.Remove("plan_id");

        var ids = AnalyzerRun.Diagnostics(AnalyzerRun.InMethod($"await wxpay.V3.Eduschoolpay.Contracts.Presign.PostAsync({Anonymous(body)});")).Select(d => d.Id);

        Assert.That(ids, Is.EquivalentTo(new[] { "WCP001", "WCP002" }));
    }

    // JSON as C#: objects become anonymous objects, arrays object[], values literals.
    private static string Anonymous(JToken token) => token switch
    {
        JObject o => "new { " + string.Join(", ", o.Properties().Select(p => p.Name + " = " + Anonymous(p.Value))) + " }",
        JArray a => "new object[] { " + string.Join(", ", a.Select(Anonymous)) + " }",
        JValue { Type: JTokenType.String } s => SymbolDisplay.FormatLiteral((string)s!, quote: true),
        JValue { Type: JTokenType.Boolean } b => (bool)b ? "true" : "false",
        JValue { Type: JTokenType.Integer } i => ((long)i).ToString(CultureInfo.InvariantCulture),
        JValue { Type: JTokenType.Float } f => ((double)f).ToString("R", CultureInfo.InvariantCulture) + "d",
        _ => "null",
    };
}
