using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Docs;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>The host object of a docs sample run against the sandbox.</summary>
public sealed class SandboxSampleGlobals
{
    public SandboxSampleGlobals(WeChatPayClient wxpay) => this.wxpay = wxpay;

#pragma warning disable IDE1006
    public WeChatPayClient wxpay { get; }
#pragma warning restore IDE1006
}

/// <summary>Every runnable C# sample of README.md and docs/*.md, run against a real sandbox: the sandbox checks each body.</summary>
public class DocsAgainstSandboxTests
{
    private static readonly ScriptOptions Options = ScriptOptions.Default
        .WithReferences(typeof(WeChatPayClient).Assembly, typeof(Microsoft.CSharp.RuntimeBinder.Binder).Assembly,
            typeof(Newtonsoft.Json.Linq.JToken).Assembly, typeof(System.Dynamic.DynamicObject).Assembly)
        .WithImports("System", "System.Collections.Generic", "System.Threading", "System.Threading.Tasks", "WeChatPay.Chain", "Newtonsoft.Json.Linq");

    private Sandbox sandbox = null!;

    [OneTimeSetUp]
    public async Task Start() => sandbox = await Sandbox.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await sandbox.DisposeAsync();

    private static IEnumerable<TestCaseData> Samples() =>
        MarkdownSamples.All().Where(s => !s.CompileOnly).Select(s => new TestCaseData(s).SetName($"Docs sample {s} runs against the sandbox"));

    [TestCaseSource(nameof(Samples))]
    public async Task Every_runnable_docs_sample_runs_against_the_sandbox(MarkdownSamples.Sample sample)
    {
        using var client = new WeChatPayClient(sandbox.ClientOptions());

        // Any exception that escapes the sample (a body the sandbox rejects, a failed verification) fails it.
        await CSharpScript.Create(sample.Code, Options, typeof(SandboxSampleGlobals)).RunAsync(new SandboxSampleGlobals(client));
    }
}
