using System;
using System.Linq;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Catalog;

/// <summary>The example request bodies of the four seed operations.</summary>
internal static class SeedRequests
{
    public const string EduschoolpayPresign = "v3/eduschoolpay/contracts/presign";
    public const string CombinePapayPreEntrustSign = "v3/ecommerce/combine-papay/contracts/pre-entrust-sign";
    public const string ScheduledDeductJsapi = "v3/papay/scheduled-deduct-sign/partner/contracts/pre-entrust-sign/jsapi";
    public const string PapayPreEntrustSign = "v3/papay/sign/contracts/pre-entrust-sign";

    /// <summary>The seed example body of an operation, as a fresh object the caller may change.</summary>
    public static JObject Body(string path) => path switch
    {
        // The PHP pages hold literal example payloads: read them from the page itself.
        EduschoolpayPresign => PhpExample("seeds/001_c5bc56de3b552e0d.txt"),
        PapayPreEntrustSign => PhpExample("seeds/004_58866b682f11caf1.txt"),

        // The Node pages give typings only (`plan_id: number`, ...): values of those types.
        CombinePapayPreEntrustSign => JObject.Parse(@"{
            ""appid"": ""wxd678efh567hg6787"", ""plan_id"": 12535, ""out_contract_code"": ""wxwtdk20200910100000"",
            ""contract_display_account"": ""微信代扣用户A"", ""notify_url"": ""https://yourapp.com/notify"", ""return_app"": true }"),
        ScheduledDeductJsapi => JObject.Parse(@"{
            ""sp_appid"": ""wx8888888888888888"", ""sp_openid"": ""oUpF8uMuAJOM2pxb1Q"", ""sub_mchid"": ""1900000109"",
            ""sub_appid"": ""wxd678efh567hg6999"", ""sub_openid"": ""oUpF8uMuAJOM2pxb1Q9zNjWeS6o"", ""plan_id"": 12535,
            ""out_contract_code"": ""wxwtdk20200910100000"", ""contract_display_account"": ""微信代扣用户A"",
            ""contract_notify_url"": ""https://yourapp.com/notify"", ""out_user_code"": ""用户A"",
            ""deduct_schedule"": { ""estimated_deduct_date"": ""2025-12-01"",
                                   ""estimated_deduct_amount"": { ""total"": 100, ""currency"": ""CNY"" },
                                   ""description"": ""月度会员"" } }"),
        _ => throw new ArgumentException("Not a seed operation: " + path, nameof(path)),
    };

    // The `json` entry of the first PHP sample: a PHP associative array literal, which Newtonsoft reads once `=>` and brackets are
    // swapped (it accepts single quotes and trailing commas).
    private static JObject PhpExample(string file)
    {
        var lines = TestData.Text(file).Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("```php", StringComparison.Ordinal));
        var block = string.Join("\n", lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("```", StringComparison.Ordinal)));
        var open = block.IndexOf("([", StringComparison.Ordinal) + 1;
        var close = block.IndexOf("\n])", StringComparison.Ordinal) + 2;
        var php = block.Substring(open, close - open);
        var json = JObject.Parse(php.Replace("=>", ":").Replace('[', '{').Replace(']', '}'));
        return (JObject)json["json"]!;
    }
}
