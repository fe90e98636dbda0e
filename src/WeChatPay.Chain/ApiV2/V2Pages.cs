using System;
using System.Collections.Generic;

namespace WeChatPay.Chain.ApiV2;

/// <summary>
/// The APIv2 operations that are pages, not calls: WeChat Pay documents them as a URL the user's browser (inside WeChat)
/// opens, which answers with a redirect (the catalog's <c>redirect</c> answers, each with a <c>#wechat_redirect</c>
/// fragment): the 授权获取code page and the 公众号纯签约 pages. A server sending them gets a page, not an answer.
/// </summary>
internal static class V2Pages
{
    private static readonly HashSet<string> Paths = new(StringComparer.Ordinal)
    {
        "v2/appauth/authindex",
        "v2/papay/entrustweb",
        "v2/papay/partner/entrustweb",
    };

    /// <summary>The documented paths of the pages.</summary>
    public static IReadOnlyCollection<string> Operations => Paths;

    /// <summary>Whether the documented path (<c>v2/…</c>, no query) is a page.</summary>
    public static bool IsPage(string documentedPath) => Paths.Contains(documentedPath);
}
