using System;
using System.Text;
using NUnit.Framework;
using WeChatPay.Chain.Shared;

namespace WeChatPay.Chain.Tests.Http;

/// <summary>
/// The check that lets an answer's JSON tree be built only when read says yes only where the parser reads an object or an
/// array; where it says no, the call parses as before (so an answer is accepted or refused exactly as before).
/// </summary>
public class JsonShapeTests
{
    [TestCase("{\"a\":1}", true)]
    [TestCase("[1,2]", true)]
    [TestCase("  {\"a\":{\"b\":[1,2.5,\"x\",null,true]}}\n", true)]
    [TestCase("{\"a\":1} /* a comment */", true)]
    [TestCase("{\"a\":\"微信支付\"}", true)]
    [TestCase("\"text\"", false)]
    [TestCase("123", false)]
    [TestCase("{\"a\":1", false)]
    [TestCase("{\"a\":1} x", false)]
    [TestCase("{\"a\":1}{\"b\":2}", false)]
    [TestCase("<html><body>502</body></html>", false)]
    [TestCase("{a:1}", false)]
    [TestCase("{\"a\":1e400}", false)]
    [TestCase("", false)]
    [TestCase("   ", false)]
    public void The_check_says_yes_only_where_the_parser_reads_an_object_or_array(string body, bool expected)
    {
        var yes = JsonShape.IsObjectOrArray(Encoding.UTF8.GetBytes(body));

#if LIBRARY_NETSTANDARD
        Assert.That(yes, Is.False, "the netstandard2.0 asset has no System.Text.Json: it always parses");
#else
        Assert.That(yes, Is.EqualTo(expected));
#endif
        if (yes) Assert.That(WeChatPayJson.TryParse(body), Is.Not.Null);
    }

    [Test]
    public void A_nesting_deeper_than_32_is_left_to_the_parser()
    {
        var deep = new string('[', 40) + new string(']', 40);

        Assert.That(JsonShape.IsObjectOrArray(Encoding.UTF8.GetBytes(deep)), Is.False);
        Assert.That(WeChatPayJson.TryParse(deep), Is.Not.Null);
    }

    [Test]
    public void Whatever_a_mutated_answer_holds_a_yes_is_always_one_the_parser_agrees_with()
    {
        const string answer = "{\"amount\":{\"currency\":\"CNY\",\"total\":100,\"rate\":6.5},\"appid\":\"wxd678efh567hg6787\",\"list\":[1,-2,3.25e2,true,null],\"note\":\"a\\\"b\\u4e2d\"}";
        const string pieces = "{}[]\",:.-+eE0123456789 \\/*nultrfasx中\u0000";
        var random = new Random(20261207);
        var problems = 0;
        for (var round = 0; round < 5000; round++)
        {
            var text = new StringBuilder(answer);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length + 1);
                if (random.Next(2) == 0 && at < text.Length) text.Remove(at, 1);
                else text.Insert(at, pieces[random.Next(pieces.Length)]);
            }
            var body = text.ToString();
            if (JsonShape.IsObjectOrArray(Encoding.UTF8.GetBytes(body)) && WeChatPayJson.TryParse(body) is null)
            {
                problems++;
                TestContext.Out.WriteLine("yes, but the parser refuses: " + body);
            }
        }

        Assert.That(problems, Is.Zero);
    }
}
