using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using NUnit.Framework;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>The C# (<c>cs</c>) samples of docs/sandbox.md compile, and those not marked compile-only run against a real sandbox.</summary>
public class SandboxDocsTests
{
    private static readonly ScriptOptions Options = ScriptOptions.Default
        .WithReferences(typeof(WeChatPayClient).Assembly, typeof(WeChatPay.Chain.Sandbox.WeChatPaySandbox).Assembly,
            typeof(Microsoft.CSharp.RuntimeBinder.Binder).Assembly, typeof(Newtonsoft.Json.Linq.JToken).Assembly,
            typeof(System.Dynamic.DynamicObject).Assembly)
        .WithImports("System", "System.Linq", "System.Threading", "System.Threading.Tasks", "WeChatPay.Chain", "WeChatPay.Chain.Sandbox");

    public static IEnumerable<TestCaseData> Samples()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Docs", "sandbox.md"));
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```cs") continue;
            var end = i + 1;
            while (end < lines.Length && lines[end].Trim() != "```") end++;
            var previous = lines.Take(i).Reverse().FirstOrDefault(l => l.Trim().Length > 0) ?? string.Empty;
            var compileOnly = Regex.IsMatch(previous, @"<!--\s*compile-only\s*-->");
            var code = string.Join("\n", lines.Skip(i + 1).Take(end - i - 1));
            yield return new TestCaseData(code, compileOnly).SetName($"docs/sandbox.md:{i + 2} {(compileOnly ? "compiles" : "compiles and runs")}");
            i = end;
        }
    }

    [Test]
    public void The_sandbox_page_holds_runnable_samples() =>
        Assert.That(Samples().Count(s => !(bool)s.Arguments[1]!), Is.GreaterThanOrEqualTo(4));

    [TestCaseSource(nameof(Samples))]
    public async Task Every_sandbox_docs_sample_compiles_and_runs(string code, bool compileOnly)
    {
        // Scripts allow no top-level `using var`; the samples are written as a method body, so run them as one.
        var script = CSharpScript.Create("async Task Sample()\n{\n" + code + "\n}\nawait Sample();", Options);
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.That(errors, Is.Empty, string.Join("\n", errors.Select(e => e.ToString())));
        if (compileOnly) return;

        await script.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
