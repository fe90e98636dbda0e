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

/// <summary>
/// The C# <c>cs</c> samples of the docs pages (sandbox, certificates, …: every page that has them) compile, and those not
/// marked compile-only run, each starting the real sandbox it needs.
/// </summary>
[NonParallelizable] // sets REDIS in the environment for the samples that use Redis
public class SandboxDocsTests
{
    private static readonly ScriptOptions Options = ScriptOptions.Default
        .WithReferences(typeof(WeChatPayClient).Assembly, typeof(WeChatPay.Chain.Sandbox.WeChatPaySandbox).Assembly,
            typeof(WeChatPay.Chain.Models.PayTransactionsJsapiPostRequest).Assembly,
            typeof(WeChatPay.Chain.Caching.DistributedCertificateStore).Assembly, typeof(Microsoft.Extensions.Caching.StackExchangeRedis.RedisCache).Assembly,
            typeof(StackExchange.Redis.ConnectionMultiplexer).Assembly,
            typeof(Microsoft.Extensions.Caching.Distributed.IDistributedCache).Assembly, typeof(Microsoft.Extensions.Options.Options).Assembly,
            typeof(WeChatPay.Chain.AspNetCore.NotificationEndpoints).Assembly, typeof(Microsoft.Extensions.DependencyInjection.WeChatPayServiceCollectionExtensions).Assembly)
        .AddReferences(Directory.GetFiles(Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Builder.WebApplication).Assembly.Location)!, "Microsoft.*.dll")
            .Select(path => MetadataReference.CreateFromFile(path)))
        .AddReferences(
            typeof(Microsoft.CSharp.RuntimeBinder.Binder).Assembly, typeof(Newtonsoft.Json.Linq.JToken).Assembly,
            typeof(System.Dynamic.DynamicObject).Assembly)
        .WithImports("System", "System.Collections.Generic", "System.Linq", "System.Threading", "System.Threading.Tasks", "WeChatPay.Chain", "WeChatPay.Chain.Sandbox",
            "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http", "Microsoft.Extensions.DependencyInjection", "WeChatPay.Chain.AspNetCore",
            "WeChatPay.Chain.Hosting", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.Logging",
            "WeChatPay.Chain.Models", "WeChatPay.Chain.Models.V2");

    // An empty script on these options, compiled once: Roslyn binds the many referenced assemblies once for it, and each
    // sample, compiled as the submission after it (alone: no other sample precedes it), shares that binding.
    private static readonly Lazy<Script<object>> Empty = new(() =>
    {
        var empty = CSharpScript.Create(string.Empty, Options);
        empty.Compile();
        return empty;
    });

    private static IEnumerable<string> Pages() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Docs", "docs"), "*.md").OrderBy(f => f, StringComparer.Ordinal)
            .Prepend(Path.Combine(AppContext.BaseDirectory, "Docs", "README.md"));

    public static IEnumerable<TestCaseData> Samples() => Pages().SelectMany(PageSamples);

    private static IEnumerable<TestCaseData> PageSamples(string page)
    {
        var name = Path.GetFileName(page) == "README.md" ? "README.md" : "docs/" + Path.GetFileName(page);
        var lines = File.ReadAllLines(page);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```cs") continue;
            var end = i + 1;
            while (end < lines.Length && lines[end].Trim() != "```") end++;
            var previous = lines.Take(i).Reverse().FirstOrDefault(l => l.Trim().Length > 0) ?? string.Empty;
            var compileOnly = Regex.IsMatch(previous, @"<!--\s*compile-only\s*-->");
            var code = string.Join("\n", lines.Skip(i + 1).Take(end - i - 1));
            yield return new TestCaseData(code, compileOnly).SetName($"{name}:{i + 2} {(compileOnly ? "compiles" : "compiles and runs")}");
            i = end;
        }
    }

    [TestCase("sandbox.md", 6)]
    [TestCase("certificates.md", 3)]
    [TestCase("fleet.md", 2)]
    [TestCase("aspnetcore.md", 1)]
    [TestCase("notifications.md", 1)]
    [TestCase("reconciler.md", 1)]
    [TestCase("public-key-migration.md", 1)]
    [TestCase("doctor.md", 1)]
    [TestCase("payments.md", 1)]
    [TestCase("bills.md", 1)]
    [TestCase("uploads.md", 1)]
    [TestCase("scripts.md", 1)]
    [TestCase("hosting.md", 3)]
    [TestCase("telemetry.md", 1)]
    [TestCase("resilience.md", 1)]
    [TestCase("guomi.md", 3)]
    [TestCase("apiv2.md", 6)]
    [TestCase("models.md", 2)]
    public void A_page_holds_runnable_samples(string page, int atLeast) =>
        Assert.That(PageSamples(Path.Combine(AppContext.BaseDirectory, "Docs", "docs", page)).Count(s => !(bool)s.Arguments[1]!), Is.GreaterThanOrEqualTo(atLeast));

    [TestCaseSource(nameof(Samples))]
    public async Task Every_sandbox_docs_sample_compiles_and_runs(string code, bool compileOnly)
    {
        // Scripts allow no top-level `using var`; the samples are written as a method body, so run them as one.
        var script = Empty.Value.ContinueWith("async Task Sample()\n{\n" + code + "\n}\nawait Sample();");
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.That(errors, Is.Empty, string.Join("\n", errors.Select(e => e.ToString())));
        if (compileOnly) return;

        // A sample that talks to Redis finds a real one, started for it, through REDIS (as a deployment would configure it).
        using var redis = code.Contains("REDIS", StringComparison.Ordinal) ? await Support.RedisServer.StartAsync() : null;
        Environment.SetEnvironmentVariable("REDIS", redis?.Configuration);
        try
        {
            await script.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            Environment.SetEnvironmentVariable("REDIS", null);
        }
    }
}
