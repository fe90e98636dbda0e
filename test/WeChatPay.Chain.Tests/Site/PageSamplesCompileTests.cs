using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Analyzers;
using WeChatPay.Chain.Tests.Docs;

namespace WeChatPay.Chain.Tests.Site;

/// <summary>
/// Every C# sample of every generated operation and callback page compiles, against the library and the typed models as a
/// reader has them (a ready client named <c>wxpay</c>, the models' namespaces imported), and the body analyzer finds nothing in
/// them. All the samples go into one in-memory compilation, each a method of its own, so that it costs seconds, not minutes.
/// </summary>
public class PageSamplesCompileTests
{
    private static readonly Lazy<(List<GeneratedSite.Sample> Samples, List<int> FirstLines, Compilation Compilation)> Compiled = new(Compile);

    [Test]
    public void Every_csharp_sample_of_the_generated_pages_compiles()
    {
        var (samples, firstLines, compilation) = Compiled.Value;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        Assert.That(samples.Count, Is.GreaterThan(1147 + 112), "a block per operation page (two with a typed model) and per callback page");
        Assert.That(errors, Is.Empty, string.Join("\n", errors.Take(30).Select(e => Where(samples, firstLines, e) + ": " + e.GetMessage())));
    }

    [Test]
    public void The_body_analyzer_finds_nothing_in_the_generated_samples()
    {
        var (samples, firstLines, compilation) = Compiled.Value;
        var found = AnalyzerRun.Analyze(compilation).Where(d => d.Id.StartsWith("WCP", StringComparison.Ordinal)).ToList();

        Assert.That(found, Is.Empty, string.Join("\n", found.Take(30).Select(d => Where(samples, firstLines, d) + ": " + d.GetMessage())));
    }

    [Test]
    public void A_sample_with_a_misspelt_field_would_fail_both_checks()
    {
        var sample = GeneratedSite.Samples().First(s => s.Page.EndsWith("v3.pay.transactions.jsapi.post.md", StringComparison.Ordinal) && s.Code.Contains("var body", StringComparison.Ordinal));
        var broken = sample.Code.Replace("out_trade_no = ", "out_trad_no = ", StringComparison.Ordinal) + "\nundefinedVariable.ToString();";

        var compilation = Script(new[] { broken }, out _);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id);
        var warnings = AnalyzerRun.Analyze(compilation).Select(d => d.Id);

        Assert.That(errors, Does.Contain("CS0103"));
        Assert.That(warnings, Does.Contain("WCP001").And.Contains("WCP002"));
    }

    private static (List<GeneratedSite.Sample>, List<int>, Compilation) Compile()
    {
        var samples = GeneratedSite.Samples();
        var compilation = Script(samples.Select(s => s.Code), out var firstLines);
        return (samples, firstLines, compilation);
    }

    // The samples as methods of one script, after the models' using directives; the line each method's body starts at.
    private static Compilation Script(IEnumerable<string> codes, out List<int> firstLines)
    {
        var text = new StringBuilder("using WeChatPay.Chain.Models;\nusing WeChatPay.Chain.Models.V2;\n");
        var line = 2;
        firstLines = new List<int>();
        var index = 0;
        foreach (var code in codes)
        {
            text.Append("async System.Threading.Tasks.Task Sample").Append(index++).Append("()\n{\n");
            line += 2;
            firstLines.Add(line);
            text.Append(code).Append("\n}\n");
            line += code.Count(c => c == '\n') + 2;
        }
        var options = SampleGlobals.ScriptOptions.WithLanguageVersion(LanguageVersion.Latest);
        return CSharpScript.Create(text.ToString(), options, typeof(SampleGlobals)).GetCompilation();
    }

    private static string Where(List<GeneratedSite.Sample> samples, List<int> firstLines, Diagnostic diagnostic)
    {
        var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
        var index = firstLines.FindLastIndex(first => first <= line);
        return index < 0 ? "(outside the samples)" : $"{samples[index].Page}:{samples[index].Line + line - firstLines[index]}";
    }
}
