#:project ../../../src/WeChatPay.Chain/WeChatPay.Chain.csproj
#:property PublishAot=false
// A .NET 10 file-based app, as a script user writes one: `dotnet run presign.cs -- <client-config.json>`.
// The config is the JSON a sandbox prints (`wxpay sandbox`); the integration tests run this file against one.
// PublishAot=false: file-based apps default to native AOT, which `dynamic` (the chain style) cannot use.
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
var res = wxpay.V3.Eduschoolpay.Contracts.Presign.Post(new
{
    appid = "wx8888888888888888", openid = "oUpF8uMuAJOM2pxb1Q", plan_id = "101164396123311331", user_id = "20200330tony",
    school_id = "18260256813396", out_contract_code = "20190806125346",
    identity = new { real_name = "张三", credential_type = "IDENTITY_CARD", id_card_number = "11010519491231002X" },
    bank_card = new { bank_card_no = "6214830000000000", phone = "13800138000" },
});
Console.WriteLine($"presign_token={res.Data.presign_token}");
Console.WriteLine($"encrypted={string.Join(",", res.EncryptedFields)}");
