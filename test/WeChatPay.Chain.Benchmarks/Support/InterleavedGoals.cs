using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Benchmarks.Support;

/// <summary>
/// The time goals measured <see cref="Interleaved"/>: the benchmark classes' own set-ups and methods, run in shuffled
/// short blocks after BenchmarkDotNet is done. Per round: throughput ratio = baseline time / client time, overhead
/// beyond the RSA work = client time − RSA sign − RSA verify; each summarised by its median over the rounds, in
/// wall-clock time and in process CPU time.
/// </summary>
internal sealed class InterleavedGoals
{
    public static readonly string[] ClientStyles =
    {
        "Client_DynamicChain_Post", "Client_TypedChain_Post", "Client_Indexer_Post", "Client_ChainMethod_Post",
        "Client_DynamicChain_Get", "Client_TypedChain_Get", "Client_Indexer_Get", "Client_ChainMethod_Get",
    };

    private InterleavedGoals(int rounds, Dictionary<string, double[]> wall, Dictionary<string, double[]> cpu)
    {
        Rounds = rounds;
        Wall = wall;
        Cpu = cpu;
    }

    public int Rounds { get; }

    /// <summary>Wall-clock nanoseconds per operation, per subject and round.</summary>
    public Dictionary<string, double[]> Wall { get; }

    /// <summary>Process CPU nanoseconds (all threads, user + kernel) per operation, per subject and round.</summary>
    public Dictionary<string, double[]> Cpu { get; }

    public IEnumerable<string> Subjects => Wall.Keys;

    public double MedianNs(string subject, bool cpu = false) => Interleaved.Median((cpu ? Cpu : Wall)[subject]);

    /// <summary>Median over rounds of baseline time / client time (client throughput relative to the baseline's).</summary>
    public double ThroughputRatio(string client, string baseline, bool cpu = false)
    {
        var samples = cpu ? Cpu : Wall;
        return Interleaved.Median(samples[baseline].Zip(samples[client], (b, c) => b / c));
    }

    /// <summary>The first and third quartiles over rounds of baseline time / client time: how much one round's ratio moves.</summary>
    public (double Q1, double Q3) ThroughputRatioQuartiles(string client, string baseline, bool cpu = false)
    {
        var samples = cpu ? Cpu : Wall;
        var sorted = samples[baseline].Zip(samples[client], (b, c) => b / c).OrderBy(r => r).ToArray();
        return (sorted[sorted.Length / 4], sorted[(3 * sorted.Length) / 4]);
    }

    /// <summary>The 国密 calls (<c>Client_Sm2_*</c>), the same calls as their RSA twins (<c>Client_*</c>) by an SM2 merchant.</summary>
    public static readonly string[] Sm2Styles = { "Client_Sm2_ChainMethod_Post", "Client_Sm2_ChainMethod_Get" };

    /// <summary>Median over rounds of (subject − RSA sign − RSA verify), in microseconds; for a 国密 call (subject − SM2 sign − SM2 verify).</summary>
    public double BeyondRsaMicroseconds(string subject, bool cpu = false)
    {
        var samples = cpu ? Cpu : Wall;
        var (sign, verify) = subject.Contains("_Sm2_", System.StringComparison.Ordinal) ? ("Sm2_Sign", "Sm2_Verify") : ("Rsa_Sign", "Rsa_Verify");
        return Interleaved.Median(Enumerable.Range(0, Rounds).Select(r => samples[subject][r] - samples[sign][r] - samples[verify][r])) / 1000;
    }

    /// <summary>Median over rounds of <paramref name="numerator"/> time ÷ <paramref name="denominator"/> time, with the rounds' quartiles.</summary>
    public (double Median, double Q1, double Q3) TimeRatio(string numerator, string denominator, bool cpu = false)
    {
        var samples = cpu ? Cpu : Wall;
        var sorted = samples[numerator].Zip(samples[denominator], (n, d) => n / d).OrderBy(r => r).ToArray();
        return (Interleaved.Median(sorted), sorted[sorted.Length / 4], sorted[(3 * sorted.Length) / 4]);
    }

    public static InterleavedGoals Measure(int rounds, bool loopbackOnly = false)
    {
        var wall = new Dictionary<string, double[]>();
        var cpu = new Dictionary<string, double[]>();
        if (!loopbackOnly) MeasurePerCall(rounds, wall, cpu);
        MeasureLoopback(rounds, wall, cpu);
        return new InterleavedGoals(rounds, wall, cpu);
    }

    private static void MeasurePerCall(int rounds, Dictionary<string, double[]> wall, Dictionary<string, double[]> cpu)
    {
        var perCall = new PerCallBenchmarks();
        var pieces = new PieceBenchmarks();
        var schemes = new SchemePieceBenchmarks();
        perCall.Setup();
        pieces.Setup();
        schemes.Setup();
        try
        {
            var run = new Interleaved()
                .Add("Rsa_Sign", () => { pieces.Rsa_Sign(); return Task.CompletedTask; })
                .Add("Rsa_Verify", () => { pieces.Rsa_Verify(); return Task.CompletedTask; })
                .Add("Baseline_HttpClient_Post", perCall.Baseline_HttpClient_Post)
                .Add("Baseline_HttpClient_Get", perCall.Baseline_HttpClient_Get)
                .Add("Baseline_Flurl_Post", perCall.Baseline_Flurl_Post)
                .Add("Client_DynamicChain_Post", perCall.Client_DynamicChain_Post)
                .Add("Client_TypedChain_Post", perCall.Client_TypedChain_Post)
                .Add("Client_Indexer_Post", perCall.Client_Indexer_Post)
                .Add("Client_ChainMethod_Post", perCall.Client_ChainMethod_Post)
                .Add("Client_DynamicChain_Get", perCall.Client_DynamicChain_Get)
                .Add("Client_TypedChain_Get", perCall.Client_TypedChain_Get)
                .Add("Client_Indexer_Get", perCall.Client_Indexer_Get)
                .Add("Client_ChainMethod_Get", perCall.Client_ChainMethod_Get)
                .Add("Sm2_Sign", () => { schemes.Sm2_Sign(); return Task.CompletedTask; })
                .Add("Sm2_Verify", () => { schemes.Sm2_Verify(); return Task.CompletedTask; })
                .Add("RsaOaep_Encrypt", () => { schemes.RsaOaep_Encrypt(); return Task.CompletedTask; })
                .Add("Sm2_Encrypt", () => { schemes.Sm2_Encrypt(); return Task.CompletedTask; })
                .Add("AesGcm_Decrypt", () => { schemes.AesGcm_Decrypt(); return Task.CompletedTask; })
                .Add("Sm4Gcm_Decrypt", () => { schemes.Sm4Gcm_Decrypt(); return Task.CompletedTask; })
                .Add("Client_Sm2_ChainMethod_Post", perCall.Client_Sm2_ChainMethod_Post)
                .Add("Client_Sm2_ChainMethod_Get", perCall.Client_Sm2_ChainMethod_Get)
                .Run(rounds, blockMilliseconds: 10);
            foreach (var pair in run.Wall) wall.Add(pair.Key, pair.Value);
            foreach (var pair in run.Cpu) cpu.Add(pair.Key, pair.Value);
        }
        finally
        {
            perCall.Cleanup();
            pieces.Cleanup();
        }
    }

    private static void MeasureLoopback(int rounds, Dictionary<string, double[]> wall, Dictionary<string, double[]> cpu)
    {
        var loopback = new LoopbackBenchmarks();
        loopback.Setup();
        try
        {
            var run = new Interleaved()
                .Add("Baseline_Sequential", loopback.Baseline_Sequential)
                .Add("Flurl_Sequential", loopback.Flurl_Sequential)
                .Add("Client_Sequential", loopback.Client_Sequential)
                .Add("Baseline_Concurrent16", loopback.Baseline_Concurrent16, LoopbackBenchmarks.ConcurrentCalls)
                .Add("Flurl_Concurrent16", loopback.Flurl_Concurrent16, LoopbackBenchmarks.ConcurrentCalls)
                .Add("Client_Concurrent16", loopback.Client_Concurrent16, LoopbackBenchmarks.ConcurrentCalls)
                .Run(rounds, blockMilliseconds: 20);
            foreach (var pair in run.Wall) wall.Add(pair.Key, pair.Value);
            foreach (var pair in run.Cpu) cpu.Add(pair.Key, pair.Value);
        }
        finally
        {
            loopback.Cleanup();
        }
    }
}
