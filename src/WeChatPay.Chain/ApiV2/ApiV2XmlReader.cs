using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Xml;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.ApiV2;

/// <summary>
/// Reads an APIv2 answer, notification or decrypted <c>req_info</c>: one root element (<c>xml</c>, <c>root</c>, as given) of flat
/// fields, returned in document order with CDATA and entity-escaped text alike turned into plain text.
/// </summary>
/// <remarks>
/// Safe by construction: a document type declaration, any other markup declaration and any entity reference besides XML's
/// five (and character references) are refused by a scan before the text reaches a parser, and the parser itself runs with
/// <see cref="DtdProcessing.Prohibit"/>, no <see cref="XmlResolver"/> and a character limit, so nothing is ever resolved,
/// loaded or expanded. Malformed XML, a field holding elements, text outside the fields and a field given twice are refused
/// too. Every refusal is an <see cref="XmlException"/> whose message names what is wrong (a field by its name, a place by
/// line and position) and never shows a value. Comments and processing instructions are skipped; attributes are ignored;
/// white space between fields is ignored and white space inside a field is kept (it is signed).
/// </remarks>
internal static partial class ApiV2XmlReader
{
    /// <summary>The default limit: 1,048,576 characters, far above any documented APIv2 answer or notification.</summary>
    public const int DefaultMaxCharacters = 1 << 20;

    /// <summary>Reads the flat fields of <paramref name="xml"/>.</summary>
    /// <param name="xml">The document, as received.</param>
    /// <param name="maxCharacters">The longest document accepted, in characters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="xml"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCharacters"/> is not positive.</exception>
    /// <exception cref="XmlException">The document is longer than the limit, holds a DTD or an entity, is not well-formed, or is
    /// not flat fields each given once.</exception>
    public static ApiV2Fields Read(string xml, int maxCharacters = DefaultMaxCharacters)
    {
        if (xml is null) throw new ArgumentNullException(nameof(xml));
        if (maxCharacters <= 0) throw new ArgumentOutOfRangeException(nameof(maxCharacters), maxCharacters, "The limit must be positive.");
        if (xml.Length > maxCharacters)
            throw new XmlException(string.Format(CultureInfo.InvariantCulture,
                "The XML is {0} characters long, more than the {1} accepted; it was not read.", xml.Length, maxCharacters));
        Prescan(xml);

        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), Settings(maxCharacters));
            return ReadFields(reader);
        }
        catch (XmlException e) when (!IsOwn(e))
        {
            // The parser's own message can quote a name or a piece of text from the document: only the place is kept.
            throw new XmlException(
                "The XML is not well-formed (a tag left open or mismatched, a bare '<' or '&', text after the root, or an unexpected end); no field was read.",
                null, e.LineNumber, e.LinePosition);
        }
    }

    /// <summary>The parser's settings, the second line of defence behind the scan: DTDs prohibited (an error, not skipped),
    /// no resolver, the character limit, comments and processing instructions skipped, white space reported.</summary>
    internal static XmlReaderSettings Settings(int maxCharacters) => new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CheckCharacters = true,
        ConformanceLevel = ConformanceLevel.Document,
        CloseInput = true,
    };

    private static ApiV2Fields ReadFields(XmlReader reader)
    {
        reader.MoveToContent();
        var root = reader.Name;
        var fields = new List<KeyValuePair<string, string>>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!reader.IsEmptyElement)
        {
            while (reader.Read() && reader.NodeType != XmlNodeType.EndElement)
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        var name = reader.Name;
                        if (!names.Add(name))
                            throw Own($"The {ApiV2Signature.Label(name)} field appears twice; each field of an APIv2 document is given once (a second one could differ from the one that was signed).", reader);
                        fields.Add(new KeyValuePair<string, string>(name, ReadText(reader, name)));
                        break;
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        break;
                    default:
                        throw Own("The XML holds text directly inside its root element, outside any field; an APIv2 document is flat fields only.", reader);
                }
            }
        }
        while (reader.Read())
        {
            // Only white space, comments and processing instructions may follow the root; the parser refuses anything else.
        }
        return new ApiV2Fields(root, fields);
    }

    private static string ReadText(XmlReader reader, string name)
    {
        if (reader.IsEmptyElement) return string.Empty;
        var text = new StringBuilder();
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    text.Append(reader.Value);
                    break;
                case XmlNodeType.EndElement:
                    return text.ToString();
                default:
                    throw Own($"The {ApiV2Signature.Label(name)} field holds an element; an APIv2 field is text, not nested XML.", reader);
            }
        }
        throw Own($"The XML ends inside the {ApiV2Signature.Label(name)} field.", reader);
    }

    private const string OwnMarker = "WeChatPay.Chain.ApiV2";

    private static XmlException Own(string message, XmlReader reader)
    {
        var info = reader as IXmlLineInfo;
        var e = new XmlException(message, null, info?.LineNumber ?? 0, info?.LinePosition ?? 0);
        e.Data[OwnMarker] = true;
        return e;
    }

    private static XmlException Own(string message)
    {
        var e = new XmlException(message);
        e.Data[OwnMarker] = true;
        return e;
    }

    private static bool IsOwn(XmlException e) => e.Data.Contains(OwnMarker);
}
