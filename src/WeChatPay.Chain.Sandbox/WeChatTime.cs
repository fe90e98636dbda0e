using System;
using System.Globalization;

namespace WeChatPay.Chain.Sandbox;

/// <summary>Times as WeChat Pay writes them.</summary>
internal static class WeChatTime
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>RFC 3339 in China Standard Time, e.g. <c>2025-11-22T16:36:48+08:00</c>.</summary>
    public static string Rfc3339(DateTimeOffset time) =>
        time.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>Unix seconds as text.</summary>
    public static string UnixSeconds(DateTimeOffset time) =>
        time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
