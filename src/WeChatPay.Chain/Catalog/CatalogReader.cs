using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading;
using System.Text.Json;

namespace WeChatPay.Chain.Catalog;

/// <summary>
/// Reads the compact catalog (written by the catalog generator, shape in <c>docs/catalog.md</c>): one JSON document laid
/// out one operation and one webhook per line. Loading reads the header and each operation's method and path only; an
/// operation's other facts are parsed from its line when first asked for, the webhooks all together when first asked
/// for. Repeated strings (field names, types, markers) are shared. Unknown keys are skipped.
/// </summary>
internal sealed partial class CatalogReader
{
    /// <summary>The compact shape version this reader understands.</summary>
    public const int FormatVersion = 2;

    private const string OperationsStart = ",\"operations\":[";
    private const string WebhooksStart = "],\"webhooks\":[";
    private const string End = "]}";
    private const string MethodStart = "{\"m\":\"";
    private const string PathStart = "\",\"p\":\"";

    private static readonly string[] NoStrings = Array.Empty<string>();
    private static readonly FieldPath[] NoPaths = Array.Empty<FieldPath>();
    private static readonly CatalogField[] NoFields = Array.Empty<CatalogField>();
    private static readonly UTF8Encoding Utf8 = new(false, true);

    private readonly byte[] _text;
    private readonly List<(int Start, int Length)> _lines = new();
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private int _jsonLine;
    private long _jsonPosition;

    private CatalogReader(byte[] text, int length)
    {
        _text = text;

        var start = 0;
        while (start < length)
        {
            var end = Array.IndexOf(text, (byte)'\n', start, length - start);
            if (end < 0) end = length;
            _lines.Add((start, end - start));
            start = end + 1;
        }
    }

    /// <summary>Reads a gzip-compressed catalog.</summary>
    /// <param name="gzip">A stream over the gzip bytes; left open.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="InvalidDataException">The content is not a catalog of the supported format.</exception>
    public static OperationCatalog ReadGzip(Stream gzip)
    {
        if (gzip is null) throw new ArgumentNullException(nameof(gzip));
        using var plain = new GZipStream(gzip, CompressionMode.Decompress, leaveOpen: true);
        using var text = new MemoryStream();
        plain.CopyTo(text);
        return new CatalogReader(text.GetBuffer(), (int)text.Length).ReadCatalog();
    }

    /// <summary>Reads an uncompressed catalog.</summary>
    /// <param name="text">A reader over the catalog text; left open.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="InvalidDataException">The content is not a catalog of the supported format.</exception>
    public static OperationCatalog Read(TextReader text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var bytes = Utf8.GetBytes(text.ReadToEnd());
        return new CatalogReader(bytes, bytes.Length).ReadCatalog();
    }

    // Line 1 holds the header and opens the operations; then one operation per line, the line that opens the webhooks,
    // one webhook per line, and the line that closes the document.
    private OperationCatalog ReadCatalog()
    {
        if (_lines.Count == 0 || !EndsWith(0, OperationsStart)) throw InvalidLine(0, "the first line must end by opening \"operations\"");
        var (repo, commit) = Parse(0, End, ReadHeader);

        var operations = new List<CatalogOperation>();
        var line = 1;
        for (; line < _lines.Count && !Is(line, WebhooksStart); line++)
        {
            var (method, path) = MethodAndPath(line);
            operations.Add(new CatalogOperation(method, path, this, line));
        }

        var webhooksStart = ++line;
        for (; line < _lines.Count && !Is(line, End); line++)
        {
        }
        if (line >= _lines.Count) throw InvalidLine(_lines.Count - 1, "the catalog ends before \"]}\"");
        var webhooksEnd = line;
        var webhooks = new Lazy<IReadOnlyList<CatalogWebhook>>(() => ReadWebhooks(webhooksStart, webhooksEnd), LazyThreadSafetyMode.ExecutionAndPublication);
        return new OperationCatalog(repo ?? string.Empty, commit ?? string.Empty, operations, webhooks);
    }

    /// <summary>Reads everything of the operation on <paramref name="line"/> but its method and path, which it checks.</summary>
    internal CatalogOperation.Details ReadOperation(int line, string method, string path) =>
        Parse(line, null, (ref Utf8JsonReader json) =>
        {
            var (m, p, details) = ReadOperation(ref json);
            if (m != method || p != path) throw Invalid($"the operation is {m} {p}, not {method} {path} as its line begins");
            return details;
        });

    private IReadOnlyList<CatalogWebhook> ReadWebhooks(int start, int end)
    {
        var webhooks = new List<CatalogWebhook>(end - start);
        for (var line = start; line < end; line++) webhooks.Add(Parse(line, null, ReadWebhook));
        return webhooks;
    }

    private (string? Repo, string? Commit) ReadHeader(ref Utf8JsonReader json)
    {
        int? format = null;
        string? repo = null, commit = null;
        while (NextProperty(ref json) is { } name)
        {
            switch (name)
            {
                case "format":
                    Next(ref json, JsonTokenType.Number);
                    if (!json.TryGetInt32(out var number)) throw Invalid("'format' is not a whole number");
                    format = number;
                    if (format != FormatVersion) throw Invalid($"format {format} is not supported (expected {FormatVersion})");
                    break;
                case "source":
                    Next(ref json, JsonTokenType.StartObject);
                    while (NextProperty(ref json) is { } key)
                    {
                        if (key == "repo") repo = ReadString(ref json);
                        else if (key == "commit") commit = ReadString(ref json);
                        else Skip(ref json);
                    }

                    break;
                case "operations":
                    Next(ref json, JsonTokenType.StartArray);
                    Next(ref json, JsonTokenType.EndArray);
                    break;
                default:
                    Skip(ref json);
                    break;
            }
        }

        if (format is null) throw Invalid("'format' is missing");
        return (repo, commit);
    }

    private delegate T LineReader<T>(ref Utf8JsonReader json);

    private byte[] WithSuffix(int start, int length, string suffix)
    {
        var bytes = new byte[length + suffix.Length];
        Buffer.BlockCopy(_text, start, bytes, 0, length);
        Encoding.ASCII.GetBytes(suffix, 0, suffix.Length, bytes, length);
        return bytes;
    }

    // Parses one line (without the comma that separates it from the next, with `suffix` appended) as one JSON object, with
    // System.Text.Json's reader: precompiled with .NET, where Newtonsoft's would be compiled at start-up.
    private T Parse<T>(int line, string? suffix, LineReader<T> read)
    {
        lock (_gate)
        {
            var (start, length) = _lines[line];
            if (length > 0 && _text[start + length - 1] == (byte)',') length--;
            try
            {
                Utf8.GetCharCount(_text, start, length);
            }
            catch (DecoderFallbackException)
            {
                throw InvalidLine(line, "not UTF-8");
            }
            var json = new Utf8JsonReader(suffix is null ? new ReadOnlySpan<byte>(_text, start, length) : WithSuffix(start, length, suffix),
                new JsonReaderOptions { MaxDepth = 64 });
            _jsonLine = line;
            _jsonPosition = 0;
            try
            {
                Next(ref json, JsonTokenType.StartObject);
                var result = read(ref json);
                json.Read(); // text after the object is an error the reader reports
                return result;
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException) // a syntax error; a string that is not UTF-16 once unescaped
            {
                throw new InvalidDataException("The operation catalog is not valid JSON at line " + (line + 1) + ": " + e.Message, e);
            }
        }
    }
}
