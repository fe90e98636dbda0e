using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NUnit.Framework;
using WeChatPay.Chain.Analyzers;

namespace WeChatPay.Chain.Tests.Analyzers;

/// <summary>
/// Runs <see cref="WeChatPayBodyAnalyzer"/> over in-memory compilations. Code is written with markup: <c>{|WCP001:out_trad_no|}</c>
/// is the text <c>out_trad_no</c>, where a WCP001 is expected exactly.
/// </summary>
internal static class AnalyzerRun
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.Length > 0 && !p.Contains("Analyzers", StringComparison.Ordinal))
            .Append(typeof(WeChatPayClient).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    private static readonly Regex Markup = new(@"\{\|(?<id>WCP\d{3}):(?<text>.*?)\|\}", RegexOptions.Singleline);

    /// <summary>The code as a statement list inside <c>async Task Run(WeChatPayClient wxpay)</c>.</summary>
    public static string InMethod(string statements) =>
        "using System;\nusing System.Collections.Generic;\nusing System.Threading.Tasks;\nusing WeChatPay.Chain;\n\n" +
        "internal static class Sample\n{\n    public static async Task Run(WeChatPayClient wxpay)\n    {\n" + statements + "\n    }\n}\n";

    /// <summary>Strips the markup and returns the source and each expected diagnostic as <c>ID@start-end</c>.</summary>
    public static (string Source, List<string> Expected) Parse(string marked)
    {
        var expected = new List<string>();
        var removed = 0;
        var source = Markup.Replace(marked, match =>
        {
            var start = match.Index - removed;
            var text = match.Groups["text"].Value;
            expected.Add($"{match.Groups["id"].Value}@{start}-{start + text.Length}");
            removed += match.Length - text.Length;
            return text;
        });
        return (source, expected);
    }

    /// <summary>The analyzer's diagnostics on the code (which must compile), each as <c>ID@start-end</c>.</summary>
    public static List<string> Spans(string source) => Diagnostics(source).Select(d => $"{d.Id}@{d.Location.SourceSpan.Start}-{d.Location.SourceSpan.End}").ToList();

    /// <summary>The analyzer's diagnostics on the code, which must compile without errors.</summary>
    public static ImmutableArray<Diagnostic> Diagnostics(string source)
    {
        var compilation = CSharpCompilation.Create("Sample", new[] { CSharpSyntaxTree.ParseText(source) }, References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.That(errors, Is.Empty, "the sample does not compile:\n" + string.Join("\n", errors));
        return Analyze(compilation);
    }

    /// <summary>The analyzer's diagnostics on a compilation, pragma suppressions applied.</summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation) =>
        compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new WeChatPayBodyAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

    /// <summary>Asserts the analyzer reports exactly the diagnostics the markup marks, at their spans.</summary>
    public static void Verify(string markedStatements)
    {
        var (source, expected) = Parse(InMethod(markedStatements));
        Assert.That(Spans(source), Is.EquivalentTo(expected), source);
    }
}
