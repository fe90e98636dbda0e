using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Docs;

namespace WeChatPay.Chain.Tests.Analyzers;

/// <summary>The analyzer finds nothing in our own docs' C# samples (none shows a body mistake on purpose), and does read them.</summary>
public class DocsAnalyzerTests
{
    private static IEnumerable<TestCaseData> Samples() =>
        MarkdownSamples.All("csharp", "cs").Select(s => new TestCaseData(s).SetName($"The analyzer finds nothing in docs sample {s}"));

    [TestCaseSource(nameof(Samples))]
    public void The_analyzer_finds_nothing_in_the_docs_samples(MarkdownSamples.Sample sample)
    {
        var found = Analyze(sample.Code).Select(d => d.ToString()).ToArray();

        Assert.That(found, Is.Empty, string.Join("\n", found));
    }

    [Test]
    public void A_misspelt_out_trade_no_in_the_docs_samples_is_found()
    {
        var samples = MarkdownSamples.All("csharp", "cs").Where(s => s.Code.Contains("out_trade_no = ", System.StringComparison.Ordinal)).ToList();

        var caught = samples.Count(s => Analyze(s.Code.Replace("out_trade_no = ", "out_trad_no = ", System.StringComparison.Ordinal))
            .Any(d => d.Id == "WCP001" && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).EndsWith("did you mean 'out_trade_no'?", System.StringComparison.Ordinal)));

        // The other samples name out_trade_no in sandbox notifications or in calls on hosts the docs compilation does not bind.
        Assert.That(caught, Is.GreaterThanOrEqualTo(4), $"{caught} of {samples.Count} samples");
    }

    // Compiled as the docs tests compile a sample; a ```cs block that is not a whole program still binds what it can.
    private static IEnumerable<Diagnostic> Analyze(string code) =>
        AnalyzerRun.Analyze(CSharpScript.Create(code, SampleGlobals.ScriptOptions, typeof(SampleGlobals)).GetCompilation());
}
