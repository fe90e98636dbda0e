using System;
using System.Collections.Generic;

namespace WeChatPay.Chain.Files;

/// <summary>
/// Reads a <c>download_url</c> of an apply answer into the path and query to send, refusing before anything is sent any URL
/// that a parser would turn into another request than the one written: one outside the API's base URL; one holding a
/// control character, a space, non-ASCII text or a backslash; a path segment that is, or unescapes to, a dot segment
/// (<c>..</c>, <c>%2e%2e</c> in any case) or holds an escaped <c>/</c> or <c>\</c>; or any other path URL normalisation
/// would change. The messages never quote the URL (it holds the download token).
/// </summary>
internal static class DownloadUrl
{
    private const string Option = "applied";

    /// <param name="url">The <c>download_url</c> as WeChat Pay gave it.</param>
    /// <param name="baseUrl">The client's base URL, ending with '/'.</param>
    /// <param name="basePath">The base URL's path, starting and ending with '/'.</param>
    /// <returns>The path below <paramref name="basePath"/> (escaped as in the URL) and the query, unescaped.</returns>
    /// <exception cref="ArgumentException">The URL lies outside the API or would not be sent as written.</exception>
    public static (string Relative, Dictionary<string, string> Query) Read(string url, string baseUrl, string basePath)
    {
        for (var i = 0; i < url.Length; i++)
        {
            if (url[i] <= ' ' || url[i] >= '\x7F')
                throw Refused($"holds {Shared.WireText.Describe(url[i])} at index {i}, which no URL holds unescaped");
            if (url[i] == '\\')
                throw Refused($"holds a backslash at index {i}, which URL parsers read as '/'");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !url.StartsWith(baseUrl, StringComparison.OrdinalIgnoreCase)
            || uri.GetLeftPart(UriPartial.Authority) + basePath != baseUrl.TrimEnd('/') + "/")
            throw new ArgumentException($"download_url does not lie under the API's base URL {baseUrl}: refused, since the request would carry the merchant's signature there.", Option);

        var end = url.IndexOfAny(new[] { '?', '#' });
        var start = baseUrl.Length - basePath.Length; // where the path begins: the URL starts with the base URL
        var path = url.Substring(start, (end < 0 ? url.Length : end) - start);
        foreach (var segment in path.Split('/'))
        {
            var unescaped = Uri.UnescapeDataString(segment);
            if (unescaped == "." || unescaped == "..")
                throw Refused($"has a dot segment ('{unescaped}') in its path, written '{segment}', which a URL parser resolves to another path on the API host");
            if (unescaped.IndexOf('/') >= 0 || unescaped.IndexOf('\\') >= 0)
                throw Refused("has an escaped '/' or '\\' in a path segment, which servers may take for a separator and resolve to another path");
            Unescaped(unescaped, "its path");
        }
        if (!string.Equals(uri.AbsolutePath, path, StringComparison.Ordinal))
            throw Refused("has a path that URL normalisation would change (an escape of a character that needs none?), so what is signed would not be what was given");

        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in uri.Query.TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair.Substring(0, equals));
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(equals + 1)); // '+' is kept: RFC 3986, not a form
            Unescaped(name, "its query");
            Unescaped(value, "its query");
            query[name] = value;
        }
        return (path.Substring(basePath.Length), query);
    }

    // A control character written as an escape (%0D%0A) is refused as the raw one is.
    private static void Unescaped(string text, string where)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] < ' ' || text[i] == '\x7F')
                throw Refused($"holds {Shared.WireText.Describe(text[i])} in {where}, escaped, which no download URL holds");
        }
    }

    private static ArgumentException Refused(string why) =>
        new($"download_url {why}: refused before anything is sent, since the request carries the merchant's signature.", Option);
}
