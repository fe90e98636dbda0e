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

    // Every sample in one compilation, analyzed once (a compilation a sample costs a second of the suite; ~100 of them).
    private static readonly System.Lazy<Dictionary<MarkdownSamples.Sample, Diagnostic[]>> Found = new(() => AnalyzeAll(MarkdownSamples.All("csharp", "cs").ToList(), code => code));

    [TestCaseSource(nameof(Samples))]
    public void The_analyzer_finds_in_the_docs_samples_only_the_mistakes_they_show(MarkdownSamples.Sample sample)
    {
        var found = Found.Value.First(pair => pair.Key.ToString() == sample.ToString()).Value;
        var shown = Shown.Matches(sample.Code).Select(m => m.Groups["id"].Value).Distinct().OrderBy(id => id).ToArray();

        Assert.That(found.Select(d => d.Id).Distinct().OrderBy(id => id), Is.EqualTo(shown), string.Join("\n", found.Select(d => d.ToString())));
    }

    [Test]
    public void A_misspelt_out_trade_no_in_the_docs_samples_is_found()
    {
        var samples = MarkdownSamples.All("csharp", "cs").Where(s => s.Code.Contains("out_trade_no = ", System.StringComparison.Ordinal)).ToList();

        var found = AnalyzeAll(samples, code => code.Replace("out_trade_no = ", "out_trad_no = ", System.StringComparison.Ordinal));
        var caught = found.Count(pair => pair.Value.Any(d => d.Id == "WCP001"
            && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).EndsWith("did you mean 'out_trade_no'?", System.StringComparison.Ordinal)));

        // The other samples name out_trade_no in sandbox notifications or in calls on hosts the docs compilation does not bind.
        Assert.That(caught, Is.GreaterThanOrEqualTo(6), $"{caught} of {samples.Count} samples");
    }

    // Compiled as the docs tests compile a sample, each sample's statements inside a method of its own (the analyzer looks at
    // invocations in members: a script's top-level statements are not one), the using directives of all before them; a ```cs
    // block that is not a whole program still binds what it can. Each diagnostic goes back to the sample whose lines hold it.
    private static Dictionary<MarkdownSamples.Sample, Diagnostic[]> AnalyzeAll(List<MarkdownSamples.Sample> samples, System.Func<string, string> edit)
    {
        var directives = new SortedSet<string>(System.StringComparer.Ordinal);
        var methods = new List<string>();
        foreach (var sample in samples)
        {
            var lines = edit(sample.Code).Split('\n');
            foreach (var line in lines.Where(IsDirective)) directives.Add(line.Trim());
            methods.Add("async System.Threading.Tasks.Task Sample" + methods.Count + "()\n{\n" + string.Join("\n", lines.Where(l => !IsDirective(l))) + "\n}\n");
        }
        var text = new System.Text.StringBuilder(string.Join("\n", directives)).Append('\n');
        var firstLines = new List<int>();
        foreach (var method in methods)
        {
            firstLines.Add(text.ToString().Count(c => c == '\n'));
            text.Append(method);
        }
        var diagnostics = AnalyzerRun.Analyze(CSharpScript.Create(text.ToString(), SampleGlobals.ScriptOptions, typeof(SampleGlobals)).GetCompilation());
        var found = samples.ToDictionary(s => s, _ => new List<Diagnostic>());
        foreach (var diagnostic in diagnostics)
        {
            var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
            var index = firstLines.FindLastIndex(first => first <= line);
            if (index >= 0) found[samples[index]].Add(diagnostic);
        }
        return found.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());
    }

    private static bool IsDirective(string line) => Regex.IsMatch(line, @"^\s*using\s+[A-Za-z_][\w.]*\s*;\s*$");
}
