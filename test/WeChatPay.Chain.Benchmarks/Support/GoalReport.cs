using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;

namespace WeChatPay.Chain.Benchmarks.Support;

/// <summary>
/// Turns one run into markdown: the goals of issue 4 (time goals from the <see cref="InterleavedGoals"/> of this run,
/// with BenchmarkDotNet's medians beside them; allocation and catalog goals from BenchmarkDotNet) and every
/// BenchmarkDotNet result (mean, error, median, allocation, ratio to its category's baseline).
/// </summary>
internal static class GoalReport
{
    private const double OverheadGoalMicroseconds = 30;
    private const long AllocationGoalBytes = 24 * 1024;
    private const double CatalogGoalMicroseconds = 1;
    private const double ThroughputGoal = 0.95;

    private sealed record Result(string Type, string Method, string Category, double MeanNs, double MedianNs, double ErrorNs, long? Allocated, bool IsBaseline);

    public static string Build(IReadOnlyList<Summary> summaries, InterleavedGoals? interleaved, string? loadBefore, string? loadAfter)
    {
        var results = summaries.SelectMany(s => s.Reports)
            .Where(r => r.Success && r.ResultStatistics is not null)
            .Select(r => new Result(
                r.BenchmarkCase.Descriptor.Type.Name,
                r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                string.Join(",", r.BenchmarkCase.Descriptor.Categories),
                r.ResultStatistics!.Mean,
                r.ResultStatistics.Median,
                r.ResultStatistics.ConfidenceInterval.Margin,
                r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase),
                r.BenchmarkCase.Descriptor.Baseline))
            .ToList();

        var text = new StringBuilder();
        text.AppendLine("## Machine").AppendLine();
        var host = summaries.Count > 0 ? summaries[0].HostEnvironmentInfo : null;
        if (host is not null)
            text.AppendLine($"- {host.Cpu.Value}");
        text.AppendLine($"- {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}{(host is null ? "" : ", SDK " + host.DotNetSdkVersion.Value)}, BenchmarkDotNet {typeof(Summary).Assembly.GetName().Version}");
        text.AppendLine($"- Run finished {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} logical cores");
        if (loadBefore is not null)
            text.AppendLine($"- Load average (1 / 5 / 15 min) before the run: {loadBefore}; after: {loadAfter}");
        text.AppendLine();

        text.AppendLine("## Goals (issue 4), from this run").AppendLine();
        if (interleaved is not null)
            text.AppendLine($"Time goals: medians over {interleaved.Rounds} interleaved rounds (client, baselines and RSA pieces measured side by side in shuffled " +
                "blocks), in process CPU time (decides: other processes' load does not inflate it) and in wall-clock time; BenchmarkDotNet's medians, " +
                "measured one benchmark after another, for reference.").AppendLine();
        text.AppendLine("| Goal | Target | Interleaved, CPU time (decides) | Interleaved, wall clock | BenchmarkDotNet medians | Met |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        AppendGoals(text, results, interleaved);
        text.AppendLine();

        if (results.Count > 0)
        {
            text.AppendLine("## BenchmarkDotNet results").AppendLine();
            text.AppendLine("| Benchmark | Category | Mean | ± 99.9% CI | Median | Allocated | Median ratio to baseline |");
            text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var result in results)
            {
                var baseline = results.FirstOrDefault(r => r.IsBaseline && r.Type == result.Type && r.Category == result.Category);
                var ratio = baseline is null ? "" : (result.MedianNs / baseline.MedianNs).ToString("0.00", CultureInfo.InvariantCulture);
                text.AppendLine($"| {result.Type}.{result.Method} | {result.Category} | {Time(result.MeanNs)} | {Time(result.ErrorNs)} | {Time(result.MedianNs)} | {Bytes(result.Allocated)} | {ratio} |");
            }
            text.AppendLine();
        }

        if (interleaved is not null)
        {
            text.AppendLine("## Interleaved medians").AppendLine();
            text.AppendLine("Beyond the RSA work: call − RSA sign − RSA verify per round; for the 国密 calls (`Client_Sm2_*`), call − SM2 sign − SM2 verify.").AppendLine();
            text.AppendLine("| Subject | CPU per call | Beyond the RSA work (CPU) | Wall clock per call | Beyond the RSA work (wall) |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var subject in interleaved.Subjects)
            {
                // Whole calls in process (clients and baselines), not the loopback subjects or the crypto pieces.
                var perCall = (subject.StartsWith("Client_", StringComparison.Ordinal) || subject.StartsWith("Baseline_", StringComparison.Ordinal))
                    && !subject.Contains("Sequential") && !subject.Contains("Concurrent");
                string Beyond(bool cpu) => perCall ? $"{interleaved.BeyondRsaMicroseconds(subject, cpu):0.0} µs" : "";
                text.AppendLine($"| {subject} | {Time(interleaved.MedianNs(subject, cpu: true))} | {Beyond(true)} | {Time(interleaved.MedianNs(subject))} | {Beyond(false)} |");
            }
            text.AppendLine();
        }

        AppendSm2(text, results, interleaved);
        return text.ToString();
    }

    private static void AppendGoals(StringBuilder text, List<Result> results, InterleavedGoals? interleaved)
    {
        Result? Find(string type, string method) => results.FirstOrDefault(r => r.Type == type && r.Method == method);

        foreach (var concurrency in new[] { "Sequential", "Concurrent16" })
        {
            string client = "Client_" + concurrency, baseline = "Baseline_" + concurrency;
            var bdnBaseline = Find(nameof(LoopbackBenchmarks), baseline);
            var bdnClient = Find(nameof(LoopbackBenchmarks), client);
            double? bdnRatio = bdnBaseline is null || bdnClient is null ? null : bdnBaseline.MedianNs / bdnClient.MedianNs;
            var reference = bdnRatio is null ? "—" : $"{bdnRatio:0.00}× ({1e9 / bdnClient!.MedianNs:0} vs {1e9 / bdnBaseline!.MedianNs:0} calls/s)";
            string Interleaved(bool cpu)
            {
                var (q1, q3) = interleaved!.ThroughputRatioQuartiles(client, baseline, cpu);
                return $"{interleaved.ThroughputRatio(client, baseline, cpu):0.000}× (rounds' quartiles {q1:0.00}–{q3:0.00})";
            }
            var decides = interleaved?.ThroughputRatio(client, baseline, cpu: true) ?? bdnRatio;
            if (decides is null) continue;
            var wallRate = interleaved is null ? "" : $"; {1e9 / interleaved.MedianNs(client):0} vs {1e9 / interleaved.MedianNs(baseline):0} calls/s";
            text.AppendLine($"| Loopback throughput, {Describe(concurrency)}: client ÷ baseline | ≥ {ThroughputGoal:0.00}× | " +
                $"{(interleaved is null ? "—" : Interleaved(true))} | {(interleaved is null ? "—" : Interleaved(false) + wallRate)} | {reference} | {Met(decides.Value >= ThroughputGoal)} |");
        }

        var sign = Find(nameof(PieceBenchmarks), "Rsa_Sign");
        var verify = Find(nameof(PieceBenchmarks), "Rsa_Verify");
        var clients = InterleavedGoals.ClientStyles.Select(m => Find(nameof(PerCallBenchmarks), m)).Where(r => r is not null).Select(r => r!).ToList();
        double? bdnOverhead = null;
        var bdnText = "—";
        if (sign is not null && verify is not null && clients.Count > 0)
        {
            var worst = clients.OrderByDescending(c => c.MedianNs).First();
            bdnOverhead = (worst.MedianNs - sign.MedianNs - verify.MedianNs) / 1000;
            bdnText = $"{bdnOverhead:0.0} µs ({worst.Method})";
        }
        if (interleaved is not null || bdnOverhead is not null)
        {
            string Overhead(bool cpu)
            {
                var worst = InterleavedGoals.ClientStyles.OrderByDescending(c => interleaved!.BeyondRsaMicroseconds(c, cpu)).First();
                var rsa = (interleaved!.MedianNs("Rsa_Sign", cpu) + interleaved.MedianNs("Rsa_Verify", cpu)) / 1000;
                return $"{interleaved.BeyondRsaMicroseconds(worst, cpu):0.0} µs ({worst}; RSA sign + verify {rsa:0} µs; hand-written HttpClient POST {interleaved.BeyondRsaMicroseconds("Baseline_HttpClient_Post", cpu):0.0} µs)";
            }
            var decides = interleaved is null ? bdnOverhead!.Value
                : InterleavedGoals.ClientStyles.Max(c => interleaved.BeyondRsaMicroseconds(c, cpu: true));
            text.AppendLine($"| Overhead beyond the RSA work (call − sign − verify), worst style | ≤ {OverheadGoalMicroseconds:0} µs | " +
                $"{(interleaved is null ? "—" : Overhead(true))} | {(interleaved is null ? "—" : Overhead(false))} | {bdnText} | {Met(decides <= OverheadGoalMicroseconds)} |");
        }

        var allocating = clients.Where(c => c.Allocated.HasValue).OrderByDescending(c => c.Allocated).FirstOrDefault();
        var flurl = Find(nameof(PerCallBenchmarks), "Baseline_Flurl_Post");
        if (allocating is not null)
            text.AppendLine($"| Allocated per call, worst style | ≤ {AllocationGoalBytes / 1024} KB | — | — | {Bytes(allocating.Allocated)} ({allocating.Method}; hand-written Flurl POST {Bytes(flurl?.Allocated)}) | {Met(allocating.Allocated <= AllocationGoalBytes)} |");

        var lookups = new[] { Find(nameof(PieceBenchmarks), "Catalog_Find_Post"), Find(nameof(PieceBenchmarks), "Catalog_Find_Get") }.Where(r => r is not null).Select(r => r!).ToList();
        if (lookups.Count > 0)
        {
            var slowest = lookups.OrderByDescending(r => r.MedianNs).First();
            text.AppendLine($"| Catalog lookup (`OperationCatalog.Default.Find`), slowest | ≤ {CatalogGoalMicroseconds:0} µs | — | — | {Time(slowest.MedianNs)} ({slowest.Method}) | {Met(slowest.MedianNs / 1000 <= CatalogGoalMicroseconds)} |");
        }
    }

    // The same call by a 国密 merchant beside the RSA one (Client_Sm2_ChainMethod_* and Client_ChainMethod_*), and the scheme pieces.
    private static void AppendSm2(StringBuilder text, List<Result> results, InterleavedGoals? interleaved)
    {
        Result? Find(string type, string method) => results.FirstOrDefault(r => r.Type == type && r.Method == method);
        var rows = new List<string>();
        foreach (var sm2 in InterleavedGoals.Sm2Styles)
        {
            var rsa = sm2.Replace("_Sm2_", "_", StringComparison.Ordinal);
            var bdnRsa = Find(nameof(PerCallBenchmarks), rsa);
            var bdnSm2 = Find(nameof(PerCallBenchmarks), sm2);
            var hasInterleaved = interleaved is not null && interleaved.Wall.ContainsKey(sm2);
            if (bdnRsa is null && bdnSm2 is null && !hasInterleaved) continue;
            var ratio = "—";
            var cpu = "—";
            if (hasInterleaved)
            {
                var (median, q1, q3) = interleaved!.TimeRatio(sm2, rsa, cpu: true);
                ratio = $"{median:0.00}× ({q1:0.00}–{q3:0.00})";
                cpu = $"{Time(interleaved.MedianNs(rsa, cpu: true))} / {Time(interleaved.MedianNs(sm2, cpu: true))}";
            }
            rows.Add($"| {rsa} / {sm2} | {cpu} | {ratio} | {(bdnRsa is null ? "—" : Time(bdnRsa.MedianNs))} / {(bdnSm2 is null ? "—" : Time(bdnSm2.MedianNs))} | {Bytes(bdnRsa?.Allocated)} / {Bytes(bdnSm2?.Allocated)} |");
        }
        // The pieces: the library's RSA and 国密 work alone (interleaved: RSA sign and verify from PieceBenchmarks, the rest from SchemePieceBenchmarks).
        foreach (var (category, rsaPiece, sm2Piece) in new[]
        {
            ("Sign", "Rsa_Sign", "Sm2_Sign"), ("Verify", "Rsa_Verify", "Sm2_Verify"),
            ("Encrypt a field", "RsaOaep_Encrypt", "Sm2_Encrypt"), ("AEAD decrypt", "AesGcm_Decrypt", "Sm4Gcm_Decrypt"),
        })
        {
            var bdnRsa = Find(nameof(SchemePieceBenchmarks), rsaPiece);
            var bdnSm2 = Find(nameof(SchemePieceBenchmarks), sm2Piece);
            var hasInterleaved = interleaved is not null && interleaved.Wall.ContainsKey(rsaPiece) && interleaved.Wall.ContainsKey(sm2Piece);
            if (bdnRsa is null && bdnSm2 is null && !hasInterleaved) continue;
            var cpu = "—";
            var ratio = bdnRsa is null || bdnSm2 is null ? "—" : $"{bdnSm2.MedianNs / bdnRsa.MedianNs:0.00}× (BenchmarkDotNet medians)";
            if (hasInterleaved)
            {
                var (median, q1, q3) = interleaved!.TimeRatio(sm2Piece, rsaPiece, cpu: true);
                ratio = $"{median:0.00}× ({q1:0.00}–{q3:0.00})";
                cpu = $"{Time(interleaved.MedianNs(rsaPiece, cpu: true))} / {Time(interleaved.MedianNs(sm2Piece, cpu: true))}";
            }
            rows.Add($"| {category}: {rsaPiece} / {sm2Piece} | {cpu} | {ratio} | {(bdnRsa is null ? "—" : Time(bdnRsa.MedianNs))} / {(bdnSm2 is null ? "—" : Time(bdnSm2.MedianNs))} | {Bytes(bdnRsa?.Allocated)} / {Bytes(bdnSm2?.Allocated)} |");
        }
        if (rows.Count == 0) return;
        text.AppendLine("## 国密 beside RSA").AppendLine();
        text.AppendLine("| RSA / SM | Interleaved CPU per call, RSA / SM | SM ÷ RSA, interleaved CPU (rounds' quartiles) | BenchmarkDotNet medians, RSA / SM | Allocated, RSA / SM |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var row in rows) text.AppendLine(row);
        text.AppendLine();
    }

    private static string Describe(string concurrency) => concurrency == "Sequential" ? "sequential" : $"{LoopbackBenchmarks.Concurrency} concurrent";

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string Time(double ns) => ns >= 1000
        ? (ns / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " µs"
        : ns.ToString("0.0", CultureInfo.InvariantCulture) + " ns";

    private static string Bytes(long? bytes) => bytes is null ? "?" : bytes.Value >= 1024
        ? (bytes.Value / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) + " KB"
        : bytes.Value.ToString(CultureInfo.InvariantCulture) + " B";
}
