using System;
using System.IO;
using NUnit.Framework;
using WeChatPay.Chain.CatalogGenerator;

namespace WeChatPay.Chain.Tests.Catalog;

[TestFixture]
public class CatalogStalenessTests
{
    [Test]
    public void The_embedded_catalog_is_exactly_what_the_generator_makes_of_the_committed_input()
    {
        var regenerated = CatalogTransform.Transform(new StringReader(CatalogInput.Text));
        var embedded = CatalogInput.EmbeddedText();

        if (!string.Equals(regenerated, embedded, StringComparison.Ordinal))
        {
            Assert.Fail("src/WeChatPay.Chain/Catalog/catalog.json.gz is stale: run `dotnet cake --target=Catalog` and commit it. " + FirstDifference(regenerated, embedded));
        }
    }

    [Test]
    public void The_generated_text_is_one_entry_a_line_with_a_trailing_newline_and_no_carriage_return()
    {
        var text = CatalogInput.EmbeddedText();

        Assert.That(text, Does.StartWith("{\"format\":2,\"source\":{\"repo\":\"github.com/wechatpay-im/website\",\"commit\":\""));
        Assert.That(text, Does.EndWith("\n]}\n"));
        Assert.That(text, Does.Not.Contain("\r"));
        Assert.That(text.Split('\n'), Has.Length.EqualTo(1 + 1147 + 1 + 112 + 1 + 1), "header, operations, separator, webhooks, footer, empty tail");
    }

    [Test]
    public void Compressing_and_decompressing_catalog_text_gives_it_back()
    {
        const string text = "{\"m\":\"POST\",\"p\":\"v3/papay/sign/contracts/pre-entrust-sign\",\"t\":\"代扣预签约\"}\n";

        using var compressed = new MemoryStream(CatalogTransform.Compress(text));

        Assert.That(CatalogTransform.Decompress(compressed), Is.EqualTo(text));
    }

    [Test]
    public void The_embedded_resource_stays_small()
    {
        Assert.That(CatalogInput.EmbeddedBytes(), Has.Length.LessThan(300 * 1024));
    }

    [Test]
    public void Input_that_lists_an_operation_twice_is_rejected()
    {
        const string operation = "{\"method\":\"GET\",\"path\":\"v3/a\",\"title\":\"t\",\"request\":[],\"response\":[]}";
        var input = "{\"source\":{\"repo\":\"r\",\"commit\":\"c\"},\"operations\":[" + operation + "," + operation + "],\"webhooks\":[]}";

        Assert.That(() => CatalogTransform.Transform(new StringReader(input)), Throws.TypeOf<InvalidDataException>().With.Message.Contains("GET v3/a"));
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<none>";
            var a = i < actualLines.Length ? actualLines[i] : "<none>";
            if (e != a)
            {
                return $"First difference at line {i + 1}:\n  generated: {Clip(e)}\n  embedded:  {Clip(a)}";
            }
        }

        return "The texts differ.";
    }

    private static string Clip(string line) => line.Length <= 300 ? line : line.Substring(0, 300) + "...";
}
