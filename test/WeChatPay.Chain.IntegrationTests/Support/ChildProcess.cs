using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using NUnit.Framework;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>A real process the tests start (dotnet, the tool, a script), run to its end with its output read.</summary>
internal static class ChildProcess
{
    // The test host's MSBuild variables would point a nested build at the wrong SDK pieces.
    private static readonly string[] HostVariables = { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "VSTEST_HOST_DEBUG" };

    /// <summary>A start for <paramref name="file"/> with its output redirected and without the test host's MSBuild variables.</summary>
    public static ProcessStartInfo Start(string file, IEnumerable<string> args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var name in HostVariables) start.Environment.Remove(name);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    /// <returns>The exit code and what the process wrote to standard output and standard error; a failure when it outlives <paramref name="timeout"/>.</returns>
    public static async Task<(int Exit, string Out, string Error)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish in {timeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Runs a process that must succeed; returns its standard output.</summary>
    public static async Task<string> SucceedAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        var (exit, output, error) = await RunAsync(start, timeout);
        Assert.That(exit, Is.EqualTo(0), $"{start.FileName} {string.Join(' ', start.ArgumentList)}:\n{output}\n{error}");
        return output;
    }
}
