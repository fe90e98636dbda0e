using WeChatPay.Chain.Models;

namespace WeChatPay.Chain.Benchmarks.Support;

/// <summary>The calls of <see cref="Payloads"/> as typed requests (package WeChatPay.Chain.Models), written as a C# caller writes them.</summary>
internal static class TypedPayloads
{
    public static PapaySignContractsPreEntrustSignPostRequest Post() => new()
    {
        SignScene = PapaySignContractsPreEntrustSignPostRequest.Types.SignScene.SignSceneApp,
        Appid = "wxd678efh567hg6787",
        Openid = "oYobu0MVnQfWpSMOYJz2AHPG_gQw",
        PlanId = 12535,
        OutContractCode = "wxwtdk20200910100000",
        ContractDisplayAccount = "微信代扣用户A",
        ContractNotifyUrl = "https://yourapp.com/notify",
        OutUserCode = "用户A",
        ReturnUrl = "https://yourapp.com/notify",
        DeviceInfo = new()
        {
            DeviceType = "DEVICE_TYPE_UNKNOW",
            DeviceOs = "example_device_os",
            DeviceId = "example_device_id",
            DeviceRunningAsRoot = true,
            DeviceIp = "example_device_ip",
            WeixinInstalled = true,
            WeixinVersion = "example_weixin_version",
            DaysSinceFirstLogin = "DAYS_SINCE_FIRST_LOGIN_UNKNOW",
        },
    };

    public static PayTransactionsOutTradeNoOutTradeNoGetRequest Get() => new() { OutTradeNo = Payloads.OutTradeNo, Mchid = BenchKeys.MerchantId };
}
