using System;
using System.Diagnostics;
using System.IO;
using WeChatPay.Chain;
using WeChatPay.Chain.Benchmarks.InBox;

// One call, as a script on this library writes it: a client on the merchant key and the platform public key, the seed
// body through the typed chain or Chain("…"), a field of the verified answer read, exit. The transport answers in
// process with the answer the harness signed (the file), as the in-box caller's does.
// Usage: WeChatPay.Chain.Benchmarks.Script <typed|chain> <merchant_key.pem> <platform_pub.pem> <answer.json>
var watch = Stopwatch.StartNew();
using var client = new WeChatPayClient(new WeChatPayOptions
{
    MerchantId = "1900000001",
    MerchantSerialNumber = "5D61E8146D1C1CF31D6A2847982DBA1FA53E5B24",
    MerchantPrivateKey = args[1],
    PlatformKeys = { ["PUB_KEY_ID_0114232134912410000000000000"] = args[2] },
    HttpMessageHandler = CannedAnswer.Read(args[3]),
});
var constructed = watch.Elapsed;

var answer = args[0] switch
{
    "typed" => await client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(SeedBody.Value),
    "chain" => await client.Chain("v3/papay/sign/contracts/pre-entrust-sign").PostAsync(SeedBody.Value),
    _ => throw new ArgumentException("typed or chain", nameof(args)),
};
if ((string?)answer.Json?["pre_entrustweb_id"] is null) throw new InvalidDataException("no pre_entrustweb_id");
watch.Stop();
Console.WriteLine(FormattableString.Invariant(
    $"COLD script-{args[0]} {watch.Elapsed.TotalMilliseconds:F2} {constructed.TotalMilliseconds:F2} {(watch.Elapsed - constructed).TotalMilliseconds:F2} {System.Runtime.JitInfo.GetCompiledMethodCount()} {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F2}"));
return 0;
