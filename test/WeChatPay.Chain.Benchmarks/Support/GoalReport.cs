using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;

namespace WeChatPay.Chain.Benchmarks.Support
{
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
                text.AppendLine($"Time goals: medians over {interleaved.Rounds} interleaved rounds (client, baseline and RSA pieces measured side by side in shuffled blocks); BenchmarkDotNet's medians, measured one benchmark after another, for reference.").AppendLine();
            text.AppendLine("| Goal | Target | Measured (decides) | BenchmarkDotNet medians | Met |");
            text.AppendLine("| --- | --- | --- | --- | --- |");
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
                text.AppendLine("| Subject | Median per call | Beyond the RSA work |");
                text.AppendLine("| --- | ---: | ---: |");
                foreach (var subject in interleaved.Samples.Keys)
                {
                    var beyond = subject.StartsWith("Client_", StringComparison.Ordinal) && !subject.Contains("Sequential") && !subject.Contains("Concurrent")
                        || subject.StartsWith("Baseline_HttpClient", StringComparison.Ordinal) || subject.StartsWith("Baseline_Flurl", StringComparison.Ordinal)
                        ? $"{interleaved.BeyondRsaMicroseconds(subject):0.0} µs" : "";
                    text.AppendLine($"| {subject} | {Time(interleaved.MedianNs(subject))} | {beyond} |");
                }
            }
            return text.ToString();
        }

        private static void AppendGoals(StringBuilder text, List<Result> results, InterleavedGoals? interleaved)
        {
            Result? Find(string type, string method) => results.FirstOrDefault(r => r.Type == type && r.Method == method);

            foreach (var concurrency in new[] { "Sequential", "Concurrent16" })
            {
                var baseline = Find(nameof(LoopbackBenchmarks), "Baseline_" + concurrency);
                var client = Find(nameof(LoopbackBenchmarks), "Client_" + concurrency);
                var reference = baseline is null || client is null ? "—"
                    : $"{baseline.MedianNs / client.MedianNs:0.00}× ({1e9 / client.MedianNs:0} vs {1e9 / baseline.MedianNs:0} calls/s)";
                double? ratio = interleaved?.ThroughputRatio("Client_" + concurrency, "Baseline_" + concurrency)
                    ?? (baseline is null || client is null ? null : baseline.MedianNs / client.MedianNs);
                if (ratio is null) continue;
                var quartiles = interleaved?.ThroughputRatioQuartiles("Client_" + concurrency, "Baseline_" + concurrency);
                var measured = interleaved is null ? reference
                    : $"{ratio:0.000}× (quartiles of the rounds {quartiles!.Value.Q1:0.00}–{quartiles.Value.Q3:0.00}; {1e9 / interleaved.MedianNs("Client_" + concurrency):0} vs {1e9 / interleaved.MedianNs("Baseline_" + concurrency):0} calls/s)";
                text.AppendLine($"| Loopback throughput, {Describe(concurrency)}: client ÷ baseline | ≥ {ThroughputGoal:0.00}× | {measured} | {reference} | {Met(ratio.Value >= ThroughputGoal)} |");
            }

            var sign = Find(nameof(PieceBenchmarks), "Rsa_Sign");
            var verify = Find(nameof(PieceBenchmarks), "Rsa_Verify");
            var clients = InterleavedGoals.ClientStyles.Select(m => Find(nameof(PerCallBenchmarks), m)).Where(r => r is not null).Select(r => r!).ToList();
            string? bdnOverhead = null;
            double? overhead = null;
            if (sign is not null && verify is not null && clients.Count > 0)
            {
                var worst = clients.OrderByDescending(c => c.MedianNs).First();
                overhead = (worst.MedianNs - sign.MedianNs - verify.MedianNs) / 1000;
                bdnOverhead = $"{overhead:0.0} µs ({worst.Method})";
            }
            if (interleaved is not null)
            {
                var worst = InterleavedGoals.ClientStyles.OrderByDescending(interleaved.BeyondRsaMicroseconds).First();
                overhead = interleaved.BeyondRsaMicroseconds(worst);
                var rsa = (interleaved.MedianNs("Rsa_Sign") + interleaved.MedianNs("Rsa_Verify")) / 1000;
                text.AppendLine($"| Overhead beyond the RSA work (call − sign − verify), worst style | ≤ {OverheadGoalMicroseconds:0} µs | {overhead:0.0} µs ({worst}; RSA sign + verify {rsa:0} µs; hand-written baseline POST {interleaved.BeyondRsaMicroseconds("Baseline_HttpClient_Post"):0.0} µs) | {bdnOverhead ?? "—"} | {Met(overhead.Value <= OverheadGoalMicroseconds)} |");
            }
            else if (overhead is not null)
            {
                text.AppendLine($"| Overhead beyond the RSA work (call − sign − verify), worst style | ≤ {OverheadGoalMicroseconds:0} µs | {bdnOverhead} | {bdnOverhead} | {Met(overhead.Value <= OverheadGoalMicroseconds)} |");
            }

            var allocating = clients.Where(c => c.Allocated.HasValue).OrderByDescending(c => c.Allocated).FirstOrDefault();
            var flurl = Find(nameof(PerCallBenchmarks), "Baseline_Flurl_Post");
            if (allocating is not null)
                text.AppendLine($"| Allocated per call, worst style | ≤ {AllocationGoalBytes / 1024} KB | {Bytes(allocating.Allocated)} ({allocating.Method}; hand-written Flurl POST {Bytes(flurl?.Allocated)}) | same | {Met(allocating.Allocated <= AllocationGoalBytes)} |");

            var lookups = new[] { Find(nameof(PieceBenchmarks), "Catalog_Find_Post"), Find(nameof(PieceBenchmarks), "Catalog_Find_Get") }.Where(r => r is not null).Select(r => r!).ToList();
            if (lookups.Count > 0)
            {
                var slowest = lookups.OrderByDescending(r => r.MedianNs).First();
                text.AppendLine($"| Catalog lookup (`OperationCatalog.Default.Find`), slowest | ≤ {CatalogGoalMicroseconds:0} µs | {Time(slowest.MedianNs)} ({slowest.Method}) | same | {Met(slowest.MedianNs / 1000 <= CatalogGoalMicroseconds)} |");
            }
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
}
