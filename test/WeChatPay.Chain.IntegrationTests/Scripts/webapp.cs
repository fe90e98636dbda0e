#:sdk Microsoft.NET.Sdk.Web
#:package WeChatPay.Chain.Hosting@PACKED
#:package WeChatPay.Chain.AspNetCore@PACKED
#:package WeChatPay.Chain.Sandbox@PACKED
#:property PublishAot=false
// A throw-away web app on the packed packages, as a merchant's service is built: the client from configuration through
// WeChatPay.Chain.Hosting, the notify_url through WeChatPay.Chain.AspNetCore, the sandbox standing in for WeChat Pay.
// The integration tests write the packed version in place of PACKED and run it with `dotnet run webapp.cs`.
using WeChatPay.Chain;
using WeChatPay.Chain.AspNetCore;
using WeChatPay.Chain.Sandbox;

await using var sandbox = await WeChatPaySandbox.StartAsync();
var settings = sandbox.ClientOptions();

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Configuration["WeChatPay:MerchantId"] = settings.MerchantId;
builder.Configuration["WeChatPay:MerchantSerialNumber"] = settings.MerchantSerialNumber;
builder.Configuration["WeChatPay:MerchantPrivateKey"] = settings.MerchantPrivateKey;
builder.Configuration["WeChatPay:BaseUrl"] = settings.BaseUrl;
builder.Configuration["WeChatPay:ApiV3Key"] = settings.ApiV3Key;
foreach (var key in settings.PlatformKeys) builder.Configuration["WeChatPay:PlatformKeys:" + key.Key] = key.Value;
builder.Services.AddWeChatPay(builder.Configuration.GetSection("WeChatPay"));
var app = builder.Build();

var paid = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
app.MapWeChatPayNotifications("/pay/notify", async (notification, ct) =>
{
    paid.TrySetResult((string)notification.Resource!.out_trade_no);
    await Task.CompletedTask;
});
await app.StartAsync();

var wxpay = app.Services.GetRequiredService<WeChatPayClient>();
var order = await wxpay.V3.Pay.Transactions.Native.PostAsync(new
{
    appid = "wxd678efh567hg6787", mchid = wxpay.MerchantId, description = "Image形象店-深圳腾大-QQ公仔",
    out_trade_no = "1217752501201407033233368018", notify_url = app.Urls.First() + "/pay/notify",
    amount = new { total = 1, currency = "CNY" },
});
var callback = await sandbox.SendCallbackAsync(app.Urls.First() + "/pay/notify", "TRANSACTION.SUCCESS", new { out_trade_no = "1217752501201407033233368018" });
Console.WriteLine($"code_url={(string)order.Data.code_url} callback={callback.StatusCode} paid={await paid.Task.WaitAsync(TimeSpan.FromSeconds(10))}");
await app.StopAsync();
