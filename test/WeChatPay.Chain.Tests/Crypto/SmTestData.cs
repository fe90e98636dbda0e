using System;
using System.Collections.Generic;
using System.Text.Json;

namespace WeChatPay.Chain.Tests.Crypto;

/// <summary>The 国密 vectors (TestData/sm.json) and their SM2 keys.</summary>
public static class SmTestData
{
    public const string File = "sm.json";
    public const string MerchantKey = "keys/sm2_merchant_key.pem";
    public const string MerchantPublicKey = "keys/sm2_merchant_pub.pem";
    public const string MerchantCertificate = "keys/sm2_merchant_cert.pem";
    public const string PlatformKey = "keys/sm2_platform_key.pem";
    public const string PlatformPublicKey = "keys/sm2_platform_pub.pem";
    public const string PlatformCertificate = "keys/sm2_platform_cert.pem";

    public static JsonElement Root => CryptoTestData.Json(File);

    public static string MerchantSerial => Root.String("merchant_serial");

    public static string PlatformSerial => Root.String("platform_serial");

    public static string DistinguishingId => Root.String("distinguishing_id");

    /// <summary>The cases of one group of sm.json (e.g. "sm3", "signing_invalid").</summary>
    public static IEnumerable<JsonElement> Cases(string group) => CryptoTestData.Cases(File, group);

    /// <summary>The key file a case names by its short name (e.g. "sm2_merchant_pub" → keys/sm2_merchant_pub.pem).</summary>
    public static string KeyFile(string shortName) => "keys/" + shortName + ".pem";

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
