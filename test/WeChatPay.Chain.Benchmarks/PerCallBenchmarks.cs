using System;
using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Flurl.Http;
using WeChatPay.Chain.Benchmarks.Baselines;
using WeChatPay.Chain.Benchmarks.Support;

namespace WeChatPay.Chain.Benchmarks;

/// <summary>
/// One whole call without network: every client style and the hand-written baselines send through the same
/// in-process <see cref="InstantHandler"/>, which answers at once with a pre-signed answer that verifies against the
/// fixed clock. What remains is the per-call cost: chain, catalog, serialization, signing, HTTP plumbing, verification.
/// The <c>Client_Sm2_*</c> calls are the same calls by a 国密 merchant (SM2 merchant key, SM2 platform key, answers
/// SM2-signed by a handler of their own), beside the RSA ones.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class PerCallBenchmarks
{
    private InstantHandler _handler = null!;
    private InstantHandler _smHandler = null!;
    private WeChatPayClient _client = null!;
    private WeChatPayClient _smClient = null!; // a 国密 merchant: SM2 key, SM2 platform key, answers SM2-signed
    private dynamic _wxpay = null!; // the whole chain bound at run time, as `dynamic wxpay` in a script
    private HandWrittenClient _baseline = null!;
    private HandWrittenFlurlClient _flurlBaseline = null!;

    [GlobalSetup]
    public void Setup()
    {
        _handler = InstantHandler.Rsa();
        _smHandler = InstantHandler.Sm2();

        var options = BenchKeys.Options();
        options.HttpMessageHandler = _handler; // internal seam: send through the in-process handler
        _client = new WeChatPayClient(options);
        _wxpay = _client;
        var smOptions = BenchKeys.Sm2Options();
        smOptions.HttpMessageHandler = _smHandler;
        _smClient = new WeChatPayClient(smOptions);
        var baseAddress = new Uri(WeChatPayOptions.DefaultBaseUrl);
        _baseline = new HandWrittenClient(new HttpClient(_handler, disposeHandler: false) { BaseAddress = baseAddress }, options);
        _flurlBaseline = new HandWrittenFlurlClient(new FlurlClient(new HttpClient(_handler, disposeHandler: false), WeChatPayOptions.DefaultBaseUrl), options);

        // Every benchmark must do the full, successful work: run each once and check what came back.
        Check.Answer(Baseline_HttpClient_Post().GetAwaiter().GetResult(), Payloads.PostAnswer);
        Check.Answer(Baseline_Flurl_Post().GetAwaiter().GetResult(), Payloads.PostAnswer);
        Check.Answer(Client_DynamicChain_Post().GetAwaiter().GetResult(), Payloads.PostAnswer);
        Check.Answer(Client_TypedChain_Post().GetAwaiter().GetResult(), Payloads.PostAnswer);
        Check.Answer(Client_Indexer_Post().GetAwaiter().GetResult(), Payloads.PostAnswer);
        Check.Answer(Client_ChainMethod_Post().GetAwaiter().GetResult(), Payloads.PostAnswer);
        Check.Answer(Client_Sm2_ChainMethod_Post().GetAwaiter().GetResult(), Payloads.PostAnswer);
        Check.Answer(Baseline_HttpClient_Get().GetAwaiter().GetResult(), Payloads.GetAnswer);
        Check.Answer(Baseline_Flurl_Get().GetAwaiter().GetResult(), Payloads.GetAnswer);
        Check.Answer(Client_DynamicChain_Get().GetAwaiter().GetResult(), Payloads.GetAnswer);
        Check.Answer(Client_TypedChain_Get().GetAwaiter().GetResult(), Payloads.GetAnswer);
        Check.Answer(Client_Indexer_Get().GetAwaiter().GetResult(), Payloads.GetAnswer);
        Check.Answer(Client_ChainMethod_Get().GetAwaiter().GetResult(), Payloads.GetAnswer);
        Check.Answer(Client_Sm2_ChainMethod_Get().GetAwaiter().GetResult(), Payloads.GetAnswer);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _smClient.Dispose();
        _smHandler.Dispose();
        _baseline.Dispose();
        _flurlBaseline.Dispose();
        _handler.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("POST")]
    public Task<byte[]> Baseline_HttpClient_Post() => _baseline.PostAsync(Payloads.PostPath, Payloads.PostBody);

    [Benchmark, BenchmarkCategory("POST")]
    public Task<byte[]> Baseline_Flurl_Post() => _flurlBaseline.PostAsync(Payloads.PostPath, Payloads.PostBody);

    [Benchmark, BenchmarkCategory("POST")]
    public async Task<WeChatPayResponse> Client_DynamicChain_Post() =>
        await _wxpay.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(Payloads.PostBody);

    [Benchmark, BenchmarkCategory("POST")]
    public Task<WeChatPayResponse> Client_TypedChain_Post() => _client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(Payloads.PostBody);

    [Benchmark, BenchmarkCategory("POST")]
    public Task<WeChatPayResponse> Client_Indexer_Post() => _client[Payloads.PostPath].PostAsync(Payloads.PostBody);

    [Benchmark, BenchmarkCategory("POST")]
    public Task<WeChatPayResponse> Client_ChainMethod_Post() => _client.Chain(Payloads.PostPath).PostAsync(Payloads.PostBody);

    /// <summary>The same call as <see cref="Client_ChainMethod_Post"/> by a 国密 merchant: SM2-with-SM3 request signature, SM2-verified answer.</summary>
    [Benchmark, BenchmarkCategory("POST")]
    public Task<WeChatPayResponse> Client_Sm2_ChainMethod_Post() => _smClient.Chain(Payloads.PostPath).PostAsync(Payloads.PostBody);

    [Benchmark(Baseline = true), BenchmarkCategory("GET")]
    public Task<byte[]> Baseline_HttpClient_Get() => _baseline.GetAsync(Payloads.GetPath, "mchid", BenchKeys.MerchantId);

    [Benchmark, BenchmarkCategory("GET")]
    public Task<byte[]> Baseline_Flurl_Get() => _flurlBaseline.GetAsync(Payloads.GetPath, "mchid", BenchKeys.MerchantId);

    [Benchmark, BenchmarkCategory("GET")]
    public async Task<WeChatPayResponse> Client_DynamicChain_Get() =>
        await _wxpay.V3.Pay.Transactions.OutTradeNo._out_trade_no_.GetAsync(Payloads.GetQuery);

    [Benchmark, BenchmarkCategory("GET")]
    public Task<WeChatPayResponse> Client_TypedChain_Get() => _client.V3.Pay.Transactions.OutTradeNo._out_trade_no_.GetAsync(Payloads.GetQuery);

    [Benchmark, BenchmarkCategory("GET")]
    public Task<WeChatPayResponse> Client_Indexer_Get() => _client[Payloads.GetTemplate].GetAsync(Payloads.GetQuery);

    [Benchmark, BenchmarkCategory("GET")]
    public Task<WeChatPayResponse> Client_ChainMethod_Get() => _client.Chain(Payloads.GetTemplate).GetAsync(Payloads.GetQuery);

    /// <summary>The same call as <see cref="Client_ChainMethod_Get"/> by a 国密 merchant.</summary>
    [Benchmark, BenchmarkCategory("GET")]
    public Task<WeChatPayResponse> Client_Sm2_ChainMethod_Get() => _smClient.Chain(Payloads.GetTemplate).GetAsync(Payloads.GetQuery);
}
