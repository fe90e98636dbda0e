using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Newtonsoft.Json;

namespace WeChatPay.Chain.CatalogGenerator;

/// <summary>
/// Turns the shared operation catalog (<c>operations.json</c>) into the library's compact catalog text:
/// only the facts the library uses, short keys, one entry a line, stable order, no timestamps.
/// </summary>
/// <remarks>
/// The test project compiles this file too (a linked <c>Compile</c> item), so it must stay self-contained.
/// The compact shape is documented in <c>docs/catalog.md</c> and read by <c>WeChatPay.Chain.Catalog.CatalogReader</c>.
/// </remarks>
public static class CatalogTransform
{
    /// <summary>The version of the compact shape, written as <c>format</c>; the reader rejects any other.</summary>
    public const int FormatVersion = WeChatPay.Chain.Catalog.CatalogReader.FormatVersion;

    private static readonly string[] Methods = { "GET", "POST", "PUT", "PATCH", "DELETE" };

    /// <summary>Reads an input file (plain JSON, or gzip when the name ends with <c>.gz</c>) and transforms it.</summary>
    /// <param name="inputPath">The path of <c>operations.json</c> or <c>operations.json.gz</c>.</param>
    /// <returns>The compact catalog text.</returns>
    /// <exception cref="InvalidDataException">The input does not have the documented shape.</exception>
    public static string TransformFile(string inputPath)
    {
        using var file = File.OpenRead(inputPath);
        using Stream plain = inputPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        using var reader = new StreamReader(plain, Encoding.UTF8);
        return Transform(reader);
    }

    /// <summary>Transforms the input catalog JSON into the compact catalog text.</summary>
    /// <param name="input">A reader over the uncompressed <c>operations.json</c>.</param>
    /// <returns>The compact catalog text (UTF-8 when stored, <c>\n</c> line ends, trailing newline).</returns>
    /// <exception cref="InvalidDataException">The input does not have the documented shape.</exception>
    public static string Transform(TextReader input)
    {
        Input root;
        try
        {
            using var json = new JsonTextReader(input) { CloseInput = false };
            root = JsonSerializer.Create(InputSettings).Deserialize<Input>(json)
                ?? throw new InvalidDataException("The input is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("The input does not have the catalog shape: " + e.Message, e);
        }

        var operations = root.Operations.OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal).ToList();
        var webhooks = root.Webhooks.OrderBy(w => w.Name, StringComparer.Ordinal).ToList();

        var text = new StringBuilder(1 << 21);
        text.Append("{\"format\":").Append(FormatVersion).Append(",\"source\":")
            .Append(Write(w =>
            {
                w.WriteStartObject();
                Property(w, "repo", root.Source.Repo);
                Property(w, "commit", root.Source.Commit);
                w.WriteEndObject();
            }))
            .Append(",\"operations\":[\n");

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            var where = operation.Method + " " + operation.Path;
            if (Array.IndexOf(Methods, operation.Method) < 0)
                throw new InvalidDataException($"{where}: unknown method.");
            if (operation.Path.Length == 0 || operation.Path[0] == '/' || operation.Path.IndexOf('?') >= 0)
                throw new InvalidDataException($"{where}: a path has no leading slash and no query.");
            if (!seen.Add(where))
                throw new InvalidDataException($"{where}: listed twice.");
            text.Append(Write(w => WriteOperation(w, operation)))
                .Append(i + 1 < operations.Count ? ",\n" : "\n");
        }

        text.Append("],\"webhooks\":[\n");
        for (var i = 0; i < webhooks.Count; i++)
        {
            var webhook = webhooks[i];
            text.Append(Write(w => WriteWebhook(w, webhook)))
                .Append(i + 1 < webhooks.Count ? ",\n" : "\n");
        }

        text.Append("]}\n");
        return text.ToString();
    }

    /// <summary>Compresses the compact catalog text (UTF-8, no byte order mark) with gzip.</summary>
    /// <param name="text">The compact catalog text.</param>
    /// <returns>The gzip bytes, as embedded in the library.</returns>
    public static byte[] Compress(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
            gzip.Write(bytes, 0, bytes.Length);
        }

        return buffer.ToArray();
    }

    /// <summary>Decompresses gzip bytes written by <see cref="Compress"/> back into text.</summary>
    /// <param name="gzip">A stream over the gzip bytes.</param>
    /// <returns>The compact catalog text.</returns>
    public static string Decompress(Stream gzip)
    {
        using var plain = new GZipStream(gzip, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new StreamReader(plain, new UTF8Encoding(false));
        return reader.ReadToEnd();
    }

    private static void WriteOperation(JsonWriter w, Operation o)
    {
        w.WriteStartObject();
        Property(w, "m", o.Method);
        Property(w, "p", o.Path);
        Property(w, "t", o.Title);
        Property(w, "pt", o.PageTitle);
        Property(w, "b", o.RequestBody);
        Property(w, "u", o.BaseUri);
        Strings(w, "pp", o.PathParams);
        Strings(w, "enc", o.Encrypt);
        Strings(w, "dec", o.Decrypt);
        Flag(w, "dl", o.Download);
        Flag(w, "sh", o.SerialHeader);
        Fields(w, "rq", o.Request);
        Fields(w, "rs", o.Response);
        w.WriteEndObject();
    }

    private static void WriteWebhook(JsonWriter w, Webhook o)
    {
        w.WriteStartObject();
        Property(w, "n", o.Name);
        Property(w, "t", o.Title);
        Strings(w, "ev", o.EventTypes);
        Strings(w, "gcm", o.AesGcm);
        Strings(w, "dec", o.Decrypt);
        Property(w, "ct", o.ContentType);
        Fields(w, "f", o.Fields);
        Fields(w, "rs", o.Response);
        w.WriteEndObject();
    }

    // A field row: {"n":name,"t":type,"r":true,"x":marker,"e":[enum],"c":[children]}; defaults are left out.
    private static void Fields(JsonWriter w, string key, List<Field>? rows)
    {
        if (rows is null || rows.Count == 0) return;
        w.WritePropertyName(key);
        w.WriteStartArray();
        foreach (var row in rows)
        {
            w.WriteStartObject();
            Property(w, "n", row.Name);
            Property(w, "t", row.Type);
            Flag(w, "r", row.IsRequired);
            Property(w, "x", row.Encrypted);
            Strings(w, "e", row.Enum);
            Fields(w, "c", row.Children);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static string Write(Action<JsonWriter> body)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var w = new JsonTextWriter(text) { Formatting = Formatting.None, StringEscapeHandling = StringEscapeHandling.Default })
        {
            body(w);
        }

        return text.ToString();
    }

    private static void Property(JsonWriter w, string key, string? value)
    {
        if (value is null) return;
        w.WritePropertyName(key);
        w.WriteValue(value);
    }

    private static void Flag(JsonWriter w, string key, bool value)
    {
        if (!value) return;
        w.WritePropertyName(key);
        w.WriteValue(true);
    }

    private static void Strings(JsonWriter w, string key, List<string>? values)
    {
        if (values is null || values.Count == 0) return;
        w.WritePropertyName(key);
        w.WriteStartArray();
        foreach (var value in values) w.WriteValue(value);
        w.WriteEndArray();
    }

    // The input shape (docs/catalog.md), only the keys the library keeps; everything else is ignored.
    // Strings stay strings (no date parsing); a missing required key fails the run.
    private static readonly JsonSerializerSettings InputSettings = new()
    {
        DateParseHandling = DateParseHandling.None,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        TypeNameHandling = TypeNameHandling.None,
        MaxDepth = 128,
    };

    internal sealed class Input
    {
        [JsonProperty("source", Required = Required.Always)] public Source Source { get; set; } = new();
        [JsonProperty("operations", Required = Required.Always)] public List<Operation> Operations { get; set; } = new();
        [JsonProperty("webhooks", Required = Required.Always)] public List<Webhook> Webhooks { get; set; } = new();
    }

    internal sealed class Source
    {
        [JsonProperty("repo", Required = Required.Always)] public string Repo { get; set; } = "";
        [JsonProperty("commit", Required = Required.Always)] public string Commit { get; set; } = "";
    }

    internal sealed class Operation
    {
        [JsonProperty("method", Required = Required.Always)] public string Method { get; set; } = "";
        [JsonProperty("path", Required = Required.Always)] public string Path { get; set; } = "";
        [JsonProperty("title", Required = Required.Always)] public string Title { get; set; } = "";
        [JsonProperty("page_title")] public string? PageTitle { get; set; }
        [JsonProperty("request_body")] public string? RequestBody { get; set; }
        [JsonProperty("base_uri")] public string? BaseUri { get; set; }
        [JsonProperty("path_params")] public List<string>? PathParams { get; set; }
        [JsonProperty("encrypt")] public List<string>? Encrypt { get; set; }
        [JsonProperty("decrypt")] public List<string>? Decrypt { get; set; }
        [JsonProperty("download")] public bool Download { get; set; }
        [JsonProperty("serial_header")] public bool SerialHeader { get; set; }
        [JsonProperty("request", Required = Required.Always)] public List<Field> Request { get; set; } = new();
        [JsonProperty("response", Required = Required.Always)] public List<Field> Response { get; set; } = new();
    }

    internal sealed class Webhook
    {
        [JsonProperty("name", Required = Required.Always)] public string Name { get; set; } = "";
        [JsonProperty("title", Required = Required.Always)] public string Title { get; set; } = "";
        [JsonProperty("event_types")] public List<string>? EventTypes { get; set; }
        [JsonProperty("aes_gcm")] public List<string>? AesGcm { get; set; }
        [JsonProperty("decrypt")] public List<string>? Decrypt { get; set; }
        [JsonProperty("content_type")] public string? ContentType { get; set; }
        [JsonProperty("fields", Required = Required.Always)] public List<Field> Fields { get; set; } = new();
        [JsonProperty("response")] public List<Field>? Response { get; set; }
    }

    internal sealed class Field
    {
        [JsonProperty("name", Required = Required.Always)] public string Name { get; set; } = "";
        [JsonProperty("type", Required = Required.Always)] public string Type { get; set; } = "";
        [JsonProperty("required")] public bool IsRequired { get; set; }
        [JsonProperty("encrypted")] public string? Encrypted { get; set; }
        [JsonProperty("enum")] public List<string>? Enum { get; set; }
        [JsonProperty("children")] public List<Field>? Children { get; set; }
    }
}
