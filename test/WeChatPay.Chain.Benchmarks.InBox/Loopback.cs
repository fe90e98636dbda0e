using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Benchmarks.InBox;

/// <summary>
/// The in-box caller over a real socket: the yardstick for the <c>wxpay</c> tool, which calls a running sandbox on
/// loopback. The client configuration is the sandbox's (<c>wxpay sandbox --json</c>: merchant id, serial and private key,
/// the platform key under its id, the base URL); one signed GET of an order by its out_trade_no, the answer's signature and
/// clock verified, a field read.
/// </summary>
internal static class Loopback
{
    public static async Task<int> RunAsync(string configPath)
    {
        var watch = Stopwatch.StartNew();
        using var config = JsonDocument.Parse(File.ReadAllText(configPath));
        var root = config.RootElement;
        using var merchantKey = RSA.Create();
        merchantKey.ImportFromPem(root.GetProperty("MerchantPrivateKey").GetString());
        var platform = root.GetProperty("PlatformKeys").EnumerateObject().First();
        using var platformKey = RSA.Create();
        platformKey.ImportFromPem(platform.Value.GetString());
        var merchantId = root.GetProperty("MerchantId").GetString()!;
        using var http = new HttpClient { BaseAddress = new Uri(root.GetProperty("BaseUrl").GetString()!) };
        var caller = new Caller(http, merchantKey, platformKey, merchantId, root.GetProperty("MerchantSerialNumber").GetString()!, platform.Name);
        var constructed = watch.Elapsed;

        using var answer = JsonDocument.Parse(await caller.GetAsync("/v3/pay/transactions/out-trade-no/T-1?mchid=" + merchantId));
        if (!answer.RootElement.TryGetProperty("trade_state", out var state) || state.GetString() is null) throw new InvalidDataException("no trade_state");
        watch.Stop();
        Console.WriteLine(FormattableString.Invariant(
            $"COLD inbox-loopback {watch.Elapsed.TotalMilliseconds:F2} {constructed.TotalMilliseconds:F2} {(watch.Elapsed - constructed).TotalMilliseconds:F2} {System.Runtime.JitInfo.GetCompiledMethodCount()} {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F2}"));
        return 0;
    }
}
