using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Running;
using WeChatPay.Chain.Benchmarks.Support;

namespace WeChatPay.Chain.Benchmarks
{
    /// <summary>
    /// Runs every benchmark (or those a <c>--filter</c> names) in one go, then writes the goals of issue 4 as ratios of
    /// this one run to <c>goals.md</c> in the results folder. <c>dotnet cake --target=Bench</c> passes
    /// <c>--artifacts artifacts/benchmarks</c>. Exit code 1 only when a benchmark failed to run; a missed goal is reported, not failed.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (!args.Any(a => a == "--filter" || a == "-f" || a == "--list" || a == "--info" || a == "--help"))
                args = args.Concat(new[] { "--filter", "*" }).ToArray();

            var loadBefore = LoadAverage();
            var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();
            if (summaries.Count == 0) return 0;

            var report = GoalReport.Build(summaries, loadBefore, LoadAverage());
            var folder = summaries[0].ResultsDirectoryPath;
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "goals.md");
            File.WriteAllText(path, report);
            Console.WriteLine();
            Console.WriteLine(report);
            Console.WriteLine($"Goals written to {path}");

            var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success) || s.Reports.Length == 0);
            return failed ? 1 : 0;
        }

        // The 1, 5 and 15 minute load averages (Linux), to tell a quiet run from a busy one.
        private static string? LoadAverage()
        {
            const string path = "/proc/loadavg";
            if (!File.Exists(path)) return null;
            return string.Join(" / ", File.ReadAllText(path).Split(' ').Take(3));
        }
    }
}
