using System;
using System.Collections.Generic;
using System.Globalization;

namespace WeChatPay.Chain.Shared;

/// <summary>
/// Checks of every piece of text that reaches the wire, before anything is sent. A failed check is an
/// <see cref="ArgumentException"/> that names the piece and what is wrong, never the value itself.
/// </summary>
internal static class WireText
{
    // Framing and connection headers belong to the transport; Authorization belongs to the signer.
    private static readonly HashSet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Proxy-Connection",
        "Upgrade", "TE", "Trailer", "Expect",
    };

    /// <summary>Refuses text that is not valid UTF-16 (a lone surrogate), which would otherwise leave as U+FFFD.</summary>
    /// <exception cref="ArgumentException">The text holds a lone surrogate.</exception>
    public static void RequireUtf16(string text, string what)
    {
        var at = LoneSurrogateAt(text);
        if (at >= 0)
            throw new ArgumentException(
                $"{what} is not valid UTF-16 text: it holds a lone surrogate (U+{(int)text[at]:X4}) at index {at}, which cannot be sent " +
                "without being replaced by U+FFFD. Fix the string where it was built (a surrogate pair split in two?).", what);
    }

    /// <summary>The index of the first unpaired surrogate in <paramref name="text"/>, or -1.</summary>
    public static int LoneSurrogateAt(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < '\uD800' || c > '\uDFFF') continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    /// <summary>Checks a header name given by the caller: an RFC 9110 token, not one the client or the transport owns.</summary>
    /// <exception cref="ArgumentException">The name is empty, not a token, or reserved.</exception>
    public static void HeaderName(string name, string option)
    {
        if (name.Length == 0)
            throw new ArgumentException($"{option} holds an empty header name.", option);
        for (var i = 0; i < name.Length; i++)
        {
            if (!IsTokenChar(name[i]))
                throw new ArgumentException(
                    $"{option} holds a header name with {Describe(name[i])} at index {i}; a header name is letters, digits and !#$%&'*+-.^_`|~ only (RFC 9110 token).", option);
        }
        if (Reserved.Contains(name))
            throw new ArgumentException(
                string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase)
                    ? "The Authorization header is computed by the client for every call; do not set it."
                    : $"The {name} header belongs to the HTTP transport; the client does not let a call set it.", option);
    }

    /// <summary>Checks a header value: visible ASCII, spaces and tabs inside, no line breaks, no leading or trailing white space.</summary>
    /// <exception cref="ArgumentException">The value holds any other character.</exception>
    public static void HeaderValue(string header, string value, string option)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var inside = c == ' ' || c == '\t';
            if ((c > ' ' && c <= '~') || (inside && i > 0 && i < value.Length - 1)) continue;
            var what = inside ? "leading or trailing white space" : $"{Describe(c)} at index {i}";
            throw new ArgumentException(
                $"The {header} header value holds {what}; a header value is printable ASCII with spaces or tabs inside (RFC 9110), " +
                "so line breaks, control characters and non-ASCII text cannot be sent. Encode the value (e.g. percent- or base64-encoding) first.", option);
        }
    }

    /// <summary>Whether <paramref name="text"/> is a media type without parameters: an RFC 9110 token, '/', a token.</summary>
    public static bool IsMediaType(string text)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1) return false;
        for (var i = 0; i < text.Length; i++)
            if (i != slash && !IsTokenChar(text[i])) return false;
        return true;
    }

    private static bool IsTokenChar(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        c == '!' || c == '#' || c == '$' || c == '%' || c == '&' || c == '\'' || c == '*' || c == '+' || c == '-' || c == '.' ||
        c == '^' || c == '_' || c == '`' || c == '|' || c == '~';

    /// <summary>Names a character without showing it raw: <c>a line feed (U+000A)</c>, <c>U+4E2D</c>.</summary>
    public static string Describe(char c) => c switch
    {
        '\r' => "a carriage return (U+000D)",
        '\n' => "a line feed (U+000A)",
        '\0' => "a NUL (U+0000)",
        _ => "the character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
    };
}
