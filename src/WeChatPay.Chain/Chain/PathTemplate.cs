using System;
using System.Collections.Generic;
using System.Text;

namespace WeChatPay.Chain.Chain
{
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
                        $"(for GET and DELETE the query object works too), or write the value into the chain with the indexer, e.g. [\"...\"].");
                if (value.Length == 0)
                    throw new ArgumentException($"The value for {{{segment.Text}}} in '{Text}' is empty.");
                builder.Append(EscapeValue(value));
            }
            return builder.ToString();
        }

        /// <inheritdoc />
        public override string ToString() => Text;

        /// <summary>Percent-escapes a literal value so that it stays one segment (a '/' becomes %2F); case is preserved.</summary>
        public static string EscapeValue(string value) => Uri.EscapeDataString(value);

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
            return PathSegment.Literal(EscapeAsWritten(part));
        }

        // Keeps what is legal in a path segment (RFC 3986 pchar, including existing %XX escapes) and escapes the rest.
        private static string EscapeAsWritten(string part)
        {
            var clean = true;
            foreach (var c in part)
            {
                if (!IsPathChar(c)) { clean = false; break; }
            }
            if (clean) return part;

            var builder = new StringBuilder(part.Length + 16);
            var bytes = new byte[4];
            for (var i = 0; i < part.Length; i++)
            {
                var c = part[i];
                if (IsPathChar(c)) { builder.Append(c); continue; }
                var length = char.IsHighSurrogate(c) && i + 1 < part.Length
                    ? Encoding.UTF8.GetBytes(part.ToCharArray(i++, 2), 0, 2, bytes, 0)
                    : Encoding.UTF8.GetBytes(new[] { c }, 0, 1, bytes, 0);
                for (var b = 0; b < length; b++)
                    builder.Append('%').Append(bytes[b].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            return builder.ToString();
        }

        private static bool IsPathChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '%' ||
            c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' || c == '*' || c == '+' || c == ',' || c == ';' || c == '=' ||
            c == ':' || c == '@';
    }
}
