using System;
using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json;

namespace WeChatPay.Chain.Catalog;

/// <content>One operation's or webhook's line parsed as JSON when first needed: fields, paths, strings, shared.</content>
internal sealed partial class CatalogReader
{
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
}
