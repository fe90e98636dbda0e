using WeChatPay.Chain.Tests.Crypto;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>A 国密 merchant's client: the sm.json merchant's SM2 key and the SM2 platform certificate of the vectors.</summary>
internal static class SmTestClient
{
    public static WeChatPayOptions Options() => new()
    {
        MerchantId = SmTestData.Root.String("mchid"),
        MerchantSerialNumber = SmTestData.MerchantSerial,
        MerchantPrivateKey = CryptoTestData.PathOf(SmTestData.MerchantKey),
        PlatformKeys = { [SmTestData.PlatformSerial] = CryptoTestData.PathOf(SmTestData.PlatformCertificate) },
    };

    public static WeChatPayClient Create() => new(Options());
}
