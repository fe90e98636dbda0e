using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Shared;

namespace WeChatPay.Chain.Tests.Shared;

/// <summary>
/// An answer's tree read from its bytes by System.Text.Json's reader is the tree Newtonsoft reads from its text, value for
/// value and type for type, or it is not built at all (null: the caller parses the text as before).
/// </summary>
public class JsonTreeTests
{
    private static IEnumerable<TestCaseData> Built()
    {
        yield return Case("an answer", "{\"prepay_id\":\"wx2614\",\"amount\":{\"total\":100,\"currency\":\"CNY\"},\"ok\":true,\"none\":null,\"list\":[1,\"a\",{},[]]}");
        yield return Case("an array at the top", " [ {\"a\" : 1} , 2 ]\r\n\t");
        yield return Case("escapes and Chinese", "{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\u4e2d 微信 😀 \\ud83d\\ude00\",\"\\u540d\":\"n\"}");
        yield return Case("integers at the edges", "[0,-0,7,-1,9223372036854775807,-9223372036854775808,9223372036854775808,-9223372036854775809,123456789012345678901234567890]");
        yield return Case("a repeated name", "{\"a\":1,\"b\":2,\"a\":{\"c\":3}}");
        yield return Case("empty containers and an empty name", "{\"\":[],\"x\":{}}");
        yield return Case("deep to 32", string.Concat(Enumerable.Repeat("[", 32)) + string.Concat(Enumerable.Repeat("]", 32)));
    }

    private static IEnumerable<TestCaseData> Left()
    {
        yield return Case("a fraction", "{\"rate\":0.5}");
        yield return Case("an exponent", "{\"n\":1e2}");
        yield return Case("deeper than 32", string.Concat(Enumerable.Repeat("[", 33)) + string.Concat(Enumerable.Repeat("]", 33)));
        yield return Case("a comment", "{\"a\":1/*note*/}");
        yield return Case("a byte order mark", "\ufeff{\"a\":1}");
        yield return Case("a lone surrogate escape", "{\"a\":\"\\ud800\"}");
        yield return Case("a bare value", "\"text\"");
        yield return Case("text after the value", "{\"a\":1} x");
        yield return Case("a trailing comma", "{\"a\":1,}");
        yield return Case("single quotes", "{'a':1}");
        yield return Case("a leading zero", "{\"a\":01}");
        yield return Case("a raw control character", "{\"a\":\"x\u0001y\"}");
        yield return Case("no-break space between tokens", "{\"a\":\u00a01}");
        yield return Case("not JSON", "<html>");
        yield return Case("empty", "");
    }

    private static TestCaseData Case(string name, string text) => new TestCaseData(text).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Built))]
    public void A_plain_answer_is_read_into_Newtonsofts_tree(string text)
    {
        var tree = JsonTree.TryRead(Encoding.UTF8.GetBytes(text));
#if LIBRARY_NETSTANDARD
        Assert.That(tree, Is.Null, "netstandard2.0 leaves every answer to Newtonsoft");
#else
        var expected = WeChatPayJson.TryParse(text)!;
        Assert.That(tree, Is.Not.Null);
        Assert.That(JToken.DeepEquals(tree, expected), Is.True, $"{tree!.ToString(Formatting.None)}\n{expected.ToString(Formatting.None)}");
        Assert.That(JsonSamples.Types(tree), Is.EqualTo(JsonSamples.Types(expected)), "each value of the same JSON and CLR type, in the same place");
#endif
    }

    [TestCaseSource(nameof(Left))]
    public void What_it_cannot_vouch_for_is_left_to_Newtonsoft(string text) =>
        Assert.That(JsonTree.TryRead(Encoding.UTF8.GetBytes(text)), Is.Null);

    [Test]
    public void Invalid_UTF8_in_a_string_is_left_to_Newtonsoft() =>
        Assert.That(JsonTree.TryRead(new byte[] { (byte)'[', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)']' }), Is.Null);

    [Test]
    public void Many_generated_answers_read_as_Newtonsoft_reads_them()
    {
        var random = new Random(20261208);
        for (var round = 0; round < 300; round++)
        {
            var text = RandomObject(random, 0).ToString(random.Next(2) == 0 ? Formatting.None : Formatting.Indented);
            var tree = JsonTree.TryRead(Encoding.UTF8.GetBytes(text));
#if LIBRARY_NETSTANDARD
            Assert.That(tree, Is.Null);
#else
            var expected = WeChatPayJson.TryParse(text)!;
            Assert.That(tree, Is.Not.Null, text);
            Assert.That(JsonSamples.Types(tree!), Is.EqualTo(JsonSamples.Types(expected)), text);
            Assert.That(JToken.DeepEquals(tree, expected), Is.True, text);
#endif
        }
    }

    private static JObject RandomObject(Random random, int depth)
    {
        var item = new JObject();
        for (var i = random.Next(5); i > 0; i--)
        {
            item[JsonSamples.RandomText(random, wholeCodePoints: true) + i] = random.Next(depth > 3 ? 4 : 6) switch
            {
                0 => JsonSamples.RandomText(random, wholeCodePoints: true),
                1 => random.Next(3) == 0 ? new JValue(new System.Numerics.BigInteger(long.MaxValue) * random.Next(2, 1000)) : new JValue((long)random.Next(int.MinValue, int.MaxValue) * random.Next()),
                2 => random.Next(2) == 0,
                3 => JValue.CreateNull(),
                4 => RandomObject(random, depth + 1),
                _ => new JArray(Enumerable.Range(0, random.Next(4)).Select(_ => (JToken)RandomObject(random, depth + 1))),
            };
        }
        return item;
    }
}
