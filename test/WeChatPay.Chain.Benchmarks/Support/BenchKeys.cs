using System;
using System.IO;
using System.Security.Cryptography;

namespace WeChatPay.Chain.Benchmarks.Support;

/// <summary>The throw-away test keys (linked from the unit tests' TestData/keys) and the identities that go with them.</summary>
internal static class BenchKeys
{
    public const string MerchantId = "1900000001";
    public const string MerchantSerial = "5D61E8146D1C1CF31D6A2847982DBA1FA53E5B24";
    public const string PublicKeyId = "PUB_KEY_ID_0114232134912410000000000000";

    /// <summary>A fixed instant (Unix 1763800300, 2025-11-22): answers are signed at it and every clock here says it.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1763800300);

    public static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "keys", file);

    public static string MerchantKeyPath => Path("merchant_key.pem");
    public static string PlatformPublicKeyPath => Path("platform_pub.pem");

    /// <summary>A platform RSA object for one PEM file (private or public key).</summary>
    public static RSA Load(string file)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path(file)));
        return rsa;
    }

    /// <summary>The 国密 merchant's certificate serial (any serial: the in-process handler does not check it).</summary>
    public const string Sm2MerchantSerial = "7A1B36B5E8A5E1B0A1B3F9D2C4E6A8B0C2D4E6F8";

    /// <summary>Client options of a 国密 merchant on the SM2 test keys (merchant key, platform public key) and the fixed clock, in public-key mode.</summary>
    public static WeChatPayOptions Sm2Options() => new WeChatPayOptions
    {
        MerchantId = MerchantId,
        MerchantSerialNumber = Sm2MerchantSerial,
        MerchantPrivateKey = Path("sm2_merchant_key.pem"),
        PlatformKeys = { [PublicKeyId] = Path("sm2_platform_pub.pem") },
        Scheme = WeChatPayScheme.Sm2,
        TimeProvider = new FixedClock(Now),
    };

    /// <summary>Client options on the test keys and the fixed clock, in public-key mode.</summary>
    public static WeChatPayOptions Options(string baseUrl = WeChatPayOptions.DefaultBaseUrl) => new WeChatPayOptions
    {
        MerchantId = MerchantId,
        MerchantSerialNumber = MerchantSerial,
        MerchantPrivateKey = MerchantKeyPath,
        PlatformKeys = { [PublicKeyId] = PlatformPublicKeyPath },
        BaseUrl = baseUrl,
        TimeProvider = new FixedClock(Now),
    };
}
