using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using NUnit.Framework;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>The built <c>wxpay</c> tool (copied next to the tests), run as a real process with its own environment.</summary>
internal static class Tool
{
    public static string Assembly => Path.Combine(TestContext.CurrentContext.TestDirectory, "wxpay.dll");

    public static ProcessStartInfo Start(IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in new List<string>(start.Environment.Keys))
            if (name.StartsWith("WECHATPAY_", StringComparison.Ordinal)) start.Environment.Remove(name);
        start.Environment["NO_COLOR"] = "1";
        if (environment is not null)
            foreach (var pair in environment) start.Environment[pair.Key] = pair.Value;
        return start;
    }

    /// <returns>The exit code and what the tool wrote to standard output and standard error.</returns>
    public static async Task<(int Exit, string Out, string Error)> RunAsync(IDictionary<string, string?>? environment, params string[] args)
    {
        using var process = Process.Start(Start(args, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"wxpay {string.Join(' ', args)} did not finish in 60 s");
        }
        return (process.ExitCode, await output, await error);
    }

    public static Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) => RunAsync(null, args);
}
