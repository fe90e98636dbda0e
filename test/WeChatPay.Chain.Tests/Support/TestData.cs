using System;
using System.IO;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>Paths and facts of the throw-away test keys and the known-answer vectors under TestData/.</summary>
internal static class TestData
{
    public const string MerchantId = "1900000001";
    public const string MerchantSerial = "5D61E8146D1C1CF31D6A2847982DBA1FA53E5B24";
    public const string PlatformSerial = "72DCBEA7B2ED92CCBD5DB087E6450FF1DFC6F92B";
    public const string PublicKeyId = "PUB_KEY_ID_0114232134912410000000000000";
    public const string ApiV3Key = "Tq9vXk3mRb7nWp2sYh6dLz4cFj8gKa5e";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData");

    public static string Key(string file) => Path.Combine(Folder, "keys", file);

    public static string MerchantKeyPath => Key("merchant_key.pem");
    public static string PlatformKeyPath => Key("platform_key.pem");
    public static string PlatformPublicKeyPath => Key("platform_pub.pem");
    public static string PlatformCertificatePath => Key("platform_cert.pem");

    public static string Text(string relativePath) => File.ReadAllText(Path.Combine(Folder, relativePath));

    /// <summary>A vector file, read exactly: date-like strings stay strings.</summary>
    public static JObject Vectors(string name)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(Text(name + ".json"))) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JObject.Load(reader);
    }
}
