using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>The built <c>wxpay</c> tool (copied next to the tests), run as a real process with its own environment.</summary>
internal static class Tool
{
    public static string Assembly => Path.Combine(TestContext.CurrentContext.TestDirectory, "wxpay.dll");

    /// <summary>A start for <c>dotnet wxpay.dll args</c>, with no <c>WECHATPAY_</c> variable but those given.</summary>
    public static ProcessStartInfo Start(IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        var start = ChildProcess.Start("dotnet", new[] { Assembly }.Concat(args));
        foreach (var name in new List<string>(start.Environment.Keys))
            if (name.StartsWith("WECHATPAY_", StringComparison.Ordinal)) start.Environment.Remove(name);
        if (environment is not null)
            foreach (var pair in environment) start.Environment[pair.Key] = pair.Value;
        return start;
    }

    /// <returns>The exit code and what the tool wrote to standard output and standard error.</returns>
    public static Task<(int Exit, string Out, string Error)> RunAsync(IDictionary<string, string?>? environment, params string[] args) =>
        ChildProcess.RunAsync(Start(args, environment), TimeSpan.FromSeconds(60));

    public static Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) => RunAsync(null, args);
}
