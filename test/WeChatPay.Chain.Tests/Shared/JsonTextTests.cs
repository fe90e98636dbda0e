using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Shared;

namespace WeChatPay.Chain.Tests.Shared;

/// <summary>
/// The library's own compact JSON text is Newtonsoft's, byte for byte: every UTF-16 code unit in a string, every kind of
/// value a tree can hold, and trees it leaves to Newtonsoft (comments, raw JSON, undefined) still come out as Newtonsoft writes them.
/// </summary>
public class JsonTextTests
{
    [Test]
    public void Every_code_unit_is_escaped_as_Newtonsoft_escapes_it()
    {
        var all = new string(Enumerable.Range(0, 0x10000).Select(c => (char)c).ToArray());
        var expected = JsonConvert.SerializeObject(new { all }, WeChatPayJson.Settings);

        Assert.That(WeChatPayJson.Serialize(new { all }), Is.EqualTo(expected), "an anonymous body");
        Assert.That(WeChatPayJson.Text(new JObject { ["all"] = all }), Is.EqualTo(expected), "a tree");
        Assert.That(WeChatPayJson.Serialize(new { all = new[] { all, "a\"b" } }), Is.EqualTo(JsonConvert.SerializeObject(new { all = new[] { all, "a\"b" } }, WeChatPayJson.Settings)));
    }

    private static IEnumerable<TestCaseData> Trees()
    {
        yield return Case("empty object", new JObject());
        yield return Case("empty array", new JArray());
        yield return Case("nested", JObject.Parse("{\"a\":{\"b\":[1,[2,[]],{}],\"c\":{}},\"d\":[{\"e\":null}]}"));
        yield return Case("strings", new JObject { ["q"] = "\"\\/\u0000\u001f\u007f\u0085\u2028\u2029微信😀", ["lone"] = "\ud800", ["empty"] = "", ["名字"] = "n" });
        yield return Case("a null string and a char", new JObject { ["s"] = new JValue((string?)null), ["c"] = new JValue('x'), ["quote"] = new JValue('"') });
        yield return Case("integers", new JArray(0, -1, int.MinValue, long.MaxValue, long.MinValue, ulong.MaxValue, new JValue(BigInteger.Pow(10, 30)), (byte)7, (short)-7, (uint)7));
        yield return Case("decimals", new JArray(12535m, 100.00m, 0.01m, -5.50m, 79228162514264337593543950335m, 0m));
        yield return Case("floats", new JArray(1.0, 0.1, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, 1.5f, float.MaxValue));
        yield return Case("bools and null", new JArray(true, false, JValue.CreateNull(), new JValue((object?)null)));
        yield return Case("other values", new JArray(
            new DateTime(2026, 12, 7, 8, 30, 15, 123, DateTimeKind.Utc), new DateTimeOffset(2026, 12, 7, 16, 30, 0, TimeSpan.FromHours(8)),
            Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), new Uri("https://example.com/a?b=c"), TimeSpan.FromMinutes(90.5),
            new byte[] { 0, 1, 254, 255 }));
        yield return Case("parsed answer-like text", JObject.Parse("{\"amount\":{\"total\":100,\"payer_total\":99.5},\"time\":\"2026-12-07T08:30:15+08:00\",\"ok\":true,\"list\":[\"a\",\"b\"]}"));
        // Left to Newtonsoft whole: the result is still its text.
        yield return Case("a comment", new JArray(1, JValue.CreateComment("note"), 2));
        yield return Case("raw JSON", new JObject { ["a"] = 1, ["raw"] = new JRaw("{\"x\": 1}"), ["b"] = 2 });
        yield return Case("undefined", new JObject { ["u"] = JValue.CreateUndefined() });
        yield return Case("a constructor", new JObject { ["d"] = new JConstructor("Date", 1) });
    }

    private static TestCaseData Case(string name, JToken tree) => new TestCaseData(tree).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Trees))]
    public void A_tree_is_written_as_Newtonsoft_writes_it(JToken tree) =>
        Assert.That(WeChatPayJson.Text(tree), Is.EqualTo(tree.ToString(Formatting.None)));

    [TestCaseSource(nameof(Trees))]
    public void A_tree_inside_an_anonymous_body_is_written_as_the_serializer_writes_it(JToken tree)
    {
        var body = new { before = 1, tree, after = new[] { tree, tree } };
        Assert.That(WeChatPayJson.Serialize(body), Is.EqualTo(JsonConvert.SerializeObject(body, WeChatPayJson.Settings)));
    }

    [Test]
    public void Trees_it_cannot_write_itself_are_refused_and_nothing_else()
    {
        Assert.Multiple(() =>
        {
            foreach (var refused in new JToken[] { new JArray(JValue.CreateComment("c")), new JObject { ["r"] = new JRaw("1") }, JValue.CreateUndefined(), new JConstructor("D") })
                Assert.That(JsonText.Write(refused), Is.Null, refused.Type.ToString());
            foreach (var written in new JToken[] { new JObject { ["d"] = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) }, new JArray(1.5, Guid.Empty) })
                Assert.That(JsonText.Write(written), Is.EqualTo(written.ToString(Formatting.None)));
        });
    }

    [Test]
    public void Many_generated_trees_match_Newtonsoft()
    {
        var random = new Random(20261208);
        for (var round = 0; round < 300; round++)
        {
            var tree = RandomToken(random, 0);
            Assert.That(WeChatPayJson.Text(tree), Is.EqualTo(tree.ToString(Formatting.None)), $"round {round}");
        }
    }

    private static JToken RandomToken(Random random, int depth)
    {
        switch (random.Next(depth > 3 ? 6 : 8))
        {
            case 0: return JsonSamples.RandomText(random);
            case 1: return (long)random.Next(int.MinValue, int.MaxValue) * random.Next();
            case 2: return new decimal(random.Next(), random.Next(), 0, random.Next(2) == 0, (byte)random.Next(29));
            case 3: return random.NextDouble() * Math.Pow(10, random.Next(-20, 20));
            case 4: return random.Next(2) == 0;
            case 5: return JValue.CreateNull();
            case 6:
                var item = new JObject();
                for (var i = random.Next(4); i > 0; i--) item[JsonSamples.RandomText(random) + i] = RandomToken(random, depth + 1);
                return item;
            default:
                return new JArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomToken(random, depth + 1)));
        }
    }
}
