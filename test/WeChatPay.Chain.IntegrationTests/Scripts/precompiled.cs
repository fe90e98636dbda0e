// A program on the packed WeChatPay.Chain package (built by the tests as a throw-away project): one call to the sandbox
// whose client configuration is args[0], then where the library was loaded from, how many methods the JIT compiled and
// which assemblies the process loaded.
using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using WeChatPay.Chain;

var config = JsonDocument.Parse(File.ReadAllText(args[0])).RootElement;
var options = new WeChatPayOptions
{
    MerchantId = config.GetProperty("MerchantId").GetString()!,
    MerchantSerialNumber = config.GetProperty("MerchantSerialNumber").GetString()!,
    MerchantPrivateKey = config.GetProperty("MerchantPrivateKey").GetString()!,
    BaseUrl = config.GetProperty("BaseUrl").GetString()!,
};
foreach (var key in config.GetProperty("PlatformKeys").EnumerateObject())
    options.PlatformKeys[key.Name] = key.Value.GetString()!;

using var wxpay = new WeChatPayClient(options);
var res = await wxpay.V3.Pay.Transactions.OutTradeNo["R2R-1"].GetAsync(new { mchid = options.MerchantId });
Console.WriteLine($"status={res.StatusCode}");
Console.WriteLine($"location={typeof(WeChatPayClient).Assembly.Location}");
Console.WriteLine($"jitted={System.Runtime.JitInfo.GetCompiledMethodCount()}");
Console.WriteLine($"loaded={string.Join(",", AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).OrderBy(n => n, StringComparer.Ordinal))}");
