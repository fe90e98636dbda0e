using System;
using System.Collections.Generic;
using System.Text;

namespace WeChatPay.Chain.Http;

/// <summary>Writes the request target: the escaped path, then each query name and value escaped as data (RFC 3986).</summary>
internal static class RequestTarget
{
    /// <summary>The text that replaces a sensitive query value in messages.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>
    /// <c>basePath + relativePath</c>, then <c>?name=value&amp;…</c>; names and values escaped with <c>Uri.EscapeDataString</c>,
    /// so that each decodes to exactly what was given. The values of <paramref name="redact"/> are written as <see cref="Redacted"/>.
    /// </summary>
    public static string Build(string basePath, string relativePath, List<KeyValuePair<string, string>> query, List<string>? redact)
    {
        if (query.Count == 0) return basePath + relativePath;
        var builder = new StringBuilder(basePath.Length + relativePath.Length + 16 * query.Count + 1);
        builder.Append(basePath).Append(relativePath);
        for (var i = 0; i < query.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&').Append(Uri.EscapeDataString(query[i].Key)).Append('=');
            builder.Append(redact is not null && redact.Contains(query[i].Key) ? Redacted : Uri.EscapeDataString(query[i].Value));
        }
        return builder.ToString();
    }
}
