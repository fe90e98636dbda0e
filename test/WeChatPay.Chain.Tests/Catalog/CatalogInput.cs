using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using Newtonsoft.Json;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Tests.Catalog;

/// <summary>
/// The committed generator input (copied next to the tests by the test project) and the embedded
/// resource, each read once per test run. The input is deserialized here with Newtonsoft into the
/// test's own classes, independently of the generator's code.
/// </summary>
internal static class CatalogInput
{
    private static readonly Lazy<string> InputText = new(() =>
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Catalog", "operations.json.gz");
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    private static readonly Lazy<Document> InputDocument = new(() =>
        JsonConvert.DeserializeObject<Document>(Text, new JsonSerializerSettings { DateParseHandling = DateParseHandling.None })
        ?? throw new InvalidOperationException("empty input"));

    /// <summary>The uncompressed <c>operations.json</c> of the committed input snapshot.</summary>
    public static string Text => InputText.Value;

    /// <summary>The input snapshot, deserialized.</summary>
    public static Document Input => InputDocument.Value;

    /// <summary>The embedded resource's gzip bytes, as the library ships them.</summary>
    public static byte[] EmbeddedBytes()
    {
        using var stream = typeof(OperationCatalog).Assembly.GetManifestResourceStream(OperationCatalog.ResourceName)
            ?? throw new InvalidOperationException("embedded catalog missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The embedded resource's decompressed text.</summary>
    public static string EmbeddedText()
    {
        using var gzip = new GZipStream(new MemoryStream(EmbeddedBytes()), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, new UTF8Encoding(false));
        return reader.ReadToEnd();
    }

    // The input shape as docs/catalog.md describes it; property names mirror the JSON keys. Only what the tests compare.
    internal sealed class Document
    {
        public InputSource source { get; set; } = new();
        public List<InputOperation> operations { get; set; } = new();
        public List<InputWebhook> webhooks { get; set; } = new();
    }

    internal sealed class InputSource
    {
        public string repo { get; set; } = "";
        public string commit { get; set; } = "";
    }

    internal sealed class InputOperation
    {
        public string method { get; set; } = "";
        public string path { get; set; } = "";
        public string title { get; set; } = "";
        public string? page_title { get; set; }
        public string? request_body { get; set; }
        public string? base_uri { get; set; }
        public List<string> path_params { get; set; } = new();
        public List<string> encrypt { get; set; } = new();
        public List<string> decrypt { get; set; } = new();
        public bool download { get; set; }
        public bool serial_header { get; set; }
        public List<InputField> request { get; set; } = new();
        public List<InputField> response { get; set; } = new();
    }

    internal sealed class InputWebhook
    {
        public string name { get; set; } = "";
        public string title { get; set; } = "";
        public List<string> event_types { get; set; } = new();
        public List<string> aes_gcm { get; set; } = new();
        public List<string> decrypt { get; set; } = new();
        public string? content_type { get; set; }
        public List<InputField> fields { get; set; } = new();
        public List<InputField> response { get; set; } = new();
    }

    internal sealed class InputField
    {
        public string name { get; set; } = "";
        public string type { get; set; } = "";
        public bool required { get; set; }
        public string? encrypted { get; set; }
        public List<string>? @enum { get; set; }
        public List<InputField>? children { get; set; }
    }
}
