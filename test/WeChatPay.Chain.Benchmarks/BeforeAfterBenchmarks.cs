using System;
using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using WeChatPay.Chain.Benchmarks.Baselines;
using WeChatPay.Chain.Benchmarks.Support;

namespace WeChatPay.Chain.Benchmarks;

/// <summary>
/// The per-call benchmark (<see cref="PerCallBenchmarks"/>' <c>Chain("…")</c> POST and GET through the in-process
/// handler) against two builds of the library in one run: <see cref="Build"/> names a build of
/// <c>test/WeChatPay.Chain.Benchmarks.Subject</c>, loaded by <see cref="SubjectBuild"/>, each with the hand-written
/// <c>HttpClient</c> baseline beside it. Only <c>--compare</c> runs it (the Bench target's <c>--before=&lt;commit&gt;</c>),
/// never the default run.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class BeforeAfterBenchmarks
{
    private InstantHandler _handler = null!;
    private SubjectBuild _subject = null!;
    private HandWrittenClient _baseline = null!;

    /// <summary>The build compared: <c>before</c> or <c>after</c>, each a folder named by <see cref="SubjectBuild.Variable"/>.</summary>
    [Params("before", "after")]
    public string Build { get; set; } = "after";

    [GlobalSetup]
    public void Setup()
    {
        _handler = InstantHandler.Rsa();
        _subject = SubjectBuild.Load(Build, SubjectBuild.Folder(Build), _handler);
        _baseline = new HandWrittenClient(new HttpClient(_handler, disposeHandler: false) { BaseAddress = new Uri(WeChatPayOptions.DefaultBaseUrl) }, BenchKeys.Options());
        Console.WriteLine($"// {Build}: WeChatPay.Chain {_subject.LibraryVersion}");
        Check.Answer(_subject.PostBody().GetAwaiter().GetResult(), Payloads.PostAnswer);
        Check.Answer(_subject.GetBody().GetAwaiter().GetResult(), Payloads.GetAnswer);
        Check.Answer(Baseline_HttpClient_Post().GetAwaiter().GetResult(), Payloads.PostAnswer);
        Check.Answer(Baseline_HttpClient_Get().GetAwaiter().GetResult(), Payloads.GetAnswer);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _subject.Dispose();
        _baseline.Dispose();
        _handler.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("POST")]
    public Task<byte[]> Baseline_HttpClient_Post() => _baseline.PostAsync(Payloads.PostPath, Payloads.PostBody);

    [Benchmark, BenchmarkCategory("POST")]
    public Task Client_ChainMethod_Post() => _subject.Post();

    [Benchmark(Baseline = true), BenchmarkCategory("GET")]
    public Task<byte[]> Baseline_HttpClient_Get() => _baseline.GetAsync(Payloads.GetPath, "mchid", BenchKeys.MerchantId);

    [Benchmark, BenchmarkCategory("GET")]
    public Task Client_ChainMethod_Get() => _subject.Get();
}
