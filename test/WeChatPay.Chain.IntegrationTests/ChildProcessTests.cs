using System;
using System.Diagnostics;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// The helper every process-starting test goes through: a process that exits while something it started still holds its
/// output (an MSBuild node, a compiler server) fails the test within its time instead of holding the run until CI stops it.
/// </summary>
public class ChildProcessTests
{
    [Test]
    public void A_process_whose_child_outlives_it_holding_its_output_fails_in_bounded_time()
    {
        var start = ChildProcess.Start("sh", new[] { "-c", "sleep 60 & echo started" });
        var clock = Stopwatch.StartNew();

        var failure = Assert.ThrowsAsync<AssertionException>(() => ChildProcess.RunAsync(start, TimeSpan.FromSeconds(2)));

        Assert.That(failure!.Message, Does.Contain("exited, but a process it started still holds its output open"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(50)), "not until the child ended");
    }

    [Test]
    public async Task A_child_gets_the_settings_under_which_dotnet_starts_no_build_server()
    {
        var (exit, output, _) = await ChildProcess.RunAsync(ChildProcess.Start("sh", new[] { "-c", "env" }), TimeSpan.FromSeconds(30));

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(output, Does.Contain("MSBUILDDISABLENODEREUSE=1\n").And.Contain("DOTNET_CLI_USE_MSBUILD_SERVER=0\n").And.Contain("UseSharedCompilation=false\n"));
    }

    [Test]
    public async Task Input_is_written_and_closed()
    {
        var (exit, output, _) = await ChildProcess.RunAsync(ChildProcess.Start("cat", Array.Empty<string>()), TimeSpan.FromSeconds(30), "a\nb\n");

        Assert.That((exit, output), Is.EqualTo((0, "a\nb\n")));
    }
}
