using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Flurl.Http.Testing;
using Microsoft.CodeAnalysis;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Docs;

public class DocsSampleTests
{
    private static IEnumerable<TestCaseData> Samples() =>
        MarkdownSamples.All().Select(s => new TestCaseData(s).SetName($"Docs sample {s} {(s.CompileOnly ? "compiles" : "compiles and runs")}"));

    [Test]
    public void The_docs_hold_samples()
    {
        Assert.That(MarkdownSamples.All().Count(s => !s.CompileOnly), Is.GreaterThanOrEqualTo(5));
    }

    [TestCaseSource(nameof(Samples))]
    public async Task Every_docs_sample_compiles_and_runs(MarkdownSamples.Sample sample)
    {
        var script = SampleGlobals.Script(sample.Code);
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.That(errors, Is.Empty, string.Join("\n", errors.Select(e => e.ToString())));
        if (sample.CompileOnly) return;

        using var http = new HttpTest();
        for (var i = 0; i < 10; i++)
            http.RespondWithSigned("{\"prepay_id\":\"wx201410272009395522657a690389285100\",\"redirect_url\":\"https://pay.weixin.qq.com/sandbox/redirect\",\"pre_entrustweb_id\":\"5778aadY9nltAsZzXixCkFIGYnV2V\",\"presign_token\":\"101000001_20250611_abcdefg\"}");
        using var client = TestClient.Create();
        await script.RunAsync(new SampleGlobals(client));

    }
}
