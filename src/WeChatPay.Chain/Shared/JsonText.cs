using System;
using System.Globalization;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Shared;

/// <summary>
/// Compact JSON text written by the library itself, byte for byte what Newtonsoft's <see cref="JsonTextWriter"/> writes with
/// the library's settings: strings escaped as its default escaping does, integers, bools and null as it writes them. Any
/// other leaf (a fraction, a float, a date, a Guid, bytes…) goes through a <see cref="JsonTextWriter"/> of its own, one value.
/// So a one-call script's body is written by code precompiled with the library, where Newtonsoft's writer would be compiled
/// at start-up. A tree holding a token that is not a plain value (a comment, raw JSON, a constructor, undefined) is
/// <see cref="Refused"/>: the caller then writes the whole body with Newtonsoft.
/// </summary>
internal sealed class JsonText : JsonOutput
{
    private const string Hex = "0123456789abcdef";

    private readonly StringBuilder _text = new StringBuilder(256);
    private readonly bool _integralTokenDecimals;
    private StringWriter? _leaves;
    private bool _comma;

    public JsonText(bool integralTokenDecimals = true) => _integralTokenDecimals = integralTokenDecimals;

    /// <summary>Whether a token this writer leaves to Newtonsoft was met; the text is then unfinished and must not be used.</summary>
    public bool Refused { get; private set; }

    /// <summary>A tree as <c>token.ToString(Formatting.None)</c> writes it; null when the tree holds a token it leaves to Newtonsoft.</summary>
    public static string? Write(JToken token)
    {
        var text = new JsonText(integralTokenDecimals: false);
        text.Token(token);
        return text.Refused ? null : text.ToString();
    }

    public override string ToString() => _text.ToString();

    public override void StartObject()
    {
        Separate();
        _text.Append('{');
        _comma = false;
    }

    public override void EndObject()
    {
        _text.Append('}');
        _comma = true;
    }

    public override void StartArray()
    {
        Separate();
        _text.Append('[');
        _comma = false;
    }

    public override void EndArray()
    {
        _text.Append(']');
        _comma = true;
    }

    public override void Name(string name)
    {
        Separate();
        Quoted(name);
        _text.Append(':');
        _comma = false;
    }

    public override void Null() => Value("null");

    public override void Text(string text)
    {
        Separate();
        Quoted(text);
        _comma = true;
    }

    public override void Decimal(decimal value)
    {
        if (IntegralDecimalConverter.TryWhole(value, out var whole)) Value(whole.ToString(CultureInfo.InvariantCulture));
        else ByNewtonsoft(writer => writer.WriteValue(value));
    }

    public override void Leaf(object value)
    {
        switch (value)
        {
            case bool flag:
                Value(flag ? "true" : "false");
                break;
            case int or long or short or sbyte or byte or ushort or uint or ulong:
                Value(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                ByNewtonsoft(writer => writer.WriteValue(value));
                break;
        }
    }

    public override void Token(JToken token)
    {
        switch (token)
        {
            case JObject item:
                StartObject();
                for (var property = item.First as JProperty; property is not null && !Refused; property = property.Next as JProperty)
                {
                    Name(property.Name);
                    Token(property.Value);
                }
                EndObject();
                return;
            case JArray items:
                StartArray();
                for (var item = items.First; item is not null && !Refused; item = item.Next) Token(item);
                EndArray();
                return;
            case JValue value:
                Plain(value);
                return;
            default:
                Refused = true; // a constructor: never in a body the library builds
                return;
        }
    }

    private void Plain(JValue value)
    {
        switch (value.Type)
        {
            case JTokenType.Null:
                Null();
                return;
            case JTokenType.String when value.Value is string text:
                Text(text);
                return;
            case JTokenType.Integer:
            case JTokenType.Boolean:
                Leaf(value.Value!);
                return;
            case JTokenType.Float when _integralTokenDecimals && value.Value is decimal number:
                Decimal(number);
                return;
            case JTokenType.Comment:
            case JTokenType.Raw:
            case JTokenType.Undefined:
                Refused = true;
                return;
            default:
                ByNewtonsoft(writer => value.WriteTo(writer));
                return;
        }
    }

    private void Value(string text)
    {
        Separate();
        _text.Append(text);
        _comma = true;
    }

    // One leaf written by a JsonTextWriter of its own into the same text: alone, it writes the value and nothing around it.
    private void ByNewtonsoft(Action<JsonWriter> write)
    {
        Separate();
        _leaves ??= new StringWriter(_text, CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(_leaves) { CloseOutput = false }) write(writer);
        _comma = true;
    }

    private void Separate()
    {
        if (_comma) _text.Append(',');
    }

    // Newtonsoft's default escaping: the quote, the backslash, control characters, U+0085, U+2028 and U+2029; the short
    // forms where JSON has them, otherwise \u with four lowercase hex digits. Everything else, lone surrogates included, as is.
    private void Quoted(string text)
    {
        _text.Append('"');
        var run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= ' ' && c != '"' && c != '\\' && c != '\u0085' && c != '\u2028' && c != '\u2029') continue;
            _text.Append(text, run, i - run);
            run = i + 1;
            switch (c)
            {
                case '"': _text.Append("\\\""); break;
                case '\\': _text.Append("\\\\"); break;
                case '\t': _text.Append("\\t"); break;
                case '\n': _text.Append("\\n"); break;
                case '\r': _text.Append("\\r"); break;
                case '\f': _text.Append("\\f"); break;
                case '\b': _text.Append("\\b"); break;
                default:
                    _text.Append("\\u").Append(Hex[c >> 12]).Append(Hex[(c >> 8) & 0xf]).Append(Hex[(c >> 4) & 0xf]).Append(Hex[c & 0xf]);
                    break;
            }
        }
        _text.Append(text, run, text.Length - run).Append('"');
    }
}
