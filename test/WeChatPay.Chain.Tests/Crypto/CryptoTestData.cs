using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace WeChatPay.Chain.Tests.Crypto;

/// <summary>Reads the known-answer vectors and keys under TestData/.</summary>
public static class CryptoTestData
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "TestData");

    /// <summary>Absolute path of a file named relative to TestData (e.g. "keys/merchant_key.pem").</summary>
    public static string PathOf(string relative) =>
        Path.Combine(Directory, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));

    public static JsonElement Json(string file)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(PathOf(file)));
        return document.RootElement.Clone();
    }

    public static IEnumerable<JsonElement> Cases(string file, string group = "cases") =>
        Json(file).GetProperty(group).EnumerateArray().ToList();

    public static string? StringOrNull(this JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static string String(this JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new InvalidDataException(property + " is null");

    public const string MerchantKeyPkcs8 = "keys/merchant_key.pem";
    public const string MerchantKeyPkcs1 = "keys/merchant_key.pkcs1.pem";
    public const string MerchantPublicKey = "keys/merchant_pub.pem";
    public const string MerchantCertificate = "keys/merchant_cert.pem";
    public const string PlatformKey = "keys/platform_key.pem";
    public const string PlatformPublicKey = "keys/platform_pub.pem";
    public const string PlatformCertificate = "keys/platform_cert.pem";
    public const string PlatformCertificateSerial = "72DCBEA7B2ED92CCBD5DB087E6450FF1DFC6F92B";
    public const string MerchantCertificateSerial = "5D61E8146D1C1CF31D6A2847982DBA1FA53E5B24";
}
