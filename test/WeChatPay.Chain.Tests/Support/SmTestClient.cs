using WeChatPay.Chain.Tests.Crypto;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>A 国密 merchant's client: the sm.json merchant's SM2 key and the SM2 platform certificate of the vectors.</summary>
internal static class SmTestClient
{
    public static WeChatPayOptions Options() => new()
    {
        MerchantId = "1900000001",
        MerchantSerialNumber = SmTestData.MerchantSerial,
        MerchantPrivateKey = TestData.Key("sm2_merchant_key.pem"),
        PlatformKeys = { [SmTestData.PlatformSerial] = TestData.Key("sm2_platform_cert.pem") },
        BaseUrl = "https://api.mch.weixin.qq.com/",
    };

    public static WeChatPayClient Create() => new(Options());
}
