using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Xml;
using NUnit.Framework;
using WeChatPay.Chain.ApiV2;
using WeChatPay.Chain.Tests.Crypto;

namespace WeChatPay.Chain.Tests.V2;

[NonParallelizable]
public sealed class ApiV2XxeTests
{
    public static IEnumerable<TestCaseData> Xxe() => V2TestData.Named("xxe");

    [TestCaseSource(nameof(Xxe))]
    public void Each_XXE_vector_is_refused_saying_a_DTD_is_not_accepted(JsonElement c)
    {
        Assert.That(c.GetProperty("valid").GetBoolean(), Is.False);

        XmlException? ex = Assert.Throws<XmlException>(() => ApiV2XmlReader.Read(c.String("xml")));

        Assert.That(ex!.Message, Does.Contain("document type declaration").And.Contain("is not accepted"));
        Assert.That(ex.ToString(), Does.Not.Contain("root:"));
    }

    [Test]
    public void The_billion_laughs_vector_is_refused_at_once()
    {
        string xml = V2TestData.Cases("xxe").Single(c => c.String("name") == "billion-laughs").String("xml");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.Throws<XmlException>(() => ApiV2XmlReader.Read(xml));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
    }

    /// <summary>
    /// The payloads of the vectors pointed at a temporary file holding a canary and at a listener on 127.0.0.1: each is refused,
    /// the canary never appears, and the listener never receives a request. <see cref="The_same_payloads_do_leak_through_an_unsafe_reader"/>
    /// shows that the payloads and the listener work.
    /// </summary>
    [Test]
    public void No_payload_reads_the_file_or_calls_the_URL_it_names()
    {
        using var file = new CanaryFile();
        using var listener = new LoopbackCanary("<!ENTITY leak \"listener-canary\">");

        foreach (string xml in Payloads(file, listener.Url))
        {
            XmlException? ex = Assert.Throws<XmlException>(() => ApiV2XmlReader.Read(xml), xml);

            Assert.That(ex!.Message, Does.Contain("is not accepted"));
            Assert.That(ex.ToString(), Does.Not.Contain(file.Canary).And.Not.Contain("listener-canary"));
        }
        Thread.Sleep(300);
        Assert.That(listener.Requests, Is.Zero);
    }

    [Test]
    public void Behind_the_scan_the_parser_settings_alone_refuse_every_payload_and_resolve_nothing()
    {
        using var file = new CanaryFile();
        using var listener = new LoopbackCanary("<!ENTITY leak \"listener-canary\">");

        foreach (string xml in Payloads(file, listener.Url))
        {
            Assert.Throws<XmlException>(() =>
            {
                using var reader = XmlReader.Create(new StringReader(xml), ApiV2XmlReader.Settings(ApiV2XmlReader.DefaultMaxCharacters));
                while (reader.Read())
                {
                    Assert.That(reader.Value, Does.Not.Contain(file.Canary));
                }
            }, xml);
        }
        Thread.Sleep(300);
        Assert.That(listener.Requests, Is.Zero);
    }

    [Test]
    public void The_same_payloads_do_leak_through_an_unsafe_reader()
    {
        using var file = new CanaryFile();
        using var listener = new LoopbackCanary("<!ENTITY leak \"listener-canary\">");
        var unsafeSettings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new XmlUrlResolver() };

        string fileLeak = Payloads(file, listener.Url).First();
        using (var reader = XmlReader.Create(new StringReader(fileLeak), unsafeSettings))
        {
            var document = new XmlDocument { XmlResolver = new XmlUrlResolver() };
            document.Load(reader);
            Assert.That(document.DocumentElement!.InnerText, Does.Contain(file.Canary));
        }

        string urlLeak = $"<!DOCTYPE xml SYSTEM \"{listener.Url}evil.dtd\"><xml><return_msg>&leak;</return_msg></xml>";
        using (var reader = XmlReader.Create(new StringReader(urlLeak), unsafeSettings))
        {
            var document = new XmlDocument { XmlResolver = new XmlUrlResolver() };
            document.Load(reader);
            Assert.That(document.DocumentElement!.InnerText, Is.EqualTo("listener-canary"));
        }
        Assert.That(listener.Requests, Is.EqualTo(1));
    }

    [Test]
    public void An_entity_reference_without_a_DTD_is_refused_as_an_entity()
    {
        XmlException? ex = Assert.Throws<XmlException>(() => ApiV2XmlReader.Read("<xml><return_msg>&xxe;</return_msg></xml>"));

        Assert.That(ex!.Message, Does.Contain("refers to an entity").And.Contain("is not accepted"));
    }

    [TestCase("<!DOCTYPE xml><xml/>")]
    [TestCase("<?xml version=\"1.0\"?><!DOCTYPE xml PUBLIC \"-//X//Y\" \"http://127.0.0.1:9/x.dtd\"><xml/>")]
    [TestCase("<!-- a comment first --><!DOCTYPE xml [<!ELEMENT xml ANY>]><xml/>")]
    [TestCase("<xml><!ENTITY x \"y\"></xml>")]
    [TestCase("<xml><a><!ATTLIST a b CDATA #IMPLIED></a></xml>")]
    public void Any_markup_declaration_anywhere_is_refused(string xml)
    {
        XmlException? ex = Assert.Throws<XmlException>(() => ApiV2XmlReader.Read(xml));

        Assert.That(ex!.Message, Does.Contain("document type declaration"));
    }

    private static IEnumerable<string> Payloads(CanaryFile file, string url)
    {
        string fileUri = new Uri(file.Path).AbsoluteUri;
        yield return $"<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"{fileUri}\">]><xml><return_msg>&xxe;</return_msg></xml>";
        yield return $"<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"{url}entity\">]><xml><return_msg>&xxe;</return_msg></xml>";
        yield return $"<!DOCTYPE xml SYSTEM \"{url}evil.dtd\"><xml><return_msg>&leak;</return_msg></xml>";
        yield return $"<!DOCTYPE xml [<!ENTITY % remote SYSTEM \"{url}oob.dtd\"> %remote;]><xml><return_code>SUCCESS</return_code></xml>";
        foreach (JsonElement c in V2TestData.Cases("xxe"))
        {
            yield return c.String("xml")
                .Replace("file:///etc/passwd", fileUri).Replace("file:///etc/hostname", fileUri)
                .Replace("http://attacker.example/", url);
        }
    }

    private sealed class CanaryFile : IDisposable
    {
        public CanaryFile()
        {
            Path = System.IO.Path.GetTempFileName();
            File.WriteAllText(Path, Canary);
        }

        public string Canary { get; } = "file-canary-" + Guid.NewGuid().ToString("N");

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
