using WeChatPay.Chain.Paths;
using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text;

namespace WeChatPay.Chain;

/// <summary>
/// The inverse of <see cref="SegmentName"/>: the C# member name a person writes in the chain to reach a documented segment
/// (<c>pre-entrust-sign</c> → <c>PreEntrustSign</c>, <c>{out_trade_no}</c> → <c>_out_trade_no_</c>, <c>video_upload</c> stays).
/// </summary>
internal static class MemberName
{
    private static readonly Lazy<HashSet<string>> NodeMembers = new Lazy<HashSet<string>>(ReadNodeMembers);

    // C# reserved keywords: a verbatim segment spelled like one would need '@' to be written.
    private static readonly HashSet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>
    /// The member name that <see cref="SegmentName.Normalize"/> turns back into exactly <paramref name="segment"/>: PascalCase when
    /// that round-trips, else the segment as written; null when no plain C# identifier reaches it (use the indexer there).
    /// </summary>
    public static string? FromSegment(string segment)
    {
        if (segment.Length == 0) return null;

        if (segment.Length > 2 && segment[0] == '{' && segment[segment.Length - 1] == '}')
        {
            var template = "_" + segment.Substring(1, segment.Length - 2) + "_";
            return Reaches(template, segment) ? template : null;
        }

        var pascal = Pascal(segment);
        if (Reaches(pascal, segment)) return pascal;
        return !Keywords.Contains(segment) && Reaches(segment, segment) ? segment : null;
    }

    /// <summary>
    /// For the typed chain only, where <see cref="FromSegment"/> finds no member: the segment as written, when it is a plain
    /// identifier that is no keyword, probe name or member of the node (<c>addInstitutionsub</c>, which a dynamic member would
    /// dash into <c>add-institutionsub</c>); the generated property reaches it as a literal segment. Null otherwise.
    /// </summary>
    public static string? AsWritten(string segment) =>
        IsIdentifier(segment) && !Keywords.Contains(segment) && !ProbeNames.Contains(segment) && !NodeMembers.Value.Contains(segment) ? segment : null;

    // Capitalises the first letter of every word, dropping '-' and '_' between words: complaints-v2 → ComplaintsV2.
    private static string Pascal(string segment)
    {
        var builder = new StringBuilder(segment.Length);
        var upper = true;
        foreach (var c in segment)
        {
            if (c == '-' || c == '_')
            {
                upper = true;
                continue;
            }

            builder.Append(upper && c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
            upper = false;
        }

        return builder.ToString();
    }

    // A usable member: an ASCII identifier that is neither a probe name nor a real member of the node, and normalises to the segment.
    private static bool Reaches(string member, string segment) =>
        IsIdentifier(member) && !ProbeNames.Contains(member) && !NodeMembers.Value.Contains(member) &&
        string.Equals(SegmentName.Normalize(member), segment, StringComparison.Ordinal);

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0) return false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
        }

        return true;
    }

    // Real members (Path, Chain, the verbs, Describe, ...) win over dynamic segments, so they cannot name one.
    private static HashSet<string> ReadNodeMembers()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in typeof(WeChatPayNode).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            names.Add(member.Name);
        return names;
    }
}
