#if !NETSTANDARD2_0
using System;
using System.Text.Json;
#endif

namespace WeChatPay.Chain.Shared;

/// <summary>
/// Whether an answer's UTF-8 body is one JSON object or array and nothing after it, told without building anything (on
/// net8.0+, System.Text.Json's reader, which allocates nothing), so that the tree is built only when the answer is read.
/// It says false whenever it cannot promise that <see cref="WeChatPayJson.TryParse(string)"/> reads the body — netstandard2.0, a
/// reader error, a depth over 32, a fraction outside <see cref="decimal"/>: the caller then parses it as before.
/// </summary>
internal static class JsonShape
{
    private const int MaxDepth = 32; // stricter than the parser's 64: what passes here, the parser reads

    public static bool IsObjectOrArray(byte[] utf8)
    {
#if NETSTANDARD2_0
        _ = utf8;
        return false;
#else
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return false;
            while (reader.Read())
            {
                // Newtonsoft reads a number with a fraction or an exponent as a decimal (FloatParseHandling.Decimal), and fails where it does not fit.
                if (reader.TokenType == JsonTokenType.Number && reader.ValueSpan.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0 && !reader.TryGetDecimal(out _))
                    return false;
            }
            return true; // the reader refuses a second value or anything but white space and comments after the first
        }
        catch (JsonException)
        {
            return false;
        }
#endif
    }
}
