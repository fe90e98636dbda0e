#if !NETSTANDARD2_0
using System;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
#endif
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Shared;

/// <summary>
/// An answer's JSON tree built from its UTF-8 bytes with System.Text.Json's reader (on net8.0+, precompiled with .NET), the
/// very tree <see cref="WeChatPayJson.TryParse(string)"/> builds from the text with Newtonsoft's reader, which a one-call script would
/// otherwise compile at start-up: objects, arrays, strings, integers as <see cref="long"/> (or <see cref="System.Numerics.BigInteger"/>),
/// bools and null, a repeated name's last value in its first place. It says null whenever it cannot promise that tree — on
/// netstandard2.0, for a number with a fraction or an exponent (Newtonsoft's own decimal parsing decides those), a depth over
/// 32, a comment, or anything the reader refuses — and the caller then parses the text as before. Tokens carry no line info.
/// </summary>
internal static class JsonTree
{
    public static JToken? TryRead(byte[] utf8)
    {
#if NETSTANDARD2_0
        _ = utf8;
        return null;
#else
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 32 });
            if (!reader.Read() || reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return null;
            JContainer root = reader.TokenType == JsonTokenType.StartObject ? new JObject() : new JArray();
            JContainer? current = root;
            string? name = null;
            while (reader.Read())
            {
                JToken value;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        name = reader.GetString();
                        continue;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        JContainer child = reader.TokenType == JsonTokenType.StartObject ? new JObject() : new JArray();
                        Add(current!, name, child);
                        current = child;
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        current = current!.Parent is JProperty property ? property.Parent : current.Parent;
                        continue;
                    case JsonTokenType.String:
                        value = new JValue(reader.GetString());
                        break;
                    case JsonTokenType.Number:
                        if (Integer(reader.ValueSpan) is not { } number) return null;
                        value = number;
                        break;
                    case JsonTokenType.True:
                    case JsonTokenType.False:
                        value = new JValue(reader.GetBoolean());
                        break;
                    case JsonTokenType.Null:
                        value = JValue.CreateNull();
                        break;
                    default:
                        return null;
                }
                Add(current!, name, value);
            }
            return root; // the reader refuses a second value or anything but white space after the first
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null; // a string that is not valid UTF-8 or UTF-16 once unescaped
        }
#endif
    }

#if !NETSTANDARD2_0
    // Newtonsoft reads an integer as a long, one that overflows a long as a BigInteger (up to 380 characters).
    private static JValue? Integer(ReadOnlySpan<byte> text)
    {
        if (text.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0 || text.Length > 380) return null;
        if (System.Buffers.Text.Utf8Parser.TryParse(text, out long number, out var used) && used == text.Length) return new JValue(number);
        return new JValue(BigInteger.Parse(Encoding.ASCII.GetString(text), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
    }

    private static void Add(JContainer parent, string? name, JToken value)
    {
        if (parent is JObject item) item[name!] = value;
        else parent.Add(value);
    }
#endif
}
