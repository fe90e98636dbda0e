using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using WeChatPay.Chain.Benchmarks.Support;

namespace WeChatPay.Chain.Benchmarks;

/// <summary>
/// Runs every benchmark (or those a <c>--filter</c> names) in one go, then the interleaved measurement of the time
/// goals, and writes the goals of issue 4 as ratios of this one run to <c>goals.md</c> in the results folder.
/// <c>dotnet cake --target=Bench</c> passes <c>--artifacts artifacts/benchmarks</c>. Own options:
/// <c>--interleaved-only</c> (skip BenchmarkDotNet), <c>--no-interleaved</c>, <c>--rounds N</c> (default 100),
/// <c>--loopback-only</c> (only the interleaved loopback measurement; prints its ratios, writes no goals),
/// <c>--solo SUBJECT SECONDS</c> (one loopback subject, e.g. <c>Client_Sequential</c>, one call at a time: 3 s of
/// warm-up, prints <c>SOLO-START</c>, then calls for SECONDS and prints its CPU and wall clock per call; for attaching
/// a profiler such as <c>perf record -p</c> to one subject), <c>--cold-start N</c> (start-up in fresh processes, see
/// <see cref="ColdStart"/>), <c>--startup-phases</c> (where start-up goes, see <see cref="StartupPhases"/>),
/// <c>--compare --before-build DIR --after-build DIR</c> (only the per-call comparison of two builds of
/// <c>test/WeChatPay.Chain.Benchmarks.Subject</c>, see <see cref="BeforeAfterBenchmarks"/>; writes <c>before-after.md</c>
/// instead of the goals; the Bench target's <c>--before=&lt;commit&gt;</c> makes the builds and passes them).
/// Exit code 1 only when a benchmark failed to run; a missed goal is reported, not failed.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var list = args.ToList();
        var interleavedOnly = Take(list, "--interleaved-only");
        var noInterleaved = Take(list, "--no-interleaved");
        var loopbackOnly = Take(list, "--loopback-only");
        var compare = Take(list, "--compare");
        foreach (var label in new[] { "before", "after" })
        {
            var build = TakeValue(list, "--" + label + "-build");
            if (build is not null) Environment.SetEnvironmentVariable(SubjectBuild.Variable(label), Path.GetFullPath(build)); // BenchmarkDotNet's processes inherit it
        }
        var rounds = 100;
        var at = list.IndexOf("--rounds");
        if (at >= 0 && at + 1 < list.Count)
        {
            rounds = int.Parse(list[at + 1], System.Globalization.CultureInfo.InvariantCulture);
            list.RemoveRange(at, 2);
        }
        if (!list.Any(a => a == "--filter" || a == "-f" || a == "--list" || a == "--info" || a == "--help"))
            list.AddRange(new[] { "--filter", "*" });

        if (list.Contains("--startup-phases")) return StartupPhases.Run();
        var cold = list.IndexOf("--cold-start");
        if (cold >= 0 && cold + 1 < list.Count)
            return ColdStart.Run(int.Parse(list[cold + 1], System.Globalization.CultureInfo.InvariantCulture));
        var coldOnce = list.IndexOf("--cold-once");
        if (coldOnce >= 0 && coldOnce + 1 < list.Count)
            return ColdStart.OnceAsync(list[coldOnce + 1]).GetAwaiter().GetResult();

        var solo = list.IndexOf("--solo");
        if (solo >= 0 && solo + 2 < list.Count)
            return Solo(list[solo + 1], double.Parse(list[solo + 2], System.Globalization.CultureInfo.InvariantCulture));

        var loadBefore = LoadAverage();
        if (compare) return Compare(list, interleavedOnly, noInterleaved, rounds, loadBefore);
        if (loopbackOnly)
        {
            Console.WriteLine($"// Interleaved loopback measurement only: {rounds} rounds; load average before: {loadBefore}");
            Console.WriteLine(LoopbackReport(InterleavedGoals.Measure(rounds, loopbackOnly: true)));
            Console.WriteLine($"// Load average after: {LoadAverage()}");
            return 0;
        }
        var summaries = interleavedOnly
            ? new List<Summary>()
            : BenchmarkSwitcher.FromTypes(DefaultBenchmarks()).Run(list.ToArray()).ToList();
        if (list.Contains("--list") || list.Contains("--help") || list.Contains("--info")) return 0;

        InterleavedGoals? interleaved = null;
        if (!noInterleaved)
        {
            Console.WriteLine($"// Interleaved measurement of the time goals: {rounds} rounds");
            interleaved = InterleavedGoals.Measure(rounds);
        }

        var report = GoalReport.Build(summaries, interleaved, loadBefore, LoadAverage());
        var folder = summaries.Count > 0 ? summaries[0].ResultsDirectoryPath : Path.Combine(ArtifactsFolder(list), "results");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "goals.md");
        File.WriteAllText(path, report);
        Console.WriteLine();
        Console.WriteLine(report);
        Console.WriteLine($"Goals written to {path}");

        var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success) || s.Reports.Length == 0);
        return failed ? 1 : 0;
    }

    // Throughput ratios (baseline time / subject time, median over rounds) and medians per call, CPU time and wall clock.
    private static string LoopbackReport(InterleavedGoals run)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("| Subject | CPU per call | Wall per call | ÷ baseline, CPU (Q1–Q3) | ÷ baseline, wall |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var subject in run.Subjects)
        {
            var baseline = subject.EndsWith("_Sequential", StringComparison.Ordinal) ? "Baseline_Sequential" : "Baseline_Concurrent16";
            var (q1, q3) = run.ThroughputRatioQuartiles(subject, baseline, cpu: true);
            text.AppendLine(System.FormattableString.Invariant(
                $"| {subject} | {run.MedianNs(subject, cpu: true) / 1000:0.0} µs | {run.MedianNs(subject) / 1000:0.0} µs | {run.ThroughputRatio(subject, baseline, cpu: true):0.000}× ({q1:0.000}–{q3:0.000}) | {run.ThroughputRatio(subject, baseline):0.000}× |"));
        }
        return text.ToString();
    }

    // Two builds of the per-call subject, BenchmarkDotNet then interleaved; before-after.md in the results folder.
    private static int Compare(List<string> list, bool interleavedOnly, bool noInterleaved, int rounds, string? loadBefore)
    {
        var summaries = interleavedOnly
            ? new List<Summary>()
            : BenchmarkSwitcher.FromTypes(new[] { typeof(BeforeAfterBenchmarks) }).Run(list.ToArray()).ToList();
        if (list.Contains("--list") || list.Contains("--help") || list.Contains("--info")) return 0;
        if (!noInterleaved) Console.WriteLine($"// Interleaved comparison of the two builds: {rounds} rounds");
        var interleaved = noInterleaved ? null : BeforeAfterReport.Measure(rounds);
        var report = BeforeAfterReport.Build(summaries, rounds, interleaved, loadBefore, LoadAverage());
        var folder = summaries.Count > 0 ? summaries[0].ResultsDirectoryPath : Path.Combine(ArtifactsFolder(list), "results");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "before-after.md");
        File.WriteAllText(path, report);
        Console.WriteLine();
        Console.WriteLine(report);
        Console.WriteLine($"Comparison written to {path}");
        var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success) || s.Reports.Length == 0);
        return failed ? 1 : 0;
    }

    // Every benchmark class but the comparison, which needs two builds made beforehand (--compare).
    private static Type[] DefaultBenchmarks() => typeof(Program).Assembly.GetTypes()
        .Where(t => t.IsPublic && !t.IsAbstract && t != typeof(BeforeAfterBenchmarks)
            && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false)))
        .ToArray();

    private static bool Take(List<string> args, string flag) => args.Remove(flag);

    private static string? TakeValue(List<string> args, string option)
    {
        var at = args.IndexOf(option);
        if (at < 0 || at + 1 >= args.Count) return null;
        var value = args[at + 1];
        args.RemoveRange(at, 2);
        return value;
    }

    // One loopback subject alone, for a profiler to sample: no interleaving, so every sample belongs to it.
    private static int Solo(string subject, double seconds)
    {
        var benchmarks = new LoopbackBenchmarks();
        benchmarks.Setup();
        var method = typeof(LoopbackBenchmarks).GetMethod(subject)
            ?? throw new ArgumentException($"No loopback subject {subject}.", nameof(subject));
        void Call() => ((System.Threading.Tasks.Task)method.Invoke(benchmarks, null)!).GetAwaiter().GetResult();

        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < 3) Call();
        Console.WriteLine("SOLO-START");
        var cpu = Environment.CpuUsage.TotalTime;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var calls = 0;
        for (; watch.Elapsed.TotalSeconds < seconds; calls++) Call();
        var cpuMicroseconds = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds * 1000 / calls;
        Console.WriteLine(FormattableString.Invariant(
            $"SOLO {subject}: {calls} calls, CPU {cpuMicroseconds:F1} µs/call, wall {watch.Elapsed.TotalMilliseconds * 1000 / calls:F1} µs/call"));
        benchmarks.Cleanup();
        return 0;
    }

    private static string ArtifactsFolder(List<string> args)
    {
        var at = args.IndexOf("--artifacts");
        return at >= 0 && at + 1 < args.Count ? args[at + 1] : Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts");
    }

    // The 1, 5 and 15 minute load averages (Linux), to tell a quiet run from a busy one.
    private static string? LoadAverage()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path)) return null;
        return string.Join(" / ", File.ReadAllText(path).Split(' ').Take(3));
    }
}
