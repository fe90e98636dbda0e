using System.Linq;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Cli;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>The four seed operations and their payloads (the seed pages' values; the sensitive ones as plaintext).</summary>
internal static class Seeds
{
    public const string PresignPath = "v3/eduschoolpay/contracts/presign";
    public const string CombinePapayPath = "v3/ecommerce/combine-papay/contracts/pre-entrust-sign";
    public const string ScheduledDeductPath = "v3/papay/scheduled-deduct-sign/partner/contracts/pre-entrust-sign/jsapi";
    public const string PapaySignPath = "v3/papay/sign/contracts/pre-entrust-sign";

    // Made-up personal data: what must never reach a log.
    public const string RealName = "张三丰";
    public const string IdCardNumber = "110101199003074477";
    public const string BankCardNumber = "6214830100123456789";
    public const string Phone = "13800138000";

    // The payloads are the demo's (src/WeChatPay.Chain.Cli/Seeds/*.json): one copy of the seed data for the tool and the tests.
    private static JObject Payload(string path) => SeedOperation.All.Single(o => o.Path == path).Payload();

    public static object Presign(object? identity = null, object? bankCard = null)
    {
        var body = Payload(PresignPath);
        body["identity"] = JToken.FromObject(identity ?? new { real_name = RealName, credential_type = "IDENTITY_CARD", id_card_number = IdCardNumber });
        body["bank_card"] = JToken.FromObject(bankCard ?? new { bank_card_no = BankCardNumber, valid_thru = "08/21", phone = Phone, bank_type = "CMC" });
        return body;
    }

    public static object CombinePapay() => Payload(CombinePapayPath);

    public static object ScheduledDeduct() => Payload(ScheduledDeductPath);

    public static object PapaySign(string signScene = "SIGN_SCENE_APP", string deviceType = "DEVICE_TYPE_UNKNOW")
    {
        var body = Payload(PapaySignPath);
        body["sign_scene"] = signScene;
        body["device_info"]!["device_type"] = deviceType;
        return body;
    }
}
