using System;
using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using WeChatPay.Chain.Benchmarks.Baselines;
using WeChatPay.Chain.Benchmarks.Support;

namespace WeChatPay.Chain.Benchmarks
{
    /// <summary>
    /// Throughput over loopback: the seed POST to a Kestrel server on 127.0.0.1 that checks every request's signature
    /// and answers with a signed answer, one call at a time and 16 at once, client (pure dynamic chain) vs hand-written
    /// HttpClient baseline in the same run; the same hand-written work through Flurl (with Flurl's own default handler,
    /// as the client has) shows what Flurl itself costs. Time per call: throughput is its inverse, so the throughput ratio
    /// client/baseline is 1 / the Ratio column.
    /// </summary>
    /// <remarks>TODO: use <c>WeChatPay.Chain.Sandbox.Sandbox.StartAsync()</c> instead of <see cref="LoopbackServer"/> when the sandbox lands.</remarks>
    [Config(typeof(LoopbackConfig))]
    [MemoryDiagnoser]
    public class LoopbackBenchmarks
    {
        public const int Concurrency = 16;
        private const int CallsPerTask = 8;
        public const int ConcurrentCalls = Concurrency * CallsPerTask;

        private LoopbackServer _server = null!;
        private WeChatPayClient _client = null!;
        private dynamic _wxpay = null!;
        private HandWrittenClient _baseline = null!;
        private HandWrittenFlurlClient _flurlBaseline = null!;

        [GlobalSetup]
        public void Setup()
        {
            using (var platformKey = BenchKeys.Load("platform_key.pem"))
                _server = LoopbackServer.StartAsync(SignedAnswer.Create(Payloads.PostAnswer, platformKey), SignedAnswer.Create(Payloads.GetAnswer, platformKey)).GetAwaiter().GetResult();

            var options = BenchKeys.Options(_server.BaseUrl);
            _client = new WeChatPayClient(options);
            _wxpay = _client;
            _baseline = new HandWrittenClient(new HttpClient { BaseAddress = new Uri(_server.BaseUrl) }, options.TimeProvider!);
            _flurlBaseline = new HandWrittenFlurlClient(new Flurl.Http.FlurlClient(_server.BaseUrl), options.TimeProvider!);

            Check.Answer(ClientCall().GetAwaiter().GetResult(), Payloads.PostAnswer);
            Check.Answer(_baseline.PostAsync(Payloads.PostPath, Payloads.PostBody).GetAwaiter().GetResult(), Payloads.PostAnswer);
            Check.Answer(_flurlBaseline.PostAsync(Payloads.PostPath, Payloads.PostBody).GetAwaiter().GetResult(), Payloads.PostAnswer);
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _client.Dispose();
            _baseline.Dispose();
            _flurlBaseline.Dispose();
            _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
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
}
