using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;

namespace WeChatPay.Chain.Benchmarks.Support
{
    /// <summary>
    /// Turns one run's summaries into markdown: every result (mean, error, allocation, ratio to its category's baseline)
    /// and the goals of issue 4 computed from the same run.
    /// </summary>
    internal static class GoalReport
    {
        private const double OverheadGoalMicroseconds = 30;
        private const long AllocationGoalBytes = 24 * 1024;
        private const double CatalogGoalMicroseconds = 1;
        private const double ThroughputGoal = 0.95;

        private static readonly string[] ClientCalls =
        {
            "Client_DynamicChain_Post", "Client_Indexer_Post", "Client_ChainMethod_Post",
            "Client_DynamicChain_Get", "Client_Indexer_Get", "Client_ChainMethod_Get",
        };

        // Goals use the median: on a shared machine, bursts of other work inflate a few iterations and the mean with them.
        private sealed record Result(string Type, string Method, string Category, double MeanNs, double MedianNs, double ErrorNs, long? Allocated, bool IsBaseline)
        {
            public double Ns => MedianNs;
        }

        public static string Build(IReadOnlyList<Summary> summaries, string? loadBefore, string? loadAfter)
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
            var host = summaries[0].HostEnvironmentInfo;
            text.Append("    ").AppendLine(BenchmarkDotNet.Environments.HostEnvironmentInfo.GetInformation());
            text.Append("    ").AppendLine($"{host.Cpu.Value}");
            text.Append("    ").AppendLine($"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} ({host.RuntimeVersion}), SDK {host.DotNetSdkVersion.Value}");
            text.Append("    ").AppendLine($"Run at {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} logical cores");
            if (loadBefore is not null)
                text.Append("    ").AppendLine($"Load average (1/5/15 min) before the run: {loadBefore}; after: {loadAfter}");
            text.AppendLine();

            text.AppendLine("## Goals (issue 4), from this run").AppendLine();
            text.AppendLine("Computed from the medians of this one run (a shared machine's bursts of other work inflate means).").AppendLine();
            text.AppendLine("| Goal | Target | Measured | Met |");
            text.AppendLine("| --- | --- | --- | --- |");
            AppendGoals(text, results);
            text.AppendLine();

            text.AppendLine("## Results").AppendLine();
            text.AppendLine("| Benchmark | Category | Mean | ± 99.9% CI | Median | Allocated | Median ratio to baseline |");
            text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var result in results)
            {
                var baseline = results.FirstOrDefault(r => r.IsBaseline && r.Type == result.Type && r.Category == result.Category);
                var ratio = baseline is null ? "" : (result.Ns / baseline.Ns).ToString("0.00", CultureInfo.InvariantCulture);
                text.AppendLine($"| {result.Type}.{result.Method} | {result.Category} | {Time(result.MeanNs)} | {Time(result.ErrorNs)} | {Time(result.MedianNs)} | {Bytes(result.Allocated)} | {ratio} |");
            }
            return text.ToString();
        }

        private static void AppendGoals(StringBuilder text, List<Result> results)
        {
            Result? Find(string type, string method) => results.FirstOrDefault(r => r.Type == type && r.Method == method);

            foreach (var concurrency in new[] { "Sequential", "Concurrent16" })
            {
                var baseline = Find(nameof(LoopbackBenchmarks), "Baseline_" + concurrency);
                var client = Find(nameof(LoopbackBenchmarks), "Client_" + concurrency);
                if (baseline is null || client is null) continue;
                var ratio = baseline.Ns / client.Ns;
                text.AppendLine($"| Loopback throughput, {concurrency}: client / baseline | ≥ {ThroughputGoal:0.00}× | {ratio:0.000}× ({1e9 / client.Ns:0} vs {1e9 / baseline.Ns:0} calls/s) | {Met(ratio >= ThroughputGoal)} |");
            }

            var sign = Find(nameof(PieceBenchmarks), "Rsa_Sign");
            var verify = Find(nameof(PieceBenchmarks), "Rsa_Verify");
            var clients = ClientCalls.Select(m => Find(nameof(PerCallBenchmarks), m)).Where(r => r is not null).Select(r => r!).ToList();
            if (sign is not null && verify is not null && clients.Count > 0)
            {
                var rsa = sign.Ns + verify.Ns;
                var worst = clients.OrderByDescending(c => c.Ns).First();
                var best = clients.OrderBy(c => c.Ns).First();
                var overhead = (worst.Ns - rsa) / 1000;
                text.AppendLine($"| Overhead beyond the RSA work (call − sign − verify), worst style | ≤ {OverheadGoalMicroseconds:0} µs | {overhead:0.0} µs ({worst.Method}; best {(best.Ns - rsa) / 1000:0.0} µs, {best.Method}; RSA {rsa / 1000:0.0} µs) | {Met(overhead <= OverheadGoalMicroseconds)} |");
                foreach (var baselineName in new[] { "Baseline_HttpClient_Post", "Baseline_HttpClient_Get" })
                {
                    var baseline = Find(nameof(PerCallBenchmarks), baselineName);
                    if (baseline is not null)
                        text.AppendLine($"| (reference) {baselineName} beyond the RSA work | — | {(baseline.Ns - rsa) / 1000:0.0} µs | — |");
                }
            }

            var allocating = clients.Where(c => c.Allocated.HasValue).OrderByDescending(c => c.Allocated).FirstOrDefault();
            if (allocating is not null)
                text.AppendLine($"| Allocated per call, worst style | ≤ {AllocationGoalBytes / 1024} KB | {Bytes(allocating.Allocated)} ({allocating.Method}) | {Met(allocating.Allocated <= AllocationGoalBytes)} |");

            var lookups = new[] { Find(nameof(PieceBenchmarks), "Catalog_Find_Post"), Find(nameof(PieceBenchmarks), "Catalog_Find_Get") }.Where(r => r is not null).Select(r => r!).ToList();
            if (lookups.Count > 0)
            {
                var slowest = lookups.OrderByDescending(r => r.Ns).First();
                text.AppendLine($"| Catalog lookup (`OperationCatalog.Default.Find`), slowest | ≤ {CatalogGoalMicroseconds:0} µs | {Time(slowest.Ns)} ({slowest.Method}) | {Met(slowest.Ns / 1000 <= CatalogGoalMicroseconds)} |");
            }
        }

        private static string Met(bool met) => met ? "yes" : "**no**";

        private static string Time(double ns) => ns >= 1000
            ? (ns / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " µs"
            : ns.ToString("0.0", CultureInfo.InvariantCulture) + " ns";

        private static string Bytes(long? bytes) => bytes is null ? "?" : bytes.Value >= 1024
            ? (bytes.Value / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) + " KB"
            : bytes.Value.ToString(CultureInfo.InvariantCulture) + " B";
    }
}
