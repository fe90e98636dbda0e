using System;
using System.IO;
using System.Linq;

namespace WeChatPay.Chain.SiteTests.Support;

/// <summary>The machine's Chromium: <c>WECHATPAY_CHROMIUM</c> when set, else <c>chromium</c> or <c>chromium-browser</c> on the PATH.</summary>
internal static class Chromium
{
    /// <exception cref="InvalidOperationException">No Chromium is installed.</exception>
    public static string Executable()
    {
        var configured = Environment.GetEnvironmentVariable("WECHATPAY_CHROMIUM");
        if (!string.IsNullOrEmpty(configured)) return configured;
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            "The site tests open the site in Chromium, and none is installed: `apt-get install chromium` (.ci/run does), or set WECHATPAY_CHROMIUM to its executable.");
    }
}
