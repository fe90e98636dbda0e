using System;
using System.Collections.Generic;
using System.Text;

namespace WeChatPay.Chain.Paths;

/// <summary>An immutable request path made of literal and template segments, e.g. <c>v3/pay/transactions/id/{transaction_id}</c>.</summary>
internal sealed class PathTemplate
{
    private static readonly PathSegment[] NoSegments = new PathSegment[0];

    /// <summary>The empty path (the API root).</summary>
    public static readonly PathTemplate Root = new PathTemplate(NoSegments, string.Empty, 0);

    private PathTemplate(PathSegment[] segments, string text, int templates)
    {
        Segments = segments;
        Text = text;
        TemplateCount = templates;
    }

    /// <summary>The segments in order.</summary>
    public IReadOnlyList<PathSegment> Segments { get; }

    /// <summary>The path as written in the docs: literals escaped, templates in braces, no leading slash.</summary>
    public string Text { get; }

    /// <summary>How many template segments the path holds.</summary>
    public int TemplateCount { get; }

    /// <summary>Appends one segment.</summary>
    public PathTemplate Append(PathSegment segment)
    {
        var old = (PathSegment[])Segments;
        if (old.Length > 0 && old[old.Length - 1].Text.Length == 0 && !old[old.Length - 1].IsTemplate)
            throw new ArgumentException($"The path '{Text}' ends with '/', so nothing can follow it.");
        var segments = new PathSegment[old.Length + 1];
        Array.Copy(old, segments, old.Length);
        segments[old.Length] = segment;
        var text = old.Length == 0 ? segment.ToString() : Text + "/" + segment.ToString();
        return new PathTemplate(segments, text, TemplateCount + (segment.IsTemplate ? 1 : 0));
    }

    /// <summary>Appends a path written as in the docs (<c>v3/pay/transactions/id/{transaction_id}</c>); parts are kept as written, never case-mangled.</summary>
    /// <exception cref="ArgumentException">The path is empty, holds a query or fragment, or an empty segment in the middle.</exception>
    public PathTemplate AppendPath(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        Shared.WireText.RequireUtf16(path, nameof(path));
        if (path.IndexOf('?') >= 0 || path.IndexOf('#') >= 0)
            throw new ArgumentException($"The path '{path}' holds a query or fragment: pass query parameters in the query argument instead.", nameof(path));
        var trimmed = path.TrimStart('/');
        if (trimmed.Length == 0)
            throw new ArgumentException("The path is empty: write it as in the docs, e.g. \"v3/pay/transactions/jsapi\".", nameof(path));

        var result = this;
        var parts = trimmed.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0)
            {
                if (i == parts.Length - 1)
                {
                    // A trailing slash is significant (e.g. v3/applyment4sub/applyment/).
                    result = result.Append(PathSegment.Literal(string.Empty));
                    break;
                }
                throw new ArgumentException($"The path '{path}' has an empty segment ('//').", nameof(path));
            }
            result = result.Append(ParseSegment(part, path));
        }
        return result;
    }

    /// <summary>Fills every template with its value (percent-escaped as one segment) and returns the relative URL path.</summary>
    /// <exception cref="ArgumentException">A template has no value, or an empty one.</exception>
    public string Expand(Func<string, string?> valueOf)
    {
        if (TemplateCount == 0) return Text;
        var builder = new StringBuilder(Text.Length + 32);
        var segments = (PathSegment[])Segments;
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0) builder.Append('/');
            var segment = segments[i];
            if (!segment.IsTemplate)
            {
                builder.Append(segment.Text);
                continue;
            }
            var value = valueOf(segment.Text);
            if (value is null)
                throw new ArgumentException(
                    $"The path '{Text}' needs a value for {{{segment.Text}}}: pass it in WeChatPayRequestOptions.PathValues " +
                    $"(for GET the query object works too), or write the value into the chain with the indexer, e.g. [\"...\"].");
            if (value.Length == 0)
                throw new ArgumentException($"The value for {{{segment.Text}}} in '{Text}' is empty.");
            builder.Append(EscapeValue(value, segment.Text, Text));
        }
        return builder.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>
    /// Percent-escapes a path value so that it reaches the server as exactly one segment that decodes to the value
    /// (a '/' becomes %2F; case is preserved).
    /// </summary>
    /// <exception cref="ArgumentException">The value is <c>.</c> or <c>..</c> (a dot segment, which no escaping keeps), or not valid UTF-16.</exception>
    /// <param name="value">The value.</param>
    /// <param name="templateName">The template the value fills, or null for a value appended to <paramref name="path"/>.</param>
    /// <param name="path">The path the value goes into (for the error message).</param>
    public static string EscapeValue(string value, string? templateName, string path)
    {
        if (Shared.WireText.LoneSurrogateAt(value) >= 0 || IsDotSegment(value))
        {
            var what = templateName is null ? $"The path value after '{path}'" : $"The value for {{{templateName}}} in '{path}'";
            Shared.WireText.RequireUtf16(value, what);
            throw DotSegment(what, value);
        }
        return Uri.EscapeDataString(value);
    }

    private static bool IsDotSegment(string decoded) => decoded == "." || decoded == "..";

    private static ArgumentException DotSegment(string what, string value) => new ArgumentException(
        $"{what} is '{value}', a dot segment: every URL parser removes it (RFC 3986 5.2.4), so the call would go to another path. " +
        "No escaping keeps it as one segment; check where the value came from.", "path");

    private static PathSegment ParseSegment(string part, string path)
    {
        if (part.Length >= 2 && part[0] == '{' && part[part.Length - 1] == '}')
        {
            var name = part.Substring(1, part.Length - 2);
            if (name.Length == 0 || name.IndexOfAny(new[] { '{', '}' }) >= 0)
                throw new ArgumentException($"The path '{path}' has a malformed template segment '{part}'.", nameof(path));
            return PathSegment.Template(name);
        }
        if (part.IndexOf('{') >= 0 || part.IndexOf('}') >= 0)
            throw new ArgumentException($"The path '{path}' has a malformed template segment '{part}': a template is a whole segment, e.g. {{out_trade_no}}.", nameof(path));
        var escaped = EscapeAsWritten(part);
        if (IsDotSegment(escaped))
            throw DotSegment($"A segment of the path '{path}'", part);
        return PathSegment.Literal(escaped);
    }

    // Keeps what is legal in a path segment (RFC 3986 pchar) and escapes the rest. An existing %XX escape of a reserved
    // character is kept; one of an unreserved character is decoded, as every URL parser does (RFC 3986 6.2.2.2), so that
    // the path shown is the path sent; a '%' that starts no escape is escaped itself.
    private static string EscapeAsWritten(string part)
    {
        var clean = true;
        foreach (var c in part)
        {
            if (!IsPathChar(c) || c == '%') { clean = false; break; }
        }
        if (clean) return part;

        var builder = new StringBuilder(part.Length + 16);
        var bytes = new byte[4];
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            if (c == '%')
            {
                var hex = i + 2 < part.Length ? HexValue(part[i + 1], part[i + 2]) : -1;
                if (hex < 0) builder.Append("%25");
                else if (IsUnreserved((char)hex)) { builder.Append((char)hex); i += 2; }
                else { builder.Append(part, i, 3); i += 2; }
                continue;
            }
            if (IsPathChar(c)) { builder.Append(c); continue; }
            var length = char.IsHighSurrogate(c) && i + 1 < part.Length
                ? Encoding.UTF8.GetBytes(part.ToCharArray(i++, 2), 0, 2, bytes, 0)
                : Encoding.UTF8.GetBytes(new[] { c }, 0, 1, bytes, 0);
            for (var b = 0; b < length; b++)
                builder.Append('%').Append(bytes[b].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    private static int HexValue(char high, char low)
    {
        int Digit(char h) => h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
        var (a, b) = (Digit(high), Digit(low));
        return a < 0 || b < 0 ? -1 : a * 16 + b;
    }

    private static bool IsUnreserved(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';

    private static bool IsPathChar(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        c == '-' || c == '.' || c == '_' || c == '~' || c == '%' ||
        c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' || c == '*' || c == '+' || c == ',' || c == ';' || c == '=' ||
        c == ':' || c == '@';
}
