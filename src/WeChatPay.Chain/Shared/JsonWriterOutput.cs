using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Shared;

/// <summary>A <see cref="JsonOutput"/> over one of Newtonsoft's writers: a <see cref="JTokenWriter"/> for a tree, a <see cref="JsonTextWriter"/> for text.</summary>
internal sealed class JsonWriterOutput : JsonOutput
{
    private static readonly JsonConverter[] Converters = { new IntegralDecimalConverter() };

    private readonly JsonWriter _writer;

    public JsonWriterOutput(JsonWriter writer) => _writer = writer;

    public override void StartObject() => _writer.WriteStartObject();

    public override void EndObject() => _writer.WriteEndObject();

    public override void StartArray() => _writer.WriteStartArray();

    public override void EndArray() => _writer.WriteEndArray();

    public override void Name(string name) => _writer.WritePropertyName(name);

    public override void Null() => _writer.WriteNull();

    public override void Text(string text) => _writer.WriteValue(text);

    public override void Decimal(decimal value) => IntegralDecimalConverter.Write(_writer, value);

    public override void Leaf(object value) => _writer.WriteValue(value);

    public override void Token(JToken token) => token.WriteTo(_writer, Converters);
}
