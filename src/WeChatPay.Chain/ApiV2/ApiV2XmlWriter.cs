using System;
using System.Collections.Generic;
using System.Text;
using System.Xml;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.ApiV2;

/// <summary>
/// Writes an APIv2 request body: a flat <c>&lt;xml&gt;</c> root, no declaration, each field an element in the order given. A
/// value holding none of <c>&lt; &gt; &amp; ' "</c> is written as it is; one holding any of them goes into a CDATA section (the
/// spelling WeChat Pay and its reference SDKs use); an empty value is <c>&lt;k/&gt;</c>. The two values CDATA cannot carry
/// exactly, one holding <c>]]&gt;</c> or a carriage return (which a parser turns into a line feed), are entity-escaped instead
/// (<c>&amp;gt;</c>, <c>&amp;#xD;</c>, …), so every value reads back as it was signed.
/// </summary>
/// <remarks>
/// Values are strings only: the fields APIv2 documents as JSON (<c>detail</c>, <c>scene_info</c>, <c>receivers</c>, …) arrive
/// here already serialised by the layer above, which also leaves out the fields it has no value for. Everything is checked
/// before a byte is written, so nothing half-made is ever sent: a name that is not an XML element name (a letter or <c>_</c>,
/// then letters, digits, <c>_ - .</c>; no <c>:</c>), a name given twice, and a value holding a character XML 1.0 cannot carry
/// (a control character other than tab, line feed and carriage return, U+FFFE, U+FFFF, a lone surrogate) are each an
/// <see cref="ArgumentException"/> that names the field and what to fix, never the value.
/// </remarks>
internal static class ApiV2XmlWriter
{
    /// <summary>The root element of every APIv2 request.</summary>
    public const string Root = "xml";

    /// <summary>The request body for <paramref name="fields"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/>, a name or a value is null.</exception>
    /// <exception cref="ArgumentException">A name is not an XML element name or is given twice, or a value holds a character
    /// XML 1.0 cannot carry.</exception>
    public static string Write(IEnumerable<KeyValuePair<string, string>> fields)
    {
        if (fields is null) throw new ArgumentNullException(nameof(fields));
        var list = new List<KeyValuePair<string, string>>(fields);
        var length = 11 + Check(list);

        var xml = new StringBuilder(length).Append('<').Append(Root).Append('>');
        foreach (var field in list)
        {
            var value = field.Value;
            xml.Append('<').Append(field.Key);
            if (value.Length == 0)
            {
                xml.Append("/>");
                continue;
            }
            xml.Append('>');
            if (value.IndexOf('\r') >= 0 || value.IndexOf("]]>", StringComparison.Ordinal) >= 0) AppendEscaped(xml, value);
            else if (value.IndexOfAny(Markup) >= 0) xml.Append("<![CDATA[").Append(value).Append("]]>");
            else xml.Append(value);
            xml.Append("</").Append(field.Key).Append('>');
        }
        return xml.Append("</").Append(Root).Append('>').ToString();
    }

    private static readonly char[] Markup = { '<', '>', '&', '\'', '"' };

    private static void AppendEscaped(StringBuilder xml, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '<': xml.Append("&lt;"); break;
                case '>': xml.Append("&gt;"); break;
                case '&': xml.Append("&amp;"); break;
                case '"': xml.Append("&quot;"); break;
                case '\'': xml.Append("&apos;"); break;
                case '\r': xml.Append("&#xD;"); break;
                default: xml.Append(c); break;
            }
        }
    }

    /// <summary>
    /// Checks fields as <see cref="Write"/> does: names that are XML element names, each once, values XML 1.0 can carry. The
    /// v2 upload's form parts are such fields too (a name with a quote or a line break would rewrite a part's header).
    /// </summary>
    /// <returns>A size estimate of the fields as XML elements.</returns>
    /// <exception cref="ArgumentNullException">A name or a value is null.</exception>
    /// <exception cref="ArgumentException">A name is not an XML element name or is given twice, or a value holds a character XML 1.0 cannot carry.</exception>
    internal static int Check(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var length = 0;
        foreach (var field in fields)
        {
            var name = field.Key ?? throw new ArgumentNullException(nameof(fields), "A field has a null name.");
            var value = field.Value ?? throw new ArgumentNullException(nameof(fields), $"The {ApiV2Signature.Label(name)} field has a null value; leave the field out, or give an empty string.");
            CheckName(name);
            if (!names.Add(name))
                throw new ArgumentException($"The {ApiV2Signature.Label(name)} field is given twice; each APIv2 field appears once.", nameof(fields));
            CheckValue(name, value);
            length += (2 * name.Length) + value.Length + 16;
        }
        return length;
    }

    /// <summary>Refuses a name that is not an XML element name without a namespace prefix (an NCName).</summary>
    /// <exception cref="ArgumentException">The name is empty or is not an NCName.</exception>
    internal static void CheckName(string name)
    {
        if (name.Length == 0)
            throw new ArgumentException("A field has an empty name; an APIv2 field name is an XML element name such as out_trade_no.", "fields");
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i == 0 ? XmlConvert.IsStartNCNameChar(c) : XmlConvert.IsNCNameChar(c)) continue;
            var what = c == ':' ? "a ':' (a namespace prefix)"
                : i == 0 && XmlConvert.IsNCNameChar(c) ? $"{Describe(c)} at its start"
                : $"{Describe(c)} at index {i}";
            throw new ArgumentException(
                $"The {ApiV2Signature.Label(name)} field cannot be sent: its name holds {what}, and an APIv2 field name is an XML element " +
                "name (it starts with a letter or '_' and goes on with letters, digits, '_', '-' or '.'). Use the field name WeChat Pay documents.",
                "fields");
        }
    }

    /// <summary>Refuses a value holding a character XML 1.0 cannot carry, by the field's name and the character's index.</summary>
    /// <exception cref="ArgumentException">The value holds a control character other than tab, LF and CR, U+FFFE, U+FFFF or a lone surrogate.</exception>
    internal static void CheckValue(string name, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= ' ' && c < '\uD800') continue;
            if (c == '\t' || c == '\n' || c == '\r' || (c >= '\uE000' && c <= '\uFFFD')) continue;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            var what = char.IsSurrogate(c) ? $"a lone surrogate (U+{(int)c:X4})" : $"the character U+{(int)c:X4}";
            throw new ArgumentException(
                $"The {ApiV2Signature.Label(name)} field cannot be sent: its value holds {what} at index {i}, which XML 1.0 cannot carry " +
                "(control characters other than tab, line feed and carriage return, U+FFFE, U+FFFF and unpaired surrogates). " +
                "Remove it, or encode the value (e.g. base64) if WeChat Pay documents such an encoding for the field.",
                name);
        }
    }

    private static string Describe(char c) =>
        c > ' ' && c <= '~' ? $"'{c}'" : $"the character U+{(int)c:X4}";
}
