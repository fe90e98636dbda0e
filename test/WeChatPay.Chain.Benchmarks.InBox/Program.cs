using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using WeChatPay.Chain.Benchmarks.InBox;

// One call, as a caller with only the box writes it: serialize the seed body, sign the request with the merchant key, send
// it, verify the answer's signature and clock with the platform key, read a field, exit. The transport answers in process
// with the answer the harness signed (the file), as the library's styles get theirs.
// Usage: WeChatPay.Chain.Benchmarks.InBox <merchant_key.pem> <platform_pub.pem> <answer.json>
//    or: WeChatPay.Chain.Benchmarks.InBox --config <sandbox.json>   (one GET over loopback to a running sandbox: Loopback)
if (args.Length == 2 && args[0] == "--config") return await Loopback.RunAsync(args[1]);
var watch = Stopwatch.StartNew();
using var merchantKey = RSA.Create();
merchantKey.ImportFromPem(File.ReadAllText(args[0]));
using var platformKey = RSA.Create();
platformKey.ImportFromPem(File.ReadAllText(args[1]));
using var http = new HttpClient(CannedAnswer.Read(args[2])) { BaseAddress = new Uri("https://api.mch.weixin.qq.com") };
var constructed = watch.Elapsed;

var caller = new Caller(http, merchantKey, platformKey);
using var answer = JsonDocument.Parse(await caller.PostAsync("/v3/papay/sign/contracts/pre-entrust-sign", JsonSerializer.Serialize(SeedBody.Value)));
if (!answer.RootElement.TryGetProperty("pre_entrustweb_id", out var id) || id.GetString() is null) throw new InvalidDataException("no pre_entrustweb_id");
watch.Stop();
Console.WriteLine(FormattableString.Invariant(
    $"COLD inbox {watch.Elapsed.TotalMilliseconds:F2} {constructed.TotalMilliseconds:F2} {(watch.Elapsed - constructed).TotalMilliseconds:F2} {System.Runtime.JitInfo.GetCompiledMethodCount()} {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F2}"));
return 0;
