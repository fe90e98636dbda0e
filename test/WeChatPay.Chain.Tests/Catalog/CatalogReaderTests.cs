using System.IO;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Tests.Catalog;

[TestFixture]
public class CatalogReaderTests
{
    [Test]
    public void A_minimal_catalog_reads_and_unknown_keys_are_skipped()
    {
        const string text = "{\"format\":1,\"later\":{\"x\":[1,2]},\"source\":{\"repo\":\"r\",\"commit\":\"c\"},\"operations\":[\n"
            + "{\"m\":\"GET\",\"p\":\"v3/a/{id}\",\"t\":\"A\",\"pp\":[\"id\"],\"new\":true,\"rq\":[{\"n\":\"id\",\"t\":\"string\",\"r\":true}]}\n"
            + "],\"webhooks\":[\n{\"n\":\"v3/A.B\",\"t\":\"T\",\"ev\":[\"A.B\"]}\n]}\n";

        var catalog = CatalogReader.Read(new StringReader(text));

        Assert.Multiple(() =>
        {
            Assert.That(catalog.SourceCommit, Is.EqualTo("c"));
            Assert.That(catalog.Find("GET", "v3/a/1")?.PathParamFields[0].Required, Is.True);
            Assert.That(catalog.FindWebhook("A.B")?.Title, Is.EqualTo("T"));
        });
    }

    [TestCase("{\"format\":2,\"operations\":[],\"webhooks\":[]}")]
    [TestCase("{\"operations\":[],\"webhooks\":[]}")]
    [TestCase("{\"format\":1,\"operations\":[{\"m\":\"GET\"}]}")]
    [TestCase("{\"format\":1,\"operations\":[{\"m\":\"GET\",\"p\":\"v3/a\",\"t\":\"A\",\"rq\":[{\"n\":\"x\"}]}]}")]
    [TestCase("{\"format\":1,\"operations\":[")]
    [TestCase("not json")]
    public void A_malformed_or_foreign_catalog_is_rejected(string text)
    {
        Assert.That(() => CatalogReader.Read(new StringReader(text)), Throws.TypeOf<InvalidDataException>());
    }
}
