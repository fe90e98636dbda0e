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

    // A nested `dotnet build`, `pack` or `run` starts no server that outlives it (MSBuild's reusable nodes, the MSBuild
    // server, the compiler server): such a server inherits the redirected output and holds it open for as long as it lives,
    // so reading that output to its end would wait for the server, not the process, and it would outlive the test.
    private static readonly KeyValuePair<string, string>[] NoBuildServers =
    {
        new("MSBUILDDISABLENODEREUSE", "1"),
        new("DOTNET_CLI_USE_MSBUILD_SERVER", "0"),
        new("UseSharedCompilation", "false"),
    };

    /// <summary>A start for <paramref name="file"/> with its output redirected, without the test host's MSBuild variables,
    /// and starting no build server.</summary>
    public static ProcessStartInfo Start(string file, IEnumerable<string> args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var name in HostVariables) start.Environment.Remove(name);
        foreach (var pair in NoBuildServers) start.Environment[pair.Key] = pair.Value;
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    /// <summary>Runs the process to its end, writing <paramref name="input"/> (when given) to its standard input and closing it.</summary>
    /// <returns>The exit code and what the process wrote to standard output and standard error; a failure when it, or anything
    /// it started that still holds its output, outlives <paramref name="timeout"/>.</returns>
    public static async Task<(int Exit, string Out, string Error)> RunAsync(ProcessStartInfo start, TimeSpan timeout, string? input = null)
    {
        start.RedirectStandardInput = input is not null;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Describe(start)} did not finish in {timeout.TotalSeconds:0} s");
        }
        var rest = timeout - clock.Elapsed;
        try
        {
            await Task.WhenAll(output, error).WaitAsync(rest > TimeSpan.FromSeconds(5) ? rest : TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{Describe(start)} exited, but a process it started still holds its output open");
        }
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Runs a process that must succeed; returns its standard output.</summary>
    public static async Task<string> SucceedAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        var (exit, output, error) = await RunAsync(start, timeout);
        Assert.That(exit, Is.EqualTo(0), $"{Describe(start)}:\n{output}\n{error}");
        return output;
    }

    private static string Describe(ProcessStartInfo start) => $"{start.FileName} {string.Join(' ', start.ArgumentList)}";
}
