using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using WeChatPay.Chain.Benchmarks.Baselines;
using WeChatPay.Chain.Benchmarks.Support;

namespace WeChatPay.Chain.Benchmarks;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// Throughput over loopback against the real local sandbox (<see cref="WeChatPaySandbox.StartAsync"/>, Kestrel on 127.0.0.1,
/// in this process): the seed POST <c>v3/papay/sign/contracts/pre-entrust-sign</c>, one call at a time and 16 at once,
/// client (pure dynamic chain) vs hand-written HttpClient baseline in the same run; the same hand-written work
/// through Flurl (with Flurl's own default handler, as the client has) shows what Flurl itself costs. The sandbox
/// checks every request as WeChat Pay does (signature over the exact bytes, ±300 s, nonce not replayed, fields) and
/// signs every answer, so each call is four RSA operations: the caller signs, the sandbox verifies, the sandbox signs,
/// the caller verifies. Time per call: throughput is its inverse, so the throughput ratio client/baseline is
/// 1 / the Ratio column.
/// </summary>
[Config(typeof(LoopbackConfig))]
[MemoryDiagnoser]
public class LoopbackBenchmarks
{
    public const int Concurrency = 16;
    private const int CallsPerTask = 8;
    public const int ConcurrentCalls = Concurrency * CallsPerTask;

    private WeChatPaySandbox _sandbox = null!;
    private WeChatPayClient _client = null!;
    private dynamic _wxpay = null!;
    private HandWrittenClient _baseline = null!;
    private HandWrittenFlurlClient _flurlBaseline = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Throw-away keys, public-key mode, the system clock on both sides (the sandbox checks ±300 s against it).
        _sandbox = WeChatPaySandbox.StartAsync().GetAwaiter().GetResult();
        _client = new WeChatPayClient(_sandbox.ClientOptions());
        _wxpay = _client;
        // The baselines sign with the same merchant key and verify with the same platform key as the client.
        _baseline = new HandWrittenClient(new HttpClient { BaseAddress = new Uri(_sandbox.BaseUrl) }, _sandbox.ClientOptions());
        _flurlBaseline = new HandWrittenFlurlClient(new Flurl.Http.FlurlClient(_sandbox.BaseUrl), _sandbox.ClientOptions());

        // Every subject must do the full, successful work: the sandbox passed every check and all got the same answer.
        var answer = ClientCall().GetAwaiter().GetResult();
        if (answer.StatusCode != 200 || !answer.Body.Contains("\"pre_entrustweb_id\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"The sandbox answered the client {answer.StatusCode} {answer.Body}.");
        CheckSandboxPassedEverything();
        Check.Answer(Baseline_Sequential().GetAwaiter().GetResult(), answer.Body);
        CheckSandboxPassedEverything();
        Check.Answer(Flurl_Sequential().GetAwaiter().GetResult(), answer.Body);
        CheckSandboxPassedEverything();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _baseline.Dispose();
        _flurlBaseline.Dispose();
        _sandbox.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Sequential")]
    public Task<byte[]> Baseline_Sequential() => _baseline.PostAsync(Payloads.PostPath, Payloads.PostBody);

    [Benchmark, BenchmarkCategory("Sequential")]
    public Task<byte[]> Flurl_Sequential() => _flurlBaseline.PostAsync(Payloads.PostPath, Payloads.PostBody);

    [Benchmark, BenchmarkCategory("Sequential")]
    public Task<WeChatPayResponse> Client_Sequential() => ClientCall();

    [Benchmark(Baseline = true, OperationsPerInvoke = ConcurrentCalls), BenchmarkCategory("Concurrent16")]
    public Task Baseline_Concurrent16() => Concurrently(() => _baseline.PostAsync(Payloads.PostPath, Payloads.PostBody));

    [Benchmark(OperationsPerInvoke = ConcurrentCalls), BenchmarkCategory("Concurrent16")]
    public Task Flurl_Concurrent16() => Concurrently(() => _flurlBaseline.PostAsync(Payloads.PostPath, Payloads.PostBody));

    [Benchmark(OperationsPerInvoke = ConcurrentCalls), BenchmarkCategory("Concurrent16")]
    public Task Client_Concurrent16() => Concurrently(ClientCall);

    private async Task<WeChatPayResponse> ClientCall() => await _wxpay.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(Payloads.PostBody);

    // The last request went through every check the sandbox makes on a v3 call (signature, clock, nonce, fields, encryption).
    private void CheckSandboxPassedEverything()
    {
        var call = _sandbox.Calls[^1];
        var all = Enum.GetValues<SandboxCheck>().Where(c => c != SandboxCheck.ClientCertificate); // APIv2 security operations only
        if (call.StatusCode != 200 || call.FailedCheck is not null || !all.All(call.PassedChecks.Contains))
            throw new InvalidOperationException($"The sandbox did not pass every check: {call}");
    }

    // 16 workers on the thread pool, each making CallsPerTask calls one after another.
    private static Task Concurrently(Func<Task> call)
    {
        var workers = new Task[Concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                for (var j = 0; j < CallsPerTask; j++)
                    await call().ConfigureAwait(false);
            });
        }
        return Task.WhenAll(workers);
    }
}
