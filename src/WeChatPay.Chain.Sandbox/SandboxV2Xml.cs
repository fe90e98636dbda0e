using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Xml;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// The sandbox's own APIv2 XML: reads a request body as WeChat Pay's flat <c>&lt;xml&gt;</c> of fields (any DTD refused
/// before anything is resolved, no resolver, a size limit, no nesting, no repeated field) and writes answers the way
/// WeChat Pay does (strings in CDATA, integers plain). It never calls the client's XML code.
/// </summary>
internal static class SandboxV2Xml
{
    /// <summary>The largest body read as XML (bytes).</summary>
    public const int MaxBytes = 256 * 1024;

    private const int MaxFields = 512;

    /// <summary>Reads the flat fields of <paramref name="body"/>; false with a reason safe to show (never a value) when it is not one.</summary>
    public static bool TryParse(byte[] body, out Dictionary<string, string> fields, out string why)
    {
        fields = new Dictionary<string, string>(StringComparer.Ordinal);
        why = string.Empty;
        if (body.Length == 0) { why = "the body is empty"; return false; }
        if (body.Length > MaxBytes) { why = "the body is larger than " + (MaxBytes / 1024) + " KiB"; return false; }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxBytes,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = true,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body, writable: false), settings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "xml" || reader.NamespaceURI.Length != 0)
            {
                why = "the root element is not <xml>";
                return false;
            }
            if (reader.IsEmptyElement) return true;
            reader.Read();
            while (reader.NodeType != XmlNodeType.EndElement)
            {
                if (reader.NodeType != XmlNodeType.Element) { why = "text outside a field"; return false; }
                var name = reader.LocalName;
                if (fields.ContainsKey(name)) { why = "the field " + name + " is repeated"; return false; }
                if (fields.Count == MaxFields) { why = "more than " + MaxFields + " fields"; return false; }
                fields[name] = ReadValue(reader, name, out why);
                if (why.Length > 0) return false;
            }
            return true;
        }
        catch (XmlException)
        {
            // Not echoed: the message of a parser exception may quote the input.
            why = "not well-formed XML, or a DTD (refused)";
            return false;
        }
        catch (DecoderFallbackException)
        {
            why = "not valid text in its encoding";
            return false;
        }
        catch (ArgumentException)
        {
            why = "an unsupported encoding";
            return false;
        }
    }

    // The text of one field element (text and CDATA only); the reader ends after its end tag.
    private static string ReadValue(XmlReader reader, string name, out string why)
    {
        why = string.Empty;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }
        var value = new StringBuilder();
        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace))
            {
                why = "the field " + name + " is not flat";
                return string.Empty;
            }
            value.Append(reader.Value);
            reader.Read();
        }
        reader.Read();
        return value.ToString();
    }

    /// <summary>
    /// An answer or notification body: <c>&lt;xml&gt;</c> (or <paramref name="root"/>) of the fields in order, strings in
    /// CDATA, integers plain; fields whose name is not a plain XML name are left out.
    /// </summary>
    public static byte[] Write(IEnumerable<KeyValuePair<string, string>> fields, string root = "xml")
    {
        var xml = new StringBuilder("<").Append(root).Append('>');
        foreach (var (name, value) in fields)
        {
            if (!IsName(name)) continue;
            xml.Append('<').Append(name).Append('>');
            if (value.Length > 0 && IsInteger(value)) xml.Append(value);
            else xml.Append("<![CDATA[").Append(value.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal)).Append("]]>");
            xml.Append("</").Append(name).Append('>');
        }
        return Encoding.UTF8.GetBytes(xml.Append("</").Append(root).Append('>').ToString());
    }

    private static bool IsInteger(string value)
    {
        foreach (var c in value) if (c is < '0' or > '9') return false;
        return true;
    }

    /// <summary>Whether <paramref name="name"/> is a plain field name: ASCII letters, digits and <c>_</c>, not starting with a digit.</summary>
    public static bool IsName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0])) return false;
        foreach (var c in name) if (!char.IsAsciiLetterOrDigit(c) && c != '_') return false;
        return true;
    }
}
