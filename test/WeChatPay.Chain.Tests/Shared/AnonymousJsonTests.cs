using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Shared;

namespace WeChatPay.Chain.Tests.Shared;

/// <summary>
/// An anonymous body walked without the contract serializer is the serializer's JSON with the library's settings, byte for
/// byte, as text and as a tree: checked against <see cref="JsonConvert.SerializeObject(object, JsonSerializerSettings)"/>
/// and <see cref="JToken.FromObject(object, JsonSerializer)"/> themselves, on every kind of value a body can hold.
/// </summary>
public class AnonymousJsonTests
{
    private enum Kind { None, Some = 7 }

    [JsonConverter(typeof(StringEnumConverter))]
    private enum Named { First, Second }

    private sealed class Order
    {
        public string? Id { get; set; }
        public int? Total { get; set; }
    }

    private static IEnumerable<TestCaseData> Bodies()
    {
        yield return Case("the seed's shape", new
        {
            appid = "wxd678efh567hg6787", mchid = "1230000109", out_trade_no = "1217752501201407033233368018",
            amount = new { total = 100, currency = "CNY" }, identity = new { real_name = "张三", id_card_number = "330821198809085211" },
        });
        yield return Case("empty", new { });
        yield return Case("null members left out", new { a = (string?)null, b = 1, c = (int?)null, d = (JToken?)null, e = new int?[] { null, 2 } });
        yield return Case("strings a writer escapes", new
        {
            quote = "\"q\"", backslash = "a\\b", control = "\u0001\u001f\t\n\r\b\f", nul = "a\0b", lineSeparators = "\u2028\u2029",
            html = "<script>&'", chinese = "微信支付", emoji = "😀👍🏽", lone = "\ud800x", del = "\u007f", empty = "",
        });
        yield return Case("integers", new { a = 0, b = int.MinValue, c = long.MaxValue, d = ulong.MaxValue, e = (short)-3, f = (byte)255, g = (sbyte)-1, h = uint.MaxValue, i = (ushort)9 });
        yield return Case("decimals", new { whole = 12535m, trailing = 100.00m, fraction = 0.01m, negative = -5.50m, big = 79228162514264337593543950335m, zero = 0m, nullable = (decimal?)3m });
        yield return Case("doubles", new { a = 1.0, b = 0.1, c = 1e300, d = -0.0, e = double.NaN, f = double.PositiveInfinity, g = 1.5f, h = float.Epsilon, i = 123456789012.0 });
        yield return Case("other values", new
        {
            yes = true, no = false, letter = 'x', quoteChar = '"', kind = Kind.Some, unnamed = (Kind)3, named = Named.Second,
            id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), span = TimeSpan.FromMinutes(90.5),
            bytes = new byte[] { 0, 1, 254, 255 }, noBytes = Array.Empty<byte>(),
        });
        yield return Case("dates", new
        {
            utc = new DateTime(2026, 12, 7, 8, 30, 15, 123, DateTimeKind.Utc), local = new DateTime(2026, 12, 7, 8, 30, 15, DateTimeKind.Local),
            unspecified = new DateTime(2026, 12, 7), offset = new DateTimeOffset(2026, 12, 7, 16, 30, 0, TimeSpan.FromHours(8)),
            ticks = new DateTime(638_000_000_000_000_001, DateTimeKind.Utc),
        });
        yield return Case("arrays", new
        {
            numbers = new[] { 1, 2, 3 }, none = Array.Empty<string>(), texts = new[] { "a", null, "c" },
            objects = new[] { new { n = 1, s = (string?)null }, new { n = 2, s = (string?)"x" } }, nested = new[] { new[] { 1m, 2.5m }, Array.Empty<decimal>() },
            matrix = new int[][] { new[] { 1 }, null! },
        });
        yield return Case("an array at the top", new[] { new { a = 1 }, new { a = 2 } });
        yield return Case("JSON trees inside", new
        {
            tree = JObject.Parse("{\"b\":1,\"c\":[true,null],\"d\":{\"e\":\"f\"}}"), nullValue = JValue.CreateNull(), number = new JValue(12535m),
            fraction = new JValue(1.25m), array = new JArray(1, "2"), raw = new JRaw("{\"x\": 1}"), trees = new[] { new JObject { ["z"] = 26 } },
        });
        yield return Case("deeply nested", new { a = new { b = new { c = new { d = new { e = new[] { new { f = 1 } } } } } } });
        yield return Case("keywords and odd names", new { @class = 1, 名字 = "n", _ = 2, Upper = 3 });

        // What the walker leaves to the serializer: the answer is the same either way.
        yield return Case("a dictionary inside", new { a = new Dictionary<string, object?> { ["x"] = 1, ["y"] = null } });
        yield return Case("a list inside", new { a = new List<int> { 1, 2 } });
        yield return Case("a class inside", new { a = new Order { Id = "O-1" } });
        yield return Case("a value typed object", new { a = (object)new { b = 1 } });
        yield return Case("an array of objects", new { a = new object?[] { 1, "x", null, new { c = 2 } } });
        yield return Case("a dictionary at the top", new Dictionary<string, object> { ["a"] = 1 });
        yield return Case("a class at the top", new Order { Total = 1 });
        yield return Case("a URI inside", new { a = new Uri("https://example.com/a?b=c") });
    }

    private static TestCaseData Case(string name, object body) => new TestCaseData(body).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Bodies))]
    public void Text_is_the_serializers_byte_for_byte(object body) =>
        Assert.That(WeChatPayJson.Serialize(body), Is.EqualTo(JsonConvert.SerializeObject(body, WeChatPayJson.Settings)));

    [TestCaseSource(nameof(Bodies))]
    public void The_tree_is_the_serializers(object body)
    {
        var expected = JToken.FromObject(body, WeChatPayJson.Serializer);
        var tree = WeChatPayJson.Tree(body);

        Assert.That(JToken.DeepEquals(tree, expected), Is.True, $"{tree.ToString(Formatting.None)}\n{expected.ToString(Formatting.None)}");
        Assert.That(tree.ToString(Formatting.None), Is.EqualTo(expected.ToString(Formatting.None)));
        Assert.That(JsonSamples.Types(tree), Is.EqualTo(JsonSamples.Types(expected)), "each value of the same JSON type");
    }

    [Test]
    public void Anonymous_objects_and_arrays_of_them_are_walked_and_the_rest_is_not()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AnonymousJson.Handles(new { a = 1, b = new[] { new { c = "x" } }, d = new JObject() }), Is.True);
            Assert.That(AnonymousJson.Handles(new[] { new { a = 1 } }), Is.True);
            Assert.That(AnonymousJson.Handles(new { a = new List<int>() }), Is.False, "a list may be a subclass with attributes of its own");
            Assert.That(AnonymousJson.Handles(new { a = (object)1 }), Is.False, "what an object holds is not known from its type");
            Assert.That(AnonymousJson.Handles(new { a = Named.First }), Is.False, "an enum with a converter of its own");
            Assert.That(AnonymousJson.Handles(new Order()), Is.False);
            Assert.That(AnonymousJson.Handles(new JObject()), Is.False, "a tree is written as it is, elsewhere");
        });
    }

    [Test]
    [NonParallelizable] // sets a process-wide default
    public void An_applications_default_settings_still_shape_the_text_as_before()
    {
        var body = new { kind = Kind.Some, amount = 100m, name = "x" };
        var earlier = JsonConvert.DefaultSettings;
        JsonConvert.DefaultSettings = () => new JsonSerializerSettings { Converters = { new StringEnumConverter() } };
        try
        {
            Assert.That(AnonymousJson.Handles(body), Is.False);
            Assert.That(WeChatPayJson.Serialize(body), Is.EqualTo("{\"kind\":\"Some\",\"amount\":100,\"name\":\"x\"}"));
        }
        finally
        {
            JsonConvert.DefaultSettings = earlier;
        }
        Assert.That(WeChatPayJson.Serialize(body), Is.EqualTo("{\"kind\":7,\"amount\":100,\"name\":\"x\"}"), "walked, without them");
    }

    [Test]
    public void Many_generated_bodies_match_the_serializer()
    {
        var random = new Random(20261207);
        for (var round = 0; round < 500; round++)
        {
            var body = new
            {
                text = JsonSamples.RandomText(random), number = (long)random.Next(int.MinValue, int.MaxValue) * random.Next(),
                amount = new decimal(random.Next(), random.Next(), 0, random.Next(2) == 0, (byte)random.Next(29)),
                ratio = random.NextDouble() * Math.Pow(10, random.Next(-20, 20)), flag = random.Next(2) == 0,
                items = Enumerable.Range(0, random.Next(4)).Select(_ => new { name = random.Next(3) == 0 ? null : JsonSamples.RandomText(random), n = random.Next() }).ToArray(),
            };
            Assert.That(WeChatPayJson.Serialize(body), Is.EqualTo(JsonConvert.SerializeObject(body, WeChatPayJson.Settings)), $"round {round}");
        }
    }
}
