using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Tests.Shared;

/// <summary>What the JSON writer and reader tests generate and compare: random text, and each value's place and types.</summary>
internal static class JsonSamples
{
    /// <summary>Up to 11 UTF-16 code units, a quarter ASCII; with <paramref name="wholeCodePoints"/> no surrogate at all.</summary>
    public static string RandomText(Random random, bool wholeCodePoints = false)
    {
        var chars = new char[random.Next(12)];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = (char)(random.Next(4) == 0 ? random.Next(0, 0x80) : random.Next(0, wholeCodePoints ? 0xD800 : 0x10000));
        return new string(chars);
    }

    /// <summary>Every token's path and JSON type, and a value's CLR type: two trees that agree here hold the same kinds of value.</summary>
    public static IEnumerable<string> Types(JToken token) =>
        (token is JContainer container ? container.DescendantsAndSelf() : new[] { token }).Select(t => t is JValue value ? $"{t.Path}:{t.Type}:{value.Value?.GetType().Name}" : $"{t.Path}:{t.Type}");
}
