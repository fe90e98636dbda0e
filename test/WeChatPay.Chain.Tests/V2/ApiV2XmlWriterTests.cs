using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using NUnit.Framework;
using WeChatPay.Chain.ApiV2;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Crypto;

namespace WeChatPay.Chain.Tests.V2;

public sealed class ApiV2XmlWriterTests
{
    public static IEnumerable<TestCaseData> Requests() => V2TestData.Named("xml_requests");

    [TestCaseSource(nameof(Requests))]
    public void Each_request_vector_is_signed_by_its_type_and_written_as_the_reference_SDK_writes_it(JsonElement c)
    {
        List<KeyValuePair<string, string>> sent = ApiV2Signature.WithSign(V2TestData.Fields(c.GetProperty("params")), V2TestData.ApiV2Key);

        Assert.That(ApiV2Signature.NameOf(ApiV2Signature.SignTypeOf(sent)), Is.EqualTo(c.String("sign_type")));
        Assert.That(sent[^1], Is.EqualTo(new KeyValuePair<string, string>("sign", c.String("sign"))));
        Assert.That(ApiV2XmlWriter.Write(sent), Is.EqualTo(c.String("xml")));
    }

    [TestCaseSource(nameof(Requests))]
    public void Each_written_request_parses_back_to_its_fields_in_order(JsonElement c)
    {
        List<KeyValuePair<string, string>> sent = ApiV2Signature.WithSign(V2TestData.Fields(c.GetProperty("params")), V2TestData.ApiV2Key);

        Assert.That(Parse(ApiV2XmlWriter.Write(sent)), Is.EqualTo(sent));
    }

    [TestCase("</attach><total_fee>0</total_fee><attach>")]
    [TestCase("<![CDATA[x]]>")]
    [TestCase("a]]>b")]
    [TestCase("]]>")]
    [TestCase("]]]]><![CDATA[>")]
    [TestCase("&amp; &lt; &#x41; &xxe;")]
    [TestCase("line\r\nbreaks\rand\nmore\r")]
    [TestCase("\r")]
    [TestCase("\t tab and spaces \t")]
    [TestCase(" ")]
    [TestCase("'single' and \"double\" quotes")]
    [TestCase("{\"goods_detail\":[{\"goods_id\":\"1\",\"goods_name\":\"<b>\"}]}")]
    [TestCase("表情🙏 and U+FFFD \uFFFD")]
    public void Attacker_style_values_are_written_so_that_they_read_back_exactly_as_one_field(string value)
    {
        List<KeyValuePair<string, string>> fields = ApiV2SigningTests.Pairs(("appid", "wx1"), ("attach", value), ("total_fee", "888"));

        string xml = ApiV2XmlWriter.Write(fields);

        Assert.That(Parse(xml), Is.EqualTo(fields), xml);
    }

    [Test]
    public void An_empty_value_is_an_empty_element()
    {
        Assert.That(ApiV2XmlWriter.Write(ApiV2SigningTests.Pairs(("scene_id", ""))), Is.EqualTo("<xml><scene_id/></xml>"));
        Assert.That(ApiV2XmlWriter.Write(new List<KeyValuePair<string, string>>()), Is.EqualTo("<xml></xml>"));
    }

    // Code units, not strings: C# writes attribute strings as UTF-8, which would turn a lone surrogate into U+FFFD.
    [TestCase("", 0x0000, "", "U+0000 at index 7")]
    [TestCase("a", 0x0001, "b", "U+0001 at index 8")]
    [TestCase("", 0x001F, "", "U+001F")]
    [TestCase("x", 0xFFFE, "", "U+FFFE at index 8")]
    [TestCase("", 0xFFFF, "", "U+FFFF")]
    [TestCase("ab", 0xD800, "", "a lone surrogate (U+D800) at index 9")]
    [TestCase("", 0xDC00, "x", "a lone surrogate (U+DC00) at index 7")]
    public void A_value_XML_cannot_carry_is_refused_naming_the_field_and_the_character_not_the_value(string before, int unit, string after, string expected)
    {
        string value = before + (char)unit + after;
        string secret = "secret-" + value;
        ArgumentException? ex = Assert.Throws<ArgumentException>(
            () => ApiV2XmlWriter.Write(ApiV2SigningTests.Pairs(("appid", "wx1"), ("attach", secret))));

        Assert.That(ex!.ParamName, Is.EqualTo("attach"));
        Assert.That(ex.Message, Does.Contain("\"attach\" field").And.Contain(expected));
        Assert.That(ex.Message, Does.Not.Contain("secret-"));
    }

    [TestCase("detail[0]", "'[' at index 6")]
    [TestCase("a b", "U+0020 at index 1")]
    [TestCase("1abc", "'1' at its start")]
    [TestCase("-abc", "'-' at its start")]
    [TestCase("ns:field", "a ':' (a namespace prefix)")]
    [TestCase("<x>", "'<' at index 0")]
    [TestCase("a/b", "'/' at index 1")]
    [TestCase("a\nb", "U+000A at index 1")]
    public void A_name_that_is_not_an_XML_element_name_is_refused_saying_what_to_fix(string name, string expected)
    {
        ArgumentException? ex = Assert.Throws<ArgumentException>(() => ApiV2XmlWriter.Write(ApiV2SigningTests.Pairs((name, "v"))));

        Assert.That(ex!.Message, Does.Contain(expected).And.Contain("XML element name"));
    }

    [TestCase("out_trade_no")]
    [TestCase("_x")]
    [TestCase("a.b-c_1")]
    [TestCase("Detail")]
    [TestCase("字段")]
    public void XML_element_names_are_accepted(string name)
    {
        Assert.That(Parse(ApiV2XmlWriter.Write(ApiV2SigningTests.Pairs((name, "v")))), Is.EqualTo(ApiV2SigningTests.Pairs((name, "v"))));
    }

    [Test]
    public void An_empty_name_a_name_given_twice_and_a_null_value_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ApiV2XmlWriter.Write(ApiV2SigningTests.Pairs(("", "v"))));
        ArgumentException? twice = Assert.Throws<ArgumentException>(() => ApiV2XmlWriter.Write(ApiV2SigningTests.Pairs(("a", "1"), ("a", "2"))));
        Assert.That(twice!.Message, Does.Contain("given twice"));
        Assert.Throws<ArgumentNullException>(() => ApiV2XmlWriter.Write(new[] { new KeyValuePair<string, string>("a", null!) }));
    }

    [Test]
    public void A_thousand_random_values_read_back_exactly()
    {
        var random = new Random(22);
        const string pool = "abc<>&'\"]]\r\n\t =%+/;中文🙏\u00A0\uFFFD";
        string[] units = pool.Select(ch => ch.ToString()).Where(u => !char.IsSurrogate(u[0])).Append("🙏").ToArray();
        for (int i = 0; i < 1000; i++)
        {
            string value = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => units[random.Next(units.Length)]));
            List<KeyValuePair<string, string>> fields = ApiV2SigningTests.Pairs(("v", value));

            Assert.That(Parse(ApiV2XmlWriter.Write(fields)), Is.EqualTo(fields), value);
        }
    }

    /// <summary>An independent reading: System.Xml.Linq, white space kept.</summary>
    internal static List<KeyValuePair<string, string>> Parse(string xml) =>
        XDocument.Parse(xml, LoadOptions.PreserveWhitespace).Root!.Elements()
            .Select(e => new KeyValuePair<string, string>(e.Name.LocalName, e.Value)).ToList();
}
