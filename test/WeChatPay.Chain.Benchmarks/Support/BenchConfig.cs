using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace WeChatPay.Chain.Benchmarks.Support;

/// <summary>
/// A short job (one launch, 3 warm-ups, <see cref="Iterations"/> measured iterations of ~100 ms) so that the whole
/// <c>dotnet cake --target=Bench</c> run takes a few minutes on two cores; ratios per category (each class adds <c>[MemoryDiagnoser]</c>).
/// </summary>
public class BenchConfig : ManualConfig
{
    protected virtual int Iterations => 15;

    public BenchConfig()
    {
        AddJob(Job.Default
            .WithId("Short")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(Iterations)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100)));
        AddColumn(CategoriesColumn.Default, StatisticColumn.Median);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}

/// <summary>More measured iterations for the loopback runs, whose noise is the largest and whose goal (0.95×) the tightest.</summary>
public sealed class LoopbackConfig : BenchConfig
{
    protected override int Iterations => 30;
}
