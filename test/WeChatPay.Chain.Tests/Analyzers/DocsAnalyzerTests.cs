using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using System.Text.RegularExpressions;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Docs;

namespace WeChatPay.Chain.Tests.Analyzers;

/// <summary>The analyzer finds in our own docs' C# samples exactly the mistakes a sample shows on purpose (none in the others), and does read them.</summary>
public class DocsAnalyzerTests
{
    private static IEnumerable<TestCaseData> Samples() =>
        MarkdownSamples.All("csharp", "cs").Select(s => new TestCaseData(s).SetName($"The analyzer finds only the mistakes docs sample {s} shows"));

    // A sample that shows a mistake on purpose says so where it makes it: "// warning WCP001: …".
    private static readonly Regex Shown = new(@"//\s*warning (?<id>WCP\d{3})", RegexOptions.None);

    [TestCaseSource(nameof(Samples))]
    public void The_analyzer_finds_in_the_docs_samples_only_the_mistakes_they_show(MarkdownSamples.Sample sample)
    {
        var found = Analyze(sample.Code).ToArray();
        var shown = Shown.Matches(sample.Code).Select(m => m.Groups["id"].Value).Distinct().OrderBy(id => id).ToArray();

        Assert.That(found.Select(d => d.Id).Distinct().OrderBy(id => id), Is.EqualTo(shown), string.Join("\n", found.Select(d => d.ToString())));
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

    // Compiled as the docs tests compile a sample, its statements inside a method (the analyzer looks at invocations in
    // members: a script's top-level statements are not one) with its using directives before it; a ```cs block that is not a
    // whole program still binds what it can.
    private static IEnumerable<Diagnostic> Analyze(string code)
    {
        var lines = code.Split('\n');
        var directives = lines.Where(IsDirective);
        var body = lines.Where(l => !IsDirective(l));
        var wrapped = string.Join("\n", directives) + "\nasync System.Threading.Tasks.Task Sample()\n{\n" + string.Join("\n", body) + "\n}\n";
        return AnalyzerRun.Analyze(CSharpScript.Create(wrapped, SampleGlobals.ScriptOptions, typeof(SampleGlobals)).GetCompilation());
    }

    private static bool IsDirective(string line) => Regex.IsMatch(line, @"^\s*using\s+[A-Za-z_][\w.]*\s*;\s*$");
}
