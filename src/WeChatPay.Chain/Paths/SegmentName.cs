using System;
using System.Text;

namespace WeChatPay.Chain.Paths;

/// <summary>Turns a C# member name into a URL segment: <c>PreEntrustSign</c> → <c>pre-entrust-sign</c>, <c>_out_trade_no_</c> → <c>{out_trade_no}</c>.</summary>
internal static class SegmentName
{
    /// <summary>Normalises one member name; throws when the name cannot be a segment.</summary>
    /// <exception cref="ArgumentException">The name is empty or an empty template (<c>__</c>).</exception>
    public static string Normalize(string member)
    {
        if (string.IsNullOrEmpty(member))
            throw new ArgumentException("A chain member name cannot be empty.", nameof(member));

        if (IsTemplate(member))
        {
            if (member.Length == 2)
                throw new ArgumentException("'__' is an empty path template: name the value between the underscores, e.g. _out_trade_no_.", nameof(member));
            // Template names are kept verbatim: they are keys the caller supplies values for.
            return "{" + member.Substring(1, member.Length - 2) + "}";
        }

        var capitals = 0;
        for (var i = 1; i < member.Length; i++)
            if (member[i] >= 'A' && member[i] <= 'Z') capitals++;
        var first = member[0];
        if (capitals == 0 && !(first >= 'A' && first <= 'Z'))
            return member;

        var builder = new StringBuilder(member.Length + capitals);
        builder.Append(first >= 'A' && first <= 'Z' ? (char)(first + 32) : first);
        for (var i = 1; i < member.Length; i++)
        {
            var c = member[i];
            if (c >= 'A' && c <= 'Z')
                builder.Append('-').Append((char)(c + 32));
            else
                builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>True for a member that starts and ends with <c>_</c> and is longer than one character.</summary>
    public static bool IsTemplate(string member) =>
        member.Length >= 2 && member[0] == '_' && member[member.Length - 1] == '_';
}
