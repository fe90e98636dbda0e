using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Docs;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>Every runnable C# sample of README.md and docs/*.md, run against a real sandbox: the sandbox checks each body.</summary>
public class DocsAgainstSandboxTests
{
    private WeChatPaySandbox sandbox = null!;

    [OneTimeSetUp]
    public async Task Start() => sandbox = await WeChatPaySandbox.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await sandbox.DisposeAsync();

    private static IEnumerable<TestCaseData> Samples() =>
        MarkdownSamples.All().Where(s => !s.CompileOnly).Select(s => new TestCaseData(s).SetName($"Docs sample {s} runs against the sandbox"));

    [TestCaseSource(nameof(Samples))]
    public async Task Every_runnable_docs_sample_runs_against_the_sandbox(MarkdownSamples.Sample sample)
    {
        using var client = new WeChatPayClient(sandbox.ClientOptions());

        // Any exception that escapes the sample (a body the sandbox rejects, a failed verification) fails it.
        await SampleGlobals.Script(sample.Code).RunAsync(new SampleGlobals(client));
    }
}
