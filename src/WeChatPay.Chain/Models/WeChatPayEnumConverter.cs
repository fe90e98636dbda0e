using System;
using System.Collections.Concurrent;
using System.Reflection;
using Newtonsoft.Json;

namespace WeChatPay.Chain;

/// <summary>
/// Reads and writes a <see cref="WeChatPayEnum"/> as its text: a JSON string (a number, as some APIv2 answers send, is read as its
/// digits). The type must have a public constructor taking the text, as every generated one has.
/// </summary>
public sealed class WeChatPayEnumConverter : JsonConverter
{
    private static readonly ConcurrentDictionary<Type, ConstructorInfo> Constructors = new();

    /// <inheritdoc/>
    public override bool CanConvert(Type objectType) => typeof(WeChatPayEnum).IsAssignableFrom(objectType);

    /// <inheritdoc/>
    /// <exception cref="JsonSerializationException">The JSON is not a string or a number, or the type cannot be made from text.</exception>
    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
                return null;
            case JsonToken.String:
            case JsonToken.Integer:
            case JsonToken.Float:
            case JsonToken.Boolean:
                var text = Convert.ToString(reader.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                return Constructor(objectType).Invoke(new object[] { text });
            default:
                throw new JsonSerializationException($"{objectType.Name} is documented as text, but the JSON holds {reader.TokenType} (at {reader.Path}).");
        }
    }

    /// <inheritdoc/>
    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is WeChatPayEnum known) writer.WriteValue(known.Value);
        else writer.WriteNull();
    }

    private static ConstructorInfo Constructor(Type type) => Constructors.GetOrAdd(type, t =>
        t.GetConstructor(new[] { typeof(string) })
        ?? throw new JsonSerializationException($"{t.Name} has no public constructor taking its text, so it cannot be read."));
}
