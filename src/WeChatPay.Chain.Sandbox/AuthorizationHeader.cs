using System;
using System.Collections.Generic;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// Parses <c>WECHATPAY2-SHA256-RSA2048 mchid="…",serial_no="…",timestamp="…",nonce_str="…",signature="…"</c> (or the 国密
/// <c>WECHATPAY2-SM2-WITH-SM3</c> one) strictly: the merchant's scheme, then <c>key="value"</c> pairs separated by commas,
/// each of the five keys exactly once, in any order.
/// </summary>
internal sealed class AuthorizationHeader
{
    private static readonly string[] Required = { "mchid", "serial_no", "timestamp", "nonce_str", "signature" };

    private AuthorizationHeader(Dictionary<string, string> fields)
    {
        MerchantId = fields["mchid"];
        SerialNumber = fields["serial_no"];
        Timestamp = fields["timestamp"];
        Nonce = fields["nonce_str"];
        Signature = fields["signature"];
    }

    public string MerchantId { get; }

    public string SerialNumber { get; }

    public string Timestamp { get; }

    public string Nonce { get; }

    public string Signature { get; }

    /// <summary>Parses the header; on failure <paramref name="field"/> names what is wrong and <paramref name="issue"/> says how.</summary>
    /// <param name="header">The <c>Authorization</c> header.</param>
    /// <param name="scheme">The scheme the merchant uses; the other scheme is refused as WeChat Pay refuses it.</param>
    /// <param name="parsed">The parsed header, or null.</param>
    /// <param name="fields">The fields read so far, also on failure.</param>
    /// <param name="field">What is wrong.</param>
    /// <param name="issue">How it is wrong.</param>
    public static bool TryParse(string? header, string scheme, out AuthorizationHeader? parsed, out Dictionary<string, string> fields, out string field, out string issue)
    {
        parsed = null;
        fields = new Dictionary<string, string>(StringComparer.Ordinal);
        field = "Authorization";
        if (string.IsNullOrWhiteSpace(header))
        {
            issue = "the Authorization header is missing";
            return false;
        }

        if (!header.StartsWith(scheme + " ", StringComparison.Ordinal))
        {
            field = "scheme";
            var space = header.IndexOf(' ');
            var sent = space < 0 ? header : header.Substring(0, space);
            issue = sent is SignedMessage.Scheme or SignedMessage.SmScheme
                ? $"this merchant uses {scheme}; the request is signed with {sent}"
                : $"the scheme must be {scheme}, not '{Clip(sent)}'";
            return false;
        }

        var i = scheme.Length + 1;
        while (i < header.Length)
        {
            while (i < header.Length && (header[i] == ' ' || header[i] == ',')) i++;
            if (i >= header.Length) break;
            var keyStart = i;
            while (i < header.Length && (char.IsAsciiLetterLower(header[i]) || header[i] == '_')) i++;
            var key = header.Substring(keyStart, i - keyStart);
            if (key.Length == 0 || i >= header.Length || header[i] != '=' || i + 1 >= header.Length || header[i + 1] != '"')
            {
                issue = "the parameters must be written key=\"value\", separated by commas";
                return false;
            }
            i += 2;
            var close = header.IndexOf('"', i);
            if (close < 0)
            {
                field = key;
                issue = $"the value of {key} has no closing quote";
                return false;
            }
            if (fields.ContainsKey(key))
            {
                field = key;
                issue = $"{key} appears twice";
                return false;
            }
            fields.Add(key, header.Substring(i, close - i));
            i = close + 1;
            while (i < header.Length && header[i] == ' ') i++;
            if (i < header.Length && header[i] != ',')
            {
                issue = "the parameters must be separated by commas";
                return false;
            }
        }

        foreach (var name in Required)
        {
            if (!fields.TryGetValue(name, out var value) || value.Length == 0)
            {
                field = name;
                issue = $"{name} is missing or empty";
                return false;
            }
        }

        parsed = new AuthorizationHeader(fields);
        issue = string.Empty;
        return true;
    }

    // A scheme the caller sent back in the answer: short and printable only.
    private static string Clip(string text)
    {
        var clipped = text.Length > 40 ? text.Substring(0, 40) + "…" : text;
        return clipped.Replace('"', '\'');
    }
}
