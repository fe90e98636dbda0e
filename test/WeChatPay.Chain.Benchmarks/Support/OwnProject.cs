using System;
using System.Diagnostics;
using System.IO;

namespace WeChatPay.Chain.Benchmarks.Support;

/// <summary>
/// A cold-start child that is a project of its own, built beside the benchmarks: the in-box caller
/// (WeChatPay.Chain.Benchmarks.InBox: System.Text.Json, System.Security.Cryptography and HttpClient only) and the one-call
/// script on this library (WeChatPay.Chain.Benchmarks.Script). Each gets the keys' files and one answer signed now (each
/// checks the clock as a real caller does) in a temporary file, so that neither pays for the harness's own work; so does
/// the Node SDK's one-call script (<see cref="NodeScript"/>).
/// </summary>
internal static class OwnProject
{
    /// <summary>The start of <paramref name="project"/>'s program with <paramref name="first"/> (when given) before the keys and the answer.</summary>
    public static ProcessStartInfo Prepare(string project, string? first = null)
    {
        // artifacts/bin/WeChatPay.Chain.Benchmarks/<configuration>/ -> artifacts/bin/<project>/<configuration>/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(output.Parent!.Parent!.FullName, project, output.Name, project + ".dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"{project} is not built (it is built with the benchmarks).", dll);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        if (first is not null) start.ArgumentList.Add(first);
        foreach (var argument in Arguments()) start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>A child's last arguments: the merchant key, the platform public key and an answer signed within the last minute (written now when older).</summary>
    public static string[] Arguments()
    {
        var answer = Path.Combine(Path.GetTempPath(), "wxpay-cold-answer.json");
        if (!File.Exists(answer) || File.GetLastWriteTimeUtc(answer) < DateTime.UtcNow.AddMinutes(-1))
        {
            using var platformKey = BenchKeys.Load("platform_key.pem");
            File.WriteAllText(answer, SignedAnswer.Create(Payloads.PostAnswer, platformKey, DateTimeOffset.UtcNow).ToJson());
        }
        return new[] { BenchKeys.MerchantKeyPath, BenchKeys.PlatformPublicKeyPath, answer };
    }
}
