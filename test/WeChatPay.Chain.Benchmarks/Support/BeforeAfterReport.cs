using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using BenchmarkDotNet.Reports;
using WeChatPay.Chain.Benchmarks.Baselines;

namespace WeChatPay.Chain.Benchmarks.Support;

/// <summary>
/// The before/after comparison of one run (<c>--compare</c>): BenchmarkDotNet's <see cref="BeforeAfterBenchmarks"/>
/// (mean time and exact allocation per call, each build in processes of its own), then both builds loaded side by
/// side in this process and measured <see cref="Interleaved"/> with the hand-written baseline and the raw RSA work,
/// so that after ÷ before is taken per round under the same load. Writes markdown.
/// </summary>
internal static class BeforeAfterReport
{
    private static readonly string[] Calls = { "Post", "Get" };

    private sealed record Result(string Build, string Method, double MeanNs, double MedianNs, double ErrorNs, long? Allocated);

    /// <summary>Both builds and the baseline interleaved in this process: CPU and wall-clock nanoseconds per call, per subject and round.</summary>
    public static Measured Measure(int rounds)
    {
        using var handler = InstantHandler.Rsa();
        using var before = SubjectBuild.Load("before", SubjectBuild.Folder("before"), handler);
        using var after = SubjectBuild.Load("after", SubjectBuild.Folder("after"), handler);
        using var baseline = new HandWrittenClient(new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(WeChatPayOptions.DefaultBaseUrl) }, BenchKeys.Options());
        var pieces = new PieceBenchmarks();
        pieces.Setup();
        try
        {
            foreach (var build in new[] { before, after })
            {
                Check.Answer(build.PostBody().GetAwaiter().GetResult(), Payloads.PostAnswer);
                Check.Answer(build.GetBody().GetAwaiter().GetResult(), Payloads.GetAnswer);
            }
            Task Post() => baseline.PostAsync(Payloads.PostPath, Payloads.PostBody);
            Task Get() => baseline.GetAsync(Payloads.GetPath, "mchid", BenchKeys.MerchantId);
            var (wall, cpu, allocated) = new Interleaved()
                .Add("Rsa_Sign", () => { pieces.Rsa_Sign(); return Task.CompletedTask; })
                .Add("Rsa_Verify", () => { pieces.Rsa_Verify(); return Task.CompletedTask; })
                .Add("Baseline_Post", Post)
                .Add("Baseline_Get", Get)
                .Add("before_Post", before.Post)
                .Add("after_Post", after.Post)
                .Add("before_Get", before.Get)
                .Add("after_Get", after.Get)
                .Run(rounds, blockMilliseconds: 10);
            return new Measured(wall, cpu, allocated, new Dictionary<string, string> { ["before"] = before.LibraryVersion, ["after"] = after.LibraryVersion });
        }
        finally
        {
            pieces.Cleanup();
        }
    }

    public static string Build(IReadOnlyList<Summary> summaries, int rounds, Measured? interleaved, string? loadBefore, string? loadAfter)
    {
        var results = summaries.SelectMany(s => s.Reports)
            .Where(r => r.Success && r.ResultStatistics is not null)
            .Select(r => new Result(
                (string)r.BenchmarkCase.Parameters["Build"],
                r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                r.ResultStatistics!.Mean,
                r.ResultStatistics.Median,
                r.ResultStatistics.ConfidenceInterval.Margin,
                r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase)))
            .ToList();

        var text = new StringBuilder();
        text.AppendLine("# Per call, before and after").AppendLine();
        var host = summaries.Count > 0 ? summaries[0].HostEnvironmentInfo : null;
        if (host is not null) text.AppendLine($"- {host.Cpu.Value}");
        text.AppendLine($"- {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}{(host is null ? "" : ", SDK " + host.DotNetSdkVersion.Value)}, {Environment.ProcessorCount} logical cores");
        text.AppendLine($"- Run finished {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; load average (1 / 5 / 15 min) before: {loadBefore}; after: {loadAfter}");
        if (interleaved is not null)
            foreach (var pair in interleaved.Versions) text.AppendLine($"- {pair.Key}: WeChatPay.Chain {pair.Value}");
        text.AppendLine();

        if (results.Count > 0)
        {
            text.AppendLine("## BenchmarkDotNet (each build in processes of its own)").AppendLine();
            text.AppendLine("| Call | Build | Mean | ± 99.9% CI | Median | Allocated |");
            text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
            foreach (var r in results.OrderBy(r => r.Method, StringComparer.Ordinal).ThenByDescending(r => r.Build, StringComparer.Ordinal))
                text.AppendLine($"| {r.Method} | {r.Build} | {Time(r.MeanNs)} | {Time(r.ErrorNs)} | {Time(r.MedianNs)} | {Bytes(r.Allocated)} |");
            text.AppendLine();
            text.AppendLine("| Call | Mean, after ÷ before | Allocated, after − before |");
            text.AppendLine("| --- | ---: | ---: |");
            foreach (var method in results.Select(r => r.Method).Distinct())
            {
                var b = results.FirstOrDefault(r => r.Method == method && r.Build == "before");
                var a = results.FirstOrDefault(r => r.Method == method && r.Build == "after");
                if (a is null || b is null) continue;
                text.AppendLine(Invariant($"| {method} | {a.MeanNs / b.MeanNs:0.000}× | {(a.Allocated - b.Allocated):+0;-0;0} B |"));
            }
            text.AppendLine();
        }

        if (interleaved is not null)
        {
            var (wall, cpu, allocated, _) = interleaved;
            text.AppendLine($"## Interleaved, both builds in one process ({rounds} rounds)").AppendLine();
            text.AppendLine("Medians over rounds; \"beyond the RSA work\" is call − RSA sign − RSA verify per round; after ÷ before per round, with the rounds' quartiles.").AppendLine();
            text.AppendLine("| Call | before, CPU | after, CPU | after ÷ before, CPU (Q1–Q3) | after ÷ before, wall | beyond the RSA work, before / after (CPU) | hand-written `HttpClient`, CPU (beyond RSA) | allocated on the calling thread, before / after |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var call in Calls)
            {
                var (q1, q3) = Quartiles(Ratios(cpu, "after_" + call, "before_" + call));
                text.AppendLine(
                    Invariant($"| {call.ToUpperInvariant()} | {Time(Median(cpu["before_" + call]))} | {Time(Median(cpu["after_" + call]))} | ") +
                    Invariant($"{Median(Ratios(cpu, "after_" + call, "before_" + call)):0.000}× ({q1:0.000}–{q3:0.000}) | {Median(Ratios(wall, "after_" + call, "before_" + call)):0.000}× | ") +
                    Invariant($"{Beyond(cpu, "before_" + call):0.0} / {Beyond(cpu, "after_" + call):0.0} µs | {Time(Median(cpu["Baseline_" + call]))} ({Beyond(cpu, "Baseline_" + call):0.0} µs) | ") +
                    Invariant($"{Median(allocated["before_" + call]):N0} / {Median(allocated["after_" + call]):N0} B |"));
            }
            text.AppendLine();
            text.AppendLine(Invariant($"RSA sign {Time(Median(cpu["Rsa_Sign"]))}, RSA verify {Time(Median(cpu["Rsa_Verify"]))} (CPU, same rounds)."));
        }
        return text.ToString();
    }

    /// <summary>Per subject and round: CPU and wall-clock nanoseconds and bytes allocated per call; the builds' library versions.</summary>
    internal sealed record Measured(Dictionary<string, double[]> Wall, Dictionary<string, double[]> Cpu, Dictionary<string, double[]> Allocated,
        Dictionary<string, string> Versions);

    private static double[] Ratios(Dictionary<string, double[]> samples, string numerator, string denominator) =>
        samples[numerator].Zip(samples[denominator], (n, d) => n / d).ToArray();

    private static double Beyond(Dictionary<string, double[]> samples, string subject) =>
        Median(Enumerable.Range(0, samples[subject].Length).Select(r => samples[subject][r] - samples["Rsa_Sign"][r] - samples["Rsa_Verify"][r])) / 1000;

    private static double Median(IEnumerable<double> values) => Interleaved.Median(values);

    private static (double Q1, double Q3) Quartiles(double[] values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return (sorted[sorted.Length / 4], sorted[(3 * sorted.Length) / 4]);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static string Time(double ns) => ns >= 1000
        ? (ns / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " µs"
        : ns.ToString("0.0", CultureInfo.InvariantCulture) + " ns";

    private static string Bytes(long? bytes) => bytes is null ? "?" : bytes.Value.ToString("N0", CultureInfo.InvariantCulture) + " B";
}
