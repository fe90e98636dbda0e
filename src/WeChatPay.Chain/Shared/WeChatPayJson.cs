using System;
using System.Globalization;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Shared;

/// <summary>The library's one set of Newtonsoft settings: no type names, nulls omitted, non-ASCII written as-is, dates kept as text, whole decimals written as integers.</summary>
internal static class WeChatPayJson
{
    /// <summary>The shared settings (never mutated after start-up).</summary>
    public static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        NullValueHandling = NullValueHandling.Ignore,
        StringEscapeHandling = StringEscapeHandling.Default,
        Formatting = Formatting.None,
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Decimal,
        MetadataPropertyHandling = MetadataPropertyHandling.Ignore,
        MaxDepth = 64,
        Converters = { new IntegralDecimalConverter() },
    };

    /// <summary>A serializer built once from <see cref="Settings"/>.</summary>
    public static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

    /// <summary>Serializes a request body; a <see cref="JToken"/> as given, an anonymous object without the contract
    /// serializer (<see cref="AnonymousJson"/>), both written as compact text by <see cref="JsonText"/> where it can.</summary>
    public static string Serialize(object value)
    {
        if (value is JToken token) return Text(token);
        if (!AnonymousJson.Handles(value)) return JsonConvert.SerializeObject(value, Settings);
        var text = new JsonText();
        AnonymousJson.Write(text, value);
        if (!text.Refused) return text.ToString();
        var output = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(output)) AnonymousJson.Write(new JsonWriterOutput(writer), value);
        return output.ToString();
    }

    /// <summary>A JSON tree as compact text, as <c>token.ToString(Formatting.None)</c> writes it.</summary>
    public static string Text(JToken token) => JsonText.Write(token) ?? token.ToString(Formatting.None);

    /// <summary>A request body as a JSON tree, as <see cref="JToken.FromObject(object, JsonSerializer)"/> builds it with
    /// <see cref="Serializer"/>.</summary>
    public static JToken Tree(object value)
    {
        if (!AnonymousJson.Handles(value)) return JToken.FromObject(value, Serializer);
        using var writer = new JTokenWriter();
        AnonymousJson.Write(new JsonWriterOutput(writer), value);
        return writer.Token!;
    }

    /// <summary>Parses an answer's UTF-8 body as <see cref="TryParse(string)"/> parses its text: with System.Text.Json's reader
    /// where <see cref="JsonTree"/> vouches for the same tree, otherwise the text (<paramref name="text"/> when already decoded).</summary>
    public static JToken? TryParse(byte[] utf8, string? text) => JsonTree.TryRead(utf8) ?? TryParse(text ?? Encoding.UTF8.GetString(utf8));

    /// <summary>Parses JSON text without turning dates into <see cref="DateTime"/>; null when the text is empty or not JSON.</summary>
    public static JToken? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var first = text.TrimStart()[0];
        if (first != '{' && first != '[') return null;
        try
        {
            return Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Parses JSON text without turning dates into <see cref="DateTime"/>.</summary>
    /// <exception cref="JsonReaderException">The text is not JSON.</exception>
    public static JToken Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
            MaxDepth = 64,
        };
        var token = JToken.ReadFrom(reader);
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment)
                throw new JsonReaderException("Additional text found after the JSON value.");
        }
        return token;
    }
}
