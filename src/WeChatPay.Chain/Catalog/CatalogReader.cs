using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using Newtonsoft.Json;

namespace WeChatPay.Chain.Catalog;

/// <summary>
/// Reads the compact catalog (written by the catalog generator, shape in <c>docs/catalog.md</c>) in one
/// forward pass; repeated strings (field names, types, markers) are shared. Unknown keys are skipped.
/// </summary>
internal sealed class CatalogReader
{
    /// <summary>The compact shape version this reader understands.</summary>
    public const int FormatVersion = 1;

    private static readonly string[] NoStrings = Array.Empty<string>();
    private static readonly FieldPath[] NoPaths = Array.Empty<FieldPath>();
    private static readonly CatalogField[] NoFields = Array.Empty<CatalogField>();

    private readonly JsonTextReader _json;
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);

    private CatalogReader(TextReader text)
    {
        var names = new DefaultJsonNameTable();
        foreach (var key in new[] { "format", "source", "repo", "commit", "operations", "webhooks", "m", "p", "t", "pt", "b", "u", "pp", "enc", "dec", "dl", "sh", "rq", "rs", "n", "ev", "gcm", "ct", "f", "r", "x", "e", "c" })
        {
            names.Add(key);
        }

        _json = new JsonTextReader(text)
        {
            CloseInput = false,
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
            PropertyNameTable = names,
        };
    }

    /// <summary>Reads a gzip-compressed catalog.</summary>
    /// <param name="gzip">A stream over the gzip bytes; left open.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="InvalidDataException">The content is not a catalog of the supported format.</exception>
    public static OperationCatalog ReadGzip(Stream gzip)
    {
        if (gzip is null) throw new ArgumentNullException(nameof(gzip));
        using var plain = new GZipStream(gzip, CompressionMode.Decompress, leaveOpen: true);
        using var text = new StreamReader(plain, new UTF8Encoding(false));
        return Read(text);
    }

    /// <summary>Reads an uncompressed catalog.</summary>
    /// <param name="text">A reader over the catalog text; left open.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="InvalidDataException">The content is not a catalog of the supported format.</exception>
    public static OperationCatalog Read(TextReader text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        try
        {
            return new CatalogReader(text).ReadCatalog();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("The operation catalog is not valid JSON: " + e.Message, e);
        }
    }

    private OperationCatalog ReadCatalog()
    {
        int? format = null;
        string? repo = null, commit = null;
        var operations = new List<CatalogOperation>();
        var webhooks = new List<CatalogWebhook>();

        Next(JsonToken.StartObject);
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
                    while (NextItem()) operations.Add(ReadOperation());
                    break;
                case "webhooks":
                    Next(JsonToken.StartArray);
                    while (NextItem()) webhooks.Add(ReadWebhook());
                    break;
                default:
                    Skip();
                    break;
            }
        }

        if (format is null) throw Invalid("'format' is missing");
        return new OperationCatalog(repo ?? string.Empty, commit ?? string.Empty, operations, webhooks);
    }

    private CatalogOperation ReadOperation()
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
        return new CatalogOperation(method, path, title, pageTitle, body, baseUri, pathParams, encrypt, decrypt, download, serialHeader, request, response);
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
        new("The operation catalog is malformed at line " + _json.LineNumber + ", position " + _json.LinePosition + ": " + what + ".");
}
