using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// The sandbox's own APIv2 signature: the fields sorted by byte order, <c>sign</c> and empty values left out,
/// <c>k=v</c> joined by <c>&amp;</c> with nothing URL-encoded, then <c>&amp;key=</c> and the APIv2 key; upper-case hex
/// of MD5 (the default) or of HMAC-SHA256 keyed with the APIv2 key. It never calls the client's signing code.
/// </summary>
internal static class SandboxV2Sign
{
    public const string Md5 = "MD5";
    public const string HmacSha256 = "HMAC-SHA256";

    /// <summary>Whether <paramref name="signType"/> is one WeChat Pay signs with.</summary>
    public static bool IsKnown(string signType) => signType is Md5 or HmacSha256;

    /// <summary>The sign of <paramref name="fields"/> by <paramref name="signType"/> (<see cref="Md5"/> or <see cref="HmacSha256"/>).</summary>
    public static string Compute(IEnumerable<KeyValuePair<string, string>> fields, string apiV2Key, string signType)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in fields.Where(f => f.Key != "sign" && f.Value.Length > 0).OrderBy(f => f.Key, StringComparer.Ordinal))
            text.Append(name).Append('=').Append(value).Append('&');
        text.Append("key=").Append(apiV2Key);
        var message = Encoding.UTF8.GetBytes(text.ToString());
        var hash = signType == HmacSha256
            ? HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiV2Key), message)
            : MD5.HashData(message);
        return Convert.ToHexString(hash);
    }

    /// <summary>Whether <paramref name="sign"/> is the sign of <paramref name="fields"/> (upper or lower case hex), compared in fixed time.</summary>
    public static bool Verify(IReadOnlyDictionary<string, string> fields, string sign, string apiV2Key, string signType)
    {
        var expected = Encoding.ASCII.GetBytes(Compute(fields, apiV2Key, signType));
        var given = Encoding.UTF8.GetBytes(sign.ToUpperInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
