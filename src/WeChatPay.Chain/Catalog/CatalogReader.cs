using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading;
using Newtonsoft.Json;

namespace WeChatPay.Chain.Catalog;

/// <summary>
/// Reads the compact catalog (written by the catalog generator, shape in <c>docs/catalog.md</c>): one JSON document laid
/// out one operation and one webhook per line. Loading reads the header and each operation's method and path only; an
/// operation's other facts are parsed from its line when first asked for, the webhooks all together when first asked
/// for. Repeated strings (field names, types, markers) are shared. Unknown keys are skipped.
/// </summary>
internal sealed class CatalogReader
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
    private readonly DefaultJsonNameTable _names = new();
    private readonly object _gate = new();
    private JsonTextReader _json = null!;
    private int _jsonLine;

    private CatalogReader(byte[] text, int length)
    {
        _text = text;
        foreach (var key in new[] { "format", "source", "repo", "commit", "operations", "webhooks", "m", "p", "t", "pt", "b", "u", "pp", "enc", "dec", "dl", "sh", "rq", "rs", "n", "ev", "gcm", "ct", "f", "r", "x", "e", "c" })
        {
            _names.Add(key);
        }

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
        Parse(line, null, () =>
        {
            var (m, p, details) = ReadOperation();
            if (m != method || p != path) throw Invalid($"the operation is {m} {p}, not {method} {path} as its line begins");
            return details;
        });

    private IReadOnlyList<CatalogWebhook> ReadWebhooks(int start, int end)
    {
        var webhooks = new List<CatalogWebhook>(end - start);
        for (var line = start; line < end; line++) webhooks.Add(Parse(line, null, ReadWebhook));
        return webhooks;
    }

    private (string? Repo, string? Commit) ReadHeader()
    {
        int? format = null;
        string? repo = null, commit = null;
        while (NextProperty() is { } name)
        {
            switch (name)
            {
                case "format":
                    Next(JsonToken.Integer);
                    format = Convert.ToInt32(_json.Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (format != FormatVersion) throw Invalid($"format {format} is not supported (expected {FormatVersion})");
                    break;
                case "source":
                    Next(JsonToken.StartObject);
                    while (NextProperty() is { } key)
                    {
                        if (key == "repo") repo = ReadString();
                        else if (key == "commit") commit = ReadString();
                        else Skip();
                    }

                    break;
                case "operations":
                    Next(JsonToken.StartArray);
                    Next(JsonToken.EndArray);
                    break;
                default:
                    Skip();
                    break;
            }
        }

        if (format is null) throw Invalid("'format' is missing");
        return (repo, commit);
    }

    // Parses one line (without the comma that separates it from the next, with `suffix` appended) as one JSON object.
    private T Parse<T>(int line, string? suffix, Func<T> read)
    {
        lock (_gate)
        {
            var (start, length) = _lines[line];
            if (length > 0 && _text[start + length - 1] == (byte)',') length--;
            string text;
            try
            {
                text = Utf8.GetString(_text, start, length) + suffix;
            }
            catch (DecoderFallbackException)
            {
                throw InvalidLine(line, "not UTF-8");
            }
            using var json = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Double,
                PropertyNameTable = _names,
            };
            _json = json;
            _jsonLine = line;
            try
            {
                Next(JsonToken.StartObject);
                var result = read();
                json.Read(); // text after the object is an error Newtonsoft reports
                return result;
            }
            catch (JsonException e)
            {
                throw new InvalidDataException("The operation catalog is not valid JSON at line " + (line + 1) + ": " + e.Message, e);
            }
        }
    }

    // An operation line begins {"m":"METHOD","p":"PATH" (the generator writes them first, and a path needs no escapes).
    private (string Method, string Path) MethodAndPath(int line)
    {
        var (start, length) = _lines[line];
        var end = start + length;
        var at = start;
        if (!Match(ref at, end, MethodStart)) throw InvalidLine(line, "an operation line must begin with its \"m\" and \"p\"");
        var method = Until(ref at, end, line);
        if (!Match(ref at, end, PathStart)) throw InvalidLine(line, "an operation line must begin with its \"m\" and \"p\"");
        var path = Until(ref at, end, line);
        return (Shared(method)!, path);
    }

    private bool Match(ref int at, int end, string expected)
    {
        if (end - at < expected.Length) return false;
        for (var i = 0; i < expected.Length; i++)
        {
            if (_text[at + i] != expected[i]) return false;
        }
        at += expected.Length;
        return true;
    }

    // Plain text up to the next quote; a backslash (an escape) or a control character is not plain.
    private string Until(ref int at, int end, int line)
    {
        var from = at;
        while (at < end && _text[at] != (byte)'"')
        {
            if (_text[at] == (byte)'\\' || _text[at] < 0x20) throw InvalidLine(line, "a method or path with an escape");
            at++;
        }
        if (at == end || at == from) throw InvalidLine(line, "an empty or unterminated method or path");
        try
        {
            return Utf8.GetString(_text, from, at - from);
        }
        catch (DecoderFallbackException)
        {
            throw InvalidLine(line, "not UTF-8");
        }
    }

    private bool Is(int line, string text) => _lines[line].Length == text.Length && EndsWith(line, text);

    private bool EndsWith(int line, string text)
    {
        var (start, length) = _lines[line];
        if (length < text.Length) return false;
        var at = start + length - text.Length;
        return Match(ref at, start + length, text);
    }

    private (string Method, string Path, CatalogOperation.Details Details) ReadOperation()
    {
        string? method = null, path = null, title = null, pageTitle = null, body = null, baseUri = null;
        IReadOnlyList<string> pathParams = NoStrings;
        IReadOnlyList<FieldPath> encrypt = NoPaths, decrypt = NoPaths;
        IReadOnlyList<CatalogField> request = NoFields, response = NoFields;
        bool download = false, serialHeader = false;

        while (NextProperty() is { } name)
        {
            switch (name)
            {
                case "m": method = Shared(ReadString()); break;
                case "p": path = ReadString(); break;
                case "t": title = ReadString(); break;
                case "pt": pageTitle = ReadString(); break;
                case "b": body = Shared(ReadString()); break;
                case "u": baseUri = Shared(ReadString()); break;
                case "pp": pathParams = ReadStrings(); break;
                case "enc": encrypt = ReadPaths(FieldPath.Request); break;
                case "dec": decrypt = ReadPaths(text => FieldPath.Parse(FieldLocation.Answer, text)); break;
                case "dl": download = ReadBool(); break;
                case "sh": serialHeader = ReadBool(); break;
                case "rq": request = ReadFields(); break;
                case "rs": response = ReadFields(); break;
                default: Skip(); break;
            }
        }

        if (method is null || path is null || title is null) throw Invalid("an operation lacks 'm', 'p' or 't'");
        return (method, path, new CatalogOperation.Details(title, pageTitle, body, baseUri, pathParams, encrypt, decrypt, download, serialHeader, request, response));
    }

    private CatalogWebhook ReadWebhook()
    {
        string? name = null, title = null, contentType = null;
        IReadOnlyList<string> eventTypes = NoStrings, aesGcm = NoStrings;
        IReadOnlyList<FieldPath> decrypt = NoPaths;
        IReadOnlyList<CatalogField> fields = NoFields, response = NoFields;

        while (NextProperty() is { } key)
        {
            switch (key)
            {
                case "n": name = ReadString(); break;
                case "t": title = ReadString(); break;
                case "ev": eventTypes = ReadStrings(); break;
                case "gcm": aesGcm = ReadStrings(); break;
                case "dec": decrypt = ReadPaths(FieldPath.Callback); break;
                case "ct": contentType = Shared(ReadString()); break;
                case "f": fields = ReadFields(); break;
                case "rs": response = ReadFields(); break;
                default: Skip(); break;
            }
        }

        if (name is null || title is null) throw Invalid("a webhook lacks 'n' or 't'");
        return new CatalogWebhook(name, title, eventTypes, aesGcm, decrypt, contentType, fields, response);
    }

    // Field paths are parsed once, here, into their typed form.
    private IReadOnlyList<FieldPath> ReadPaths(Func<string, FieldPath> parse)
    {
        var texts = ReadStrings();
        var paths = new FieldPath[texts.Count];
        for (var i = 0; i < paths.Length; i++)
        {
            try
            {
                paths[i] = parse(texts[i]);
            }
            catch (FormatException e)
            {
                throw Invalid(e.Message);
            }
        }
        return paths;
    }

    private IReadOnlyList<CatalogField> ReadFields()
    {
        Next(JsonToken.StartArray);
        var fields = new List<CatalogField>();
        while (NextItem())
        {
            string? name = null, type = null, encrypted = null;
            var required = false;
            IReadOnlyList<string> values = NoStrings;
            IReadOnlyList<CatalogField> children = NoFields;
            while (NextProperty() is { } key)
            {
                switch (key)
                {
                    case "n": name = Shared(ReadString()); break;
                    case "t": type = Shared(ReadString()); break;
                    case "r": required = ReadBool(); break;
                    case "x": encrypted = Shared(ReadString()); break;
                    case "e": values = ReadStrings(); break;
                    case "c": children = ReadFields(); break;
                    default: Skip(); break;
                }
            }

            if (name is null || type is null) throw Invalid("a field lacks 'n' or 't'");
            fields.Add(new CatalogField(name, type, required, encrypted, values, children));
        }

        return fields.Count == 0 ? NoFields : fields.ToArray();
    }

    private IReadOnlyList<string> ReadStrings()
    {
        Next(JsonToken.StartArray);
        var values = new List<string>();
        while (_json.Read() && _json.TokenType != JsonToken.EndArray)
        {
            if (_json.TokenType != JsonToken.String) throw Invalid("expected a string item");
            values.Add(Shared((string)_json.Value!)!);
        }

        return values.Count == 0 ? NoStrings : values.ToArray();
    }

    private string? ReadString()
    {
        if (!_json.Read()) throw Invalid("unexpected end");
        return _json.TokenType switch
        {
            JsonToken.String => (string)_json.Value!,
            JsonToken.Null => null,
            _ => throw Invalid("expected a string"),
        };
    }

    private bool ReadBool()
    {
        Next(JsonToken.Boolean);
        return (bool)_json.Value!;
    }

    // Reads the next property name of the current object, or null at its end.
    private string? NextProperty()
    {
        if (!_json.Read()) throw Invalid("unexpected end");
        if (_json.TokenType == JsonToken.EndObject) return null;
        if (_json.TokenType != JsonToken.PropertyName) throw Invalid("expected a property");
        return (string)_json.Value!;
    }

    // Moves to the next object item of the current array; false at its end.
    private bool NextItem()
    {
        if (!_json.Read()) throw Invalid("unexpected end");
        if (_json.TokenType == JsonToken.EndArray) return false;
        if (_json.TokenType != JsonToken.StartObject) throw Invalid("expected an object item");
        return true;
    }

    private void Next(JsonToken expected)
    {
        if (!_json.Read() || _json.TokenType != expected) throw Invalid("expected " + expected);
    }

    private void Skip()
    {
        _json.Read();
        _json.Skip();
    }

    private string? Shared(string? value)
    {
        if (value is null) return null;
        if (_pool.TryGetValue(value, out var shared)) return shared;
        _pool.Add(value, value);
        return value;
    }

    private InvalidDataException Invalid(string what) =>
        new("The operation catalog is malformed at line " + (_jsonLine + 1) + ", position " + _json.LinePosition + ": " + what + ".");

    private static InvalidDataException InvalidLine(int line, string what) =>
        new("The operation catalog is malformed at line " + (line + 1) + ": " + what + ".");
}
