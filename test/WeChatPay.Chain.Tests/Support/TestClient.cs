using System;
using Microsoft.Extensions.Time.Testing;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>Clients wired to the throw-away keys, a fake clock, and answers signed with the test platform key.</summary>
internal static class TestClient
{
    /// <summary>A fixed instant (Unix 1763800300, 2025-11-22) so that signatures are reproducible.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1763800300);

    public static WeChatPayOptions Options(TimeProvider? clock = null) => new WeChatPayOptions
    {
        MerchantId = TestData.MerchantId,
        MerchantSerialNumber = TestData.MerchantSerial,
        MerchantPrivateKey = TestData.MerchantKeyPath,
        PlatformKeys =
        {
            [TestData.PlatformSerial] = TestData.PlatformCertificatePath,
            [TestData.PublicKeyId] = TestData.PlatformPublicKeyPath,
        },
        BaseUrl = "https://api.mch.weixin.qq.com/",
        TimeProvider = clock ?? new FakeTimeProvider(Now),
    };

    public static WeChatPayClient Create(TimeProvider? clock = null) => new WeChatPayClient(Options(clock));

    private static readonly Lazy<RsaPrivateKey> PlatformKey =
        new Lazy<RsaPrivateKey>(() => RsaPrivateKey.Load(TestData.PlatformKeyPath, null, "platform test key"));

    /// <summary>The four Wechatpay-* headers of an answer signed by the test platform key at <paramref name="at"/>.</summary>
    public static object SignedHeaders(string body, DateTimeOffset? at = null, string serial = TestData.PlatformSerial, string nonce = "fZ3xAnswerNonce0000000000000000A")
    {
        var timestamp = (at ?? Now).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = System.Text.Encoding.UTF8.GetBytes(timestamp + "\n" + nonce + "\n" + body + "\n");
        return new
        {
            Wechatpay_Timestamp = timestamp,
            Wechatpay_Nonce = nonce,
            Wechatpay_Signature = PlatformKey.Value.Sign(message),
            Wechatpay_Serial = serial,
            Request_ID = "08F0B6A8C5060A10C8B1E8A30518A09B0E20A1C10128A4DF0230D4A402-0",
        };
    }
}
