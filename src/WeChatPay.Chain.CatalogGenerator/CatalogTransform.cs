using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

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
    public const int FormatVersion = 1;

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
        JObject root;
        using (var json = new JsonTextReader(input) { DateParseHandling = DateParseHandling.None, CloseInput = false })
        {
            root = JObject.Load(json);
        }

        var source = RequiredObject(root, "source", "the root");
        var operations = RequiredArray(root, "operations", "the root")
            .Select((token, i) => AsObject(token, "operation #" + i))
            .Select(o => (Method: RequiredString(o, "method", "an operation"), Path: RequiredString(o, "path", "an operation"), Row: o))
            .OrderBy(o => o.Path, StringComparer.Ordinal)
            .ThenBy(o => o.Method, StringComparer.Ordinal)
            .ToList();
        var webhooks = RequiredArray(root, "webhooks", "the root")
            .Select((token, i) => AsObject(token, "webhook #" + i))
            .OrderBy(w => RequiredString(w, "name", "a webhook"), StringComparer.Ordinal)
            .ToList();

        var text = new StringBuilder(1 << 21);
        text.Append("{\"format\":").Append(FormatVersion).Append(",\"source\":")
            .Append(Write(w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("repo");
                w.WriteValue(RequiredString(source, "repo", "source"));
                w.WritePropertyName("commit");
                w.WriteValue(RequiredString(source, "commit", "source"));
                w.WriteEndObject();
            }))
            .Append(",\"operations\":[\n");

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < operations.Count; i++)
        {
            var (method, path, row) = operations[i];
            var where = method + " " + path;
            if (Array.IndexOf(Methods, method) < 0)
                throw new InvalidDataException($"{where}: unknown method.");
            if (path.Length == 0 || path[0] == '/' || path.IndexOf('?') >= 0)
                throw new InvalidDataException($"{where}: a path has no leading slash and no query.");
            if (!seen.Add(where))
                throw new InvalidDataException($"{where}: listed twice.");
            text.Append(Write(w => WriteOperation(w, method, path, row, where)))
                .Append(i + 1 < operations.Count ? ",\n" : "\n");
        }

        text.Append("],\"webhooks\":[\n");
        for (var i = 0; i < webhooks.Count; i++)
        {
            var row = webhooks[i];
            text.Append(Write(w => WriteWebhook(w, row)))
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

    private static void WriteOperation(JsonWriter w, string method, string path, JObject o, string where)
    {
        w.WriteStartObject();
        Property(w, "m", method);
        Property(w, "p", path);
        Property(w, "t", RequiredString(o, "title", where));
        Property(w, "pt", OptionalString(o, "page_title", where));
        Property(w, "b", OptionalString(o, "request_body", where));
        Property(w, "u", OptionalString(o, "base_uri", where));
        Strings(w, "pp", o, "path_params", where);
        Strings(w, "enc", o, "encrypt", where);
        Strings(w, "dec", o, "decrypt", where);
        Flag(w, "dl", Bool(o, "download", where));
        Flag(w, "sh", Bool(o, "serial_header", where));
        Fields(w, "rq", RequiredArray(o, "request", where), where + " request");
        Fields(w, "rs", RequiredArray(o, "response", where), where + " response");
        w.WriteEndObject();
    }

    private static void WriteWebhook(JsonWriter w, JObject o)
    {
        var name = RequiredString(o, "name", "a webhook");
        var where = "webhook " + name;
        w.WriteStartObject();
        Property(w, "n", name);
        Property(w, "t", RequiredString(o, "title", where));
        Strings(w, "ev", o, "event_types", where);
        Strings(w, "gcm", o, "aes_gcm", where);
        Strings(w, "dec", o, "decrypt", where);
        Property(w, "ct", OptionalString(o, "content_type", where));
        Fields(w, "f", RequiredArray(o, "fields", where), where + " fields");
        Fields(w, "rs", OptionalArray(o, "response", where), where + " response");
        w.WriteEndObject();
    }

    // A field row: {"n":name,"t":type,"r":true,"x":marker,"e":[enum],"c":[children]}; defaults are left out.
    private static void Fields(JsonWriter w, string key, JArray rows, string where)
    {
        if (rows.Count == 0) return;
        w.WritePropertyName(key);
        w.WriteStartArray();
        foreach (var token in rows)
        {
            var row = AsObject(token, where);
            var name = RequiredString(row, "name", where);
            var at = where + " " + name;
            w.WriteStartObject();
            Property(w, "n", name);
            Property(w, "t", RequiredString(row, "type", at));
            Flag(w, "r", Bool(row, "required", at));
            Property(w, "x", OptionalString(row, "encrypted", at));
            Strings(w, "e", row, "enum", at);
            Fields(w, "c", OptionalArray(row, "children", at), at);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static string Write(Action<JsonWriter> body)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
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

    private static void Strings(JsonWriter w, string key, JObject o, string name, string where)
    {
        var values = OptionalArray(o, name, where);
        if (values.Count == 0) return;
        w.WritePropertyName(key);
        w.WriteStartArray();
        foreach (var value in values)
        {
            if (value.Type != JTokenType.String)
                throw new InvalidDataException($"{where}: '{name}' holds a non-string item.");
            w.WriteValue((string)value!);
        }

        w.WriteEndArray();
    }

    private static JObject AsObject(JToken token, string where) =>
        token as JObject ?? throw new InvalidDataException($"{where}: expected an object.");

    private static JObject RequiredObject(JObject o, string name, string where) =>
        o[name] as JObject ?? throw new InvalidDataException($"{where}: '{name}' must be an object.");

    private static JArray RequiredArray(JObject o, string name, string where) =>
        o[name] as JArray ?? throw new InvalidDataException($"{where}: '{name}' must be an array.");

    private static JArray OptionalArray(JObject o, string name, string where) =>
        o[name] switch
        {
            null or { Type: JTokenType.Null } => new JArray(),
            JArray array => array,
            _ => throw new InvalidDataException($"{where}: '{name}' must be an array."),
        };

    private static string RequiredString(JObject o, string name, string where) =>
        OptionalString(o, name, where) ?? throw new InvalidDataException($"{where}: '{name}' is required.");

    private static string? OptionalString(JObject o, string name, string where) =>
        o[name] switch
        {
            null or { Type: JTokenType.Null } => null,
            { Type: JTokenType.String } value => (string)value!,
            _ => throw new InvalidDataException($"{where}: '{name}' must be a string."),
        };

    private static bool Bool(JObject o, string name, string where) =>
        o[name] switch
        {
            null or { Type: JTokenType.Null } => false,
            { Type: JTokenType.Boolean } value => (bool)value,
            _ => throw new InvalidDataException($"{where}: '{name}' must be a boolean."),
        };
}
