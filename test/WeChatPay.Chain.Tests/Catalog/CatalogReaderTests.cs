using System.IO;
using System.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Tests.Catalog;

[TestFixture]
public class CatalogReaderTests
{
    private const string Header = "{\"format\":2,\"later\":{\"x\":[1,2]},\"source\":{\"repo\":\"r\",\"commit\":\"c\"},\"operations\":[\n";
    private const string Operation = "{\"m\":\"GET\",\"p\":\"v3/a/{id}\",\"t\":\"A\",\"pp\":[\"id\"],\"new\":true,\"rq\":[{\"n\":\"id\",\"t\":\"string\",\"r\":true}]}";
    private const string Webhooks = "],\"webhooks\":[\n{\"n\":\"v3/A.B\",\"t\":\"T\",\"ev\":[\"A.B\"]}\n]}\n";

    [Test]
    public void A_minimal_catalog_reads_and_unknown_keys_are_skipped()
    {
        var catalog = CatalogReader.Read(new StringReader(Header + Operation + ",\n" + Operation.Replace("GET", "POST") + "\n" + Webhooks));

        Assert.Multiple(() =>
        {
            Assert.That(catalog.SourceCommit, Is.EqualTo("c"));
            Assert.That(catalog.Find("GET", "v3/a/1")?.PathParamFields[0].Required, Is.True);
            Assert.That(catalog.Find("POST", "v3/a/1")?.Title, Is.EqualTo("A"));
            Assert.That(catalog.FindWebhook("A.B")?.Title, Is.EqualTo("T"));
        });
    }

    [TestCase("{\"format\":1,\"operations\":[\n],\"webhooks\":[\n]}\n")]
    [TestCase("{\"format\":3,\"operations\":[\n],\"webhooks\":[\n]}\n")]
    [TestCase("{\"operations\":[\n],\"webhooks\":[\n]}\n")]
    [TestCase("{\"format\":2,\"operations\":[],\"webhooks\":[]}")]
    [TestCase("{\"format\":2,\"operations\":[\n{\"m\":\"GET\"}\n],\"webhooks\":[\n]}\n")]
    [TestCase("{\"format\":2,\"operations\":[\n{\"p\":\"v3/a\",\"m\":\"GET\",\"t\":\"A\"}\n],\"webhooks\":[\n]}\n")]
    [TestCase("{\"format\":2,\"operations\":[\n{\"m\":\"GET\",\"p\":\"v3/\\u0061\",\"t\":\"A\"}\n],\"webhooks\":[\n]}\n")]
    [TestCase("{\"format\":2,\"operations\":[\n{\"m\":\"GET\",\"p\":\"v3/a\",\"t\":\"A\"}\n")]
    [TestCase("{\"format\":2,\"operations\":[")]
    [TestCase("not json")]
    [TestCase("")]
    public void A_malformed_or_foreign_catalog_is_rejected_when_it_loads(string text)
    {
        Assert.That(() => CatalogReader.Read(new StringReader(text)), Throws.TypeOf<InvalidDataException>());
    }

    [TestCase("{\"m\":\"GET\",\"p\":\"v3/a\",\"t\":\"A\",\"rq\":[{\"n\":\"x\"}]}", "a field lacks 'n' or 't'")]
    [TestCase("{\"m\":\"GET\",\"p\":\"v3/a\",\"t\":\"A\",\"p\":\"v3/b\"}", "not GET v3/a as its line begins")]
    [TestCase("{\"m\":\"GET\",\"p\":\"v3/a\",\"t\":\"A\"} {}", "not valid JSON at line 2")]
    [TestCase("{\"m\":\"GET\",\"p\":\"v3/a\",\"t\":", "not valid JSON at line 2")]
    public void A_malformed_operation_is_rejected_naming_its_line_when_its_facts_are_first_read(string line, string expected)
    {
        var catalog = CatalogReader.Read(new StringReader(Header + line + "\n" + Webhooks));
        var operation = catalog.Find("GET", "v3/a")!;

        Assert.Multiple(() =>
        {
            Assert.That(operation.Path, Is.EqualTo("v3/a"));
            Assert.That(() => operation.Request, Throws.TypeOf<InvalidDataException>().With.Message.Contains(expected).And.Message.Contains("line 2"));
        });
    }

    [Test]
    public void An_operation_is_read_once_however_many_threads_ask()
    {
        var catalog = CatalogReader.Read(new StringReader(Header + Operation + "\n" + Webhooks));
        var operation = catalog.Find("GET", "v3/a/1")!;

        var seen = new System.Collections.Concurrent.ConcurrentBag<object>();
        System.Threading.Tasks.Parallel.For(0, 64, _ => seen.Add(operation.Request));

        Assert.That(seen.Distinct().Count(), Is.EqualTo(1));
    }
}
