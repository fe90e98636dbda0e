using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Sandbox;

/// <summary>The sandbox's JSON reading and writing: dates stay text, no type names, nulls left out.</summary>
internal static class SandboxJson
{
    private static readonly JsonSerializerSettings Settings = new()
    {
        TypeNameHandling = TypeNameHandling.None,
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
        MaxDepth = 64,
    };

    /// <summary>Parses one JSON value; the whole text must be that value.</summary>
    /// <exception cref="JsonReaderException">The text is not JSON.</exception>
    public static JToken Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal, MaxDepth = 64 };
        var token = JToken.ReadFrom(reader);
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment) throw new JsonReaderException("Additional text found after the JSON value.");
        }
        return token;
    }

    /// <summary>Writes a value as compact JSON.</summary>
    public static string Serialize(object value) => value is JToken token ? token.ToString(Formatting.None) : JsonConvert.SerializeObject(value, Settings);
}
