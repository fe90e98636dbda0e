using System;
using System.Diagnostics;
using System.IO;

namespace WeChatPay.Chain.Benchmarks.Support;

/// <summary>
/// The in-box caller (project WeChatPay.Chain.Benchmarks.InBox: System.Text.Json, System.Security.Cryptography and HttpClient
/// only, no reference to this library) as a cold-start child: its start info, with the answer it gets signed now (it checks
/// the clock as a real caller does) in a temporary file.
/// </summary>
internal static class InBoxCaller
{
    public static ProcessStartInfo Prepare()
    {
        // artifacts/bin/WeChatPay.Chain.Benchmarks/<configuration>/ -> artifacts/bin/WeChatPay.Chain.Benchmarks.InBox/<configuration>/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(output.Parent!.Parent!.FullName, "WeChatPay.Chain.Benchmarks.InBox", output.Name, "WeChatPay.Chain.Benchmarks.InBox.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("The in-box caller is not built (it is built with the benchmarks).", dll);
        using var platformKey = BenchKeys.Load("platform_key.pem");
        var answer = Path.Combine(Path.GetTempPath(), "wxpay-inbox-answer.json");
        File.WriteAllText(answer, SignedAnswer.Create(Payloads.PostAnswer, platformKey, DateTimeOffset.UtcNow).ToJson());

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, BenchKeys.MerchantKeyPath, BenchKeys.PlatformPublicKeyPath, answer }) start.ArgumentList.Add(argument);
        return start;
    }
}
