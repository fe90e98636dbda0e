using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Xml;
using NUnit.Framework;
using WeChatPay.Chain.ApiV2;
using WeChatPay.Chain.Tests.Crypto;

namespace WeChatPay.Chain.Tests.V2;

public sealed class ApiV2XmlReaderTests
{
    private const string Canary = "VALUE-CANARY";

    public static IEnumerable<TestCaseData> Documents()
    {
        foreach (JsonElement c in V2TestData.Cases("answers")) yield return new TestCaseData(c.String("xml"), "xml").SetArgDisplayNames("answer " + c.String("name"));
        foreach (JsonElement c in V2TestData.Cases("notifications")) yield return new TestCaseData(c.String("body"), "xml").SetArgDisplayNames("notification " + c.String("name"));
        foreach (JsonElement c in V2TestData.Cases("refund_req_info", "cases"))
        {
            yield return new TestCaseData(c.String("notification_body"), "xml").SetArgDisplayNames("refund notification " + c.String("name"));
            yield return new TestCaseData(c.String("plaintext"), "root").SetArgDisplayNames("req_info " + c.String("name"));
        }
        foreach (JsonElement c in V2TestData.Cases("xml_requests")) yield return new TestCaseData(c.String("xml"), "xml").SetArgDisplayNames("request " + c.String("name"));
    }

    [TestCaseSource(nameof(Documents))]
    public void Each_vector_document_reads_as_System_Xml_Linq_reads_it_with_its_root(string xml, string root)
    {
        ApiV2Fields fields = ApiV2XmlReader.Read(xml);

        Assert.That(fields.Root, Is.EqualTo(root));
        Assert.That(fields.ToList(), Is.EqualTo(ApiV2XmlWriterTests.Parse(xml)));
    }

    [Test]
    public void CDATA_entities_character_references_and_plain_text_all_read_as_text()
    {
        ApiV2Fields fields = ApiV2XmlReader.Read(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><xml><a><![CDATA[<b>&x]]></a><b>&lt;b&gt;&amp;&quot;&apos;</b><c>&#x41;&#66;</c><d>plain</d><e/><f></f><g><![CDATA[x]]>y<![CDATA[z]]></g></xml>");

        Assert.That(fields.ToList(), Is.EqualTo(ApiV2SigningTests.Pairs(
            ("a", "<b>&x"), ("b", "<b>&\"'"), ("c", "AB"), ("d", "plain"), ("e", ""), ("f", ""), ("g", "xyz"))));
        Assert.That(fields.ValueOf("missing"), Is.Null);
        Assert.That(fields["d"], Is.EqualTo("plain"));
    }

    [Test]
    public void White_space_between_fields_is_ignored_and_inside_a_field_is_kept()
    {
        ApiV2Fields fields = ApiV2XmlReader.Read("<xml>\n  <detail> </detail>\n\t<attach>\ta b\n</attach>\n</xml>\n");

        Assert.That(fields.ToList(), Is.EqualTo(ApiV2SigningTests.Pairs(("detail", " "), ("attach", "\ta b\n"))));
    }

    [Test]
    public void Comments_processing_instructions_and_attributes_are_skipped()
    {
        ApiV2Fields fields = ApiV2XmlReader.Read("<!-- c --><xml version=\"1\"><!-- c --><a x=\"1\">1<!-- c -->2</a><?pi x?></xml><!-- after -->");

        Assert.That(fields.ToList(), Is.EqualTo(ApiV2SigningTests.Pairs(("a", "12"))));
    }

    [Test]
    public void Text_that_mentions_a_DTD_or_an_entity_inside_CDATA_or_a_comment_is_read_as_text()
    {
        ApiV2Fields fields = ApiV2XmlReader.Read("<xml><!-- <!DOCTYPE x> &c; --><a><![CDATA[<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]> &x;]]></a></xml>");

        Assert.That(fields["a"], Is.EqualTo("<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]> &x;"));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("not xml " + Canary)]
    [TestCase("<xml><a>" + Canary + "</xml>")]
    [TestCase("<xml><a>" + Canary + "</a>")]
    [TestCase("<xml><a>" + Canary + "</b></xml>")]
    [TestCase("<xml/><xml/>")]
    [TestCase("<xml></xml>" + Canary)]
    [TestCase(Canary + "<xml/>")]
    [TestCase("<xml><a>1 < 2 " + Canary + "</a></xml>")]
    [TestCase("<xml><a>1 & 2 " + Canary + "</a></xml>")]
    [TestCase("<xml><a>" + Canary + "\u0001</a></xml>")]
    [TestCase("<xml><a><![CDATA[" + Canary + "</a></xml>")]
    [TestCase("<xml><!-- " + Canary + "</xml>")]
    [TestCase("<xml><" + Canary + " a=1/></xml>")]
    public void Malformed_XML_is_refused_without_showing_its_text(string xml)
    {
        XmlException? ex = Assert.Throws<XmlException>(() => ApiV2XmlReader.Read(xml));

        Assert.That(ex!.Message, Does.Contain("not well-formed"));
        Assert.That(ex.ToString(), Does.Not.Contain(Canary));
    }

    [TestCase("<xml><return_msg><b>" + Canary + "</b></return_msg></xml>", "\"return_msg\" field holds an element")]
    [TestCase("<xml><return_msg>" + Canary + "<b/></return_msg></xml>", "\"return_msg\" field holds an element")]
    [TestCase("<xml><hblist><hbinfo><openid>" + Canary + "</openid></hbinfo></hblist></xml>", "\"hblist\" field holds an element")]
    [TestCase("<xml><sign>" + Canary + "1</sign><sign>" + Canary + "2</sign></xml>", "\"sign\" field appears twice")]
    [TestCase("<xml><a>1</a><b/><a/></xml>", "\"a\" field appears twice")]
    [TestCase("<xml>" + Canary + "<a>1</a></xml>", "text directly inside its root")]
    [TestCase("<xml><a>1</a><![CDATA[" + Canary + "]]></xml>", "text directly inside its root")]
    public void A_document_that_is_not_flat_fields_each_given_once_is_refused_naming_the_field_not_its_value(string xml, string expected)
    {
        XmlException? ex = Assert.Throws<XmlException>(() => ApiV2XmlReader.Read(xml));

        Assert.That(ex!.Message, Does.Contain(expected));
        Assert.That(ex.ToString(), Does.Not.Contain(Canary));
    }

    [Test]
    public void A_document_longer_than_the_limit_is_refused_before_it_is_parsed()
    {
        string xml = "<xml><a>" + new string('x', 100) + "</a></xml>";

        XmlException? ex = Assert.Throws<XmlException>(() => ApiV2XmlReader.Read(xml, maxCharacters: 100));

        Assert.That(ex!.Message, Does.Contain("more than the 100 accepted"));
        Assert.That(ApiV2XmlReader.Read(xml, maxCharacters: xml.Length)["a"], Has.Length.EqualTo(100));
        Assert.That(ApiV2XmlReader.DefaultMaxCharacters, Is.EqualTo(1 << 20));
    }

    [Test]
    public void Deep_nesting_is_refused_at_the_first_nested_element()
    {
        string xml = "<xml>" + string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000)) + "</xml>";

        XmlException? ex = Assert.Throws<XmlException>(() => ApiV2XmlReader.Read(xml));

        Assert.That(ex!.Message, Does.Contain("\"a\" field holds an element"));
    }

    [Test]
    public void A_thousand_random_written_documents_read_back_exactly()
    {
        var random = new Random(2222);
        string[] units = { "a", "中", "🙏", "<", ">", "&", "'", "\"", "]", "]]>", "\r", "\n", "\r\n", "\t", " ", "=", "%", "\uFFFD", "&amp;", "<![CDATA[" };
        for (int i = 0; i < 1000; i++)
        {
            List<KeyValuePair<string, string>> fields = Enumerable.Range(0, random.Next(1, 5))
                .Select(n => new KeyValuePair<string, string>("f" + n, string.Concat(Enumerable.Range(0, random.Next(0, 10)).Select(_ => units[random.Next(units.Length)]))))
                .ToList();

            Assert.That(ApiV2XmlReader.Read(ApiV2XmlWriter.Write(fields)).ToList(), Is.EqualTo(fields));
        }
    }

    [Test]
    public void Null_and_a_limit_that_is_not_positive_are_argument_errors()
    {
        Assert.Throws<ArgumentNullException>(() => ApiV2XmlReader.Read(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => ApiV2XmlReader.Read("<xml/>", 0));
    }
}
