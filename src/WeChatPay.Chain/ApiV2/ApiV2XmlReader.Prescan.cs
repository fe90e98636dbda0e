using System;
using System.Xml;

namespace WeChatPay.Chain.ApiV2;

/// <summary>The scan that refuses declarations and entities before any parser sees the text.</summary>
internal static partial class ApiV2XmlReader
{
    private static readonly string[] PredefinedEntities = { "amp", "lt", "gt", "quot", "apos" };

    /// <summary>
    /// Refuses <c>&lt;!DOCTYPE</c> and every other <c>&lt;!</c> that does not open a comment or a CDATA section, and every entity
    /// reference (<c>&amp;name;</c>) that is not one of XML's five; CDATA sections, comments and processing instructions are
    /// skipped, so a value that merely mentions them is read as text.
    /// </summary>
    /// <exception cref="XmlException">The text holds a declaration or an entity reference.</exception>
    private static void Prescan(string xml)
    {
        for (var i = 0; i < xml.Length; i++)
        {
            var c = xml[i];
            if (c == '<' && i + 1 < xml.Length && (xml[i + 1] == '!' || xml[i + 1] == '?'))
            {
                string? close = xml[i + 1] == '?' ? "?>" : At(xml, i, "<!--") ? "-->" : At(xml, i, "<![CDATA[") ? "]]>" : null;
                if (close is null)
                    throw Own(
                        "The XML holds a document type declaration (<!DOCTYPE …>) or another markup declaration. APIv2 answers and " +
                        "notifications never carry one, and a DTD, an entity declaration or an external reference is not accepted: " +
                        "nothing in it was resolved, loaded or expanded.");
                var end = xml.IndexOf(close, i + 2, StringComparison.Ordinal);
                if (end < 0) return; // unterminated: the parser reports it
                i = end + close.Length - 1;
            }
            else if (c == '&')
            {
                var name = EntityName(xml, i + 1);
                if (name is not null && Array.IndexOf(PredefinedEntities, name) < 0)
                    throw Own(
                        "The XML refers to an entity other than XML's five (&amp; &lt; &gt; &quot; &apos;). APIv2 answers and " +
                        "notifications use none, and an entity is not accepted: it was not resolved or expanded.");
            }
        }
    }

    private static bool At(string text, int index, string what) =>
        string.CompareOrdinal(text, index, what, 0, what.Length) == 0;

    /// <summary>The name of an entity reference starting at <paramref name="start"/> (after '&amp;'), or null when it is a
    /// character reference or no reference at all (a bare '&amp;', which the parser refuses as malformed).</summary>
    private static string? EntityName(string xml, int start)
    {
        if (start >= xml.Length || !XmlConvert.IsStartNCNameChar(xml[start])) return null;
        var end = start + 1;
        while (end < xml.Length && (XmlConvert.IsNCNameChar(xml[end]) || xml[end] == ':')) end++;
        return end < xml.Length && xml[end] == ';' ? xml.Substring(start, end - start) : null;
    }
}
