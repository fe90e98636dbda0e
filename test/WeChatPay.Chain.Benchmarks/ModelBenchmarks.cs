using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using WeChatPay.Chain.Benchmarks.Support;

namespace WeChatPay.Chain.Benchmarks;

/// <summary>
/// One call through the in-process handler with an anonymous body read through <c>Data</c>, against the same call with a typed
/// request (package WeChatPay.Chain.Models) read through <c>Model</c>: what the models add per call, in time and bytes.
/// </summary>
[MemoryDiagnoser]
public class ModelBenchmarks
{
    private InstantHandler _handler = null!;
    private WeChatPayClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _handler = InstantHandler.Rsa();
        var options = BenchKeys.Options();
        options.HttpMessageHandler = _handler;
        _client = new WeChatPayClient(options);
        // Every benchmark must do the full, successful work: both forms read the same field.
        Check.Answer(Typed_Post().GetAwaiter().GetResult(), Anonymous_Post().GetAwaiter().GetResult());
        Check.Answer(Typed_Get().GetAwaiter().GetResult(), Anonymous_Get().GetAwaiter().GetResult());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _handler.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("POST")]
    public async Task<string> Anonymous_Post() => (string)(await _client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(Payloads.PostBody)).Data.pre_entrustweb_id;

    [Benchmark, BenchmarkCategory("POST")]
    public async Task<string> Typed_Post() => (await _client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(TypedPayloads.Post())).Model!.PreEntrustwebId!;

    [Benchmark, BenchmarkCategory("GET")]
    public async Task<string> Anonymous_Get() => (string)(await _client.V3.Pay.Transactions.OutTradeNo._out_trade_no_.GetAsync(Payloads.GetQuery)).Data.trade_state;

    [Benchmark, BenchmarkCategory("GET")]
    public async Task<string> Typed_Get() => (await _client.V3.Pay.Transactions.OutTradeNo._out_trade_no_.GetAsync(TypedPayloads.Get())).Model!.TradeState!;
}
