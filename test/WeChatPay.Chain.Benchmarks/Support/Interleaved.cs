using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Benchmarks.Support;

/// <summary>
/// Interleaved measurement for the goals that compare times: every round runs a short block of each subject, in a
/// shuffled order, so that the client, the baseline and the RSA pieces share the machine's conditions of that
/// moment. Differences and ratios are taken per round and summarised by their median. BenchmarkDotNet measures one
/// benchmark after another, minutes apart; on a shared machine whose load changes over minutes, ratios between such
/// separate measurements say more about the load than about the code. Each block is timed twice: wall-clock, and the
/// CPU time of this whole process (user + kernel, all threads: client, in-process server, GC), which other processes'
/// load does not inflate.
/// </summary>
internal sealed class Interleaved
{
    private readonly List<(string Name, Func<Task> Block, int Operations)> _subjects = new();

    /// <summary>Adds a subject: <paramref name="block"/> runs <paramref name="operations"/> operations (calls) once.</summary>
    public Interleaved Add(string name, Func<Task> block, int operations = 1)
    {
        _subjects.Add((name, block, operations));
        return this;
    }

    /// <summary>Runs <paramref name="rounds"/> measured rounds (after two unmeasured ones) of blocks of about
    /// <paramref name="blockMilliseconds"/> each; returns wall-clock and process-CPU nanoseconds per operation, per subject and
    /// round, and the bytes allocated per operation on the measuring thread (all of a call that completes synchronously,
    /// as in process; none of the JIT's or other threads' work).</summary>
    public (Dictionary<string, double[]> Wall, Dictionary<string, double[]> Cpu, Dictionary<string, double[]> Allocated) Run(int rounds, double blockMilliseconds)
    {
        // Calibrate: how many repetitions of each block fill the block time.
        var repetitions = new int[_subjects.Count];
        for (var i = 0; i < _subjects.Count; i++)
        {
            var once = Time(_subjects[i].Block, 1).Wall;
            once = Math.Min(once, Time(_subjects[i].Block, 1).Wall);
            repetitions[i] = Math.Max(1, (int)(blockMilliseconds * 1e6 / Math.Max(once, 1)));
        }

        var wall = _subjects.ToDictionary(s => s.Name, _ => new double[rounds]);
        var cpu = _subjects.ToDictionary(s => s.Name, _ => new double[rounds]);
        var allocated = _subjects.ToDictionary(s => s.Name, _ => new double[rounds]);
        var random = new Random(20251122);
        var order = Enumerable.Range(0, _subjects.Count).ToArray();
        for (var round = -2; round < rounds; round++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var (wallNs, cpuNs, bytes) = Time(_subjects[i].Block, repetitions[i]);
                var operations = repetitions[i] * (double)_subjects[i].Operations;
                if (round < 0) continue;
                wall[_subjects[i].Name][round] = wallNs / operations;
                cpu[_subjects[i].Name][round] = cpuNs / operations;
                allocated[_subjects[i].Name][round] = bytes / operations;
            }
        }
        return (wall, cpu, allocated);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return double.NaN;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static (double Wall, double Cpu, double Allocated) Time(Func<Task> block, int repetitions)
    {
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        for (var r = 0; r < repetitions; r++)
            block().GetAwaiter().GetResult();
        var wall = watch.Elapsed;
        return (wall.TotalMilliseconds * 1e6, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds * 1e6, GC.GetAllocatedBytesForCurrentThread() - bytes);
    }
}
