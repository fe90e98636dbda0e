using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace WeChatPay.Chain.Catalog;

/// <content>One operation's or webhook's line parsed as JSON when first needed: fields, paths, strings, shared.</content>
internal sealed partial class CatalogReader
{
    private (string Method, string Path, CatalogOperation.Details Details) ReadOperation(ref Utf8JsonReader json)
    {
        string? method = null, path = null, title = null, pageTitle = null, body = null, baseUri = null;
        IReadOnlyList<string> pathParams = NoStrings;
        IReadOnlyList<FieldPath> encrypt = NoPaths, decrypt = NoPaths;
        IReadOnlyList<CatalogField> request = NoFields, response = NoFields;
        bool download = false, serialHeader = false;

        while (NextProperty(ref json) is { } name)
        {
            switch (name)
            {
                case "m": method = Shared(ReadString(ref json)); break;
                case "p": path = ReadString(ref json); break;
                case "t": title = ReadString(ref json); break;
                case "pt": pageTitle = ReadString(ref json); break;
                case "b": body = Shared(ReadString(ref json)); break;
                case "u": baseUri = Shared(ReadString(ref json)); break;
                case "pp": pathParams = ReadStrings(ref json); break;
                case "enc": encrypt = ReadPaths(ref json, FieldPath.Request); break;
                case "dec": decrypt = ReadPaths(ref json, text => FieldPath.Parse(FieldLocation.Answer, text)); break;
                case "dl": download = ReadBool(ref json); break;
                case "sh": serialHeader = ReadBool(ref json); break;
                case "rq": request = ReadFields(ref json); break;
                case "rs": response = ReadFields(ref json); break;
                default: Skip(ref json); break;
            }
        }

        if (method is null || path is null || title is null) throw Invalid("an operation lacks 'm', 'p' or 't'");
        return (method, path, new CatalogOperation.Details(title, pageTitle, body, baseUri, pathParams, encrypt, decrypt, download, serialHeader, request, response));
    }

    private CatalogWebhook ReadWebhook(ref Utf8JsonReader json)
    {
        string? name = null, title = null, contentType = null;
        IReadOnlyList<string> eventTypes = NoStrings, aesGcm = NoStrings;
        IReadOnlyList<FieldPath> decrypt = NoPaths;
        IReadOnlyList<CatalogField> fields = NoFields, response = NoFields;

        while (NextProperty(ref json) is { } key)
        {
            switch (key)
            {
                case "n": name = ReadString(ref json); break;
                case "t": title = ReadString(ref json); break;
                case "ev": eventTypes = ReadStrings(ref json); break;
                case "gcm": aesGcm = ReadStrings(ref json); break;
                case "dec": decrypt = ReadPaths(ref json, FieldPath.Callback); break;
                case "ct": contentType = Shared(ReadString(ref json)); break;
                case "f": fields = ReadFields(ref json); break;
                case "rs": response = ReadFields(ref json); break;
                default: Skip(ref json); break;
            }
        }

        if (name is null || title is null) throw Invalid("a webhook lacks 'n' or 't'");
        return new CatalogWebhook(name, title, eventTypes, aesGcm, decrypt, contentType, fields, response);
    }

    // Field paths are parsed once, here, into their typed form.
    private IReadOnlyList<FieldPath> ReadPaths(ref Utf8JsonReader json, Func<string, FieldPath> parse)
    {
        var texts = ReadStrings(ref json);
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

    private IReadOnlyList<CatalogField> ReadFields(ref Utf8JsonReader json)
    {
        Next(ref json, JsonTokenType.StartArray);
        var fields = new List<CatalogField>();
        while (NextItem(ref json))
        {
            string? name = null, type = null, encrypted = null;
            var required = false;
            IReadOnlyList<string> values = NoStrings;
            IReadOnlyList<CatalogField> children = NoFields;
            while (NextProperty(ref json) is { } key)
            {
                switch (key)
                {
                    case "n": name = Shared(ReadString(ref json)); break;
                    case "t": type = Shared(ReadString(ref json)); break;
                    case "r": required = ReadBool(ref json); break;
                    case "x": encrypted = Shared(ReadString(ref json)); break;
                    case "e": values = ReadStrings(ref json); break;
                    case "c": children = ReadFields(ref json); break;
                    default: Skip(ref json); break;
                }
            }

            if (name is null || type is null) throw Invalid("a field lacks 'n' or 't'");
            fields.Add(new CatalogField(name, type, required, encrypted, values, children));
        }

        return fields.Count == 0 ? NoFields : fields.ToArray();
    }

    private IReadOnlyList<string> ReadStrings(ref Utf8JsonReader json)
    {
        Next(ref json, JsonTokenType.StartArray);
        var values = new List<string>();
        while (Read(ref json) && json.TokenType != JsonTokenType.EndArray)
        {
            if (json.TokenType != JsonTokenType.String) throw Invalid("expected a string item");
            values.Add(Shared(json.GetString())!);
        }

        return values.Count == 0 ? NoStrings : values.ToArray();
    }

    private string? ReadString(ref Utf8JsonReader json)
    {
        if (!Read(ref json)) throw Invalid("unexpected end");
        return json.TokenType switch
        {
            JsonTokenType.String => json.GetString(),
            JsonTokenType.Null => null,
            _ => throw Invalid("expected a string"),
        };
    }

    private bool ReadBool(ref Utf8JsonReader json)
    {
        if (!Read(ref json) || json.TokenType is not (JsonTokenType.True or JsonTokenType.False)) throw Invalid("expected true or false");
        return json.GetBoolean();
    }

    // Reads the next property name of the current object, or null at its end.
    private string? NextProperty(ref Utf8JsonReader json)
    {
        if (!Read(ref json)) throw Invalid("unexpected end");
        if (json.TokenType == JsonTokenType.EndObject) return null;
        if (json.TokenType != JsonTokenType.PropertyName) throw Invalid("expected a property");
        return json.GetString();
    }

    // Moves to the next object item of the current array; false at its end.
    private bool NextItem(ref Utf8JsonReader json)
    {
        if (!Read(ref json)) throw Invalid("unexpected end");
        if (json.TokenType == JsonTokenType.EndArray) return false;
        if (json.TokenType != JsonTokenType.StartObject) throw Invalid("expected an object item");
        return true;
    }

    private void Next(ref Utf8JsonReader json, JsonTokenType expected)
    {
        if (!Read(ref json) || json.TokenType != expected) throw Invalid("expected " + expected);
    }

    private void Skip(ref Utf8JsonReader json)
    {
        Read(ref json);
        json.Skip();
    }

    private string? Shared(string? value)
    {
        if (value is null) return null;
        if (_pool.TryGetValue(value, out var shared)) return shared;
        _pool.Add(value, value);
        return value;
    }

    // Every read goes through here, so that an error can say where the line went wrong.
    private bool Read(ref Utf8JsonReader json)
    {
        var more = json.Read();
        _jsonPosition = json.TokenStartIndex;
        return more;
    }

    private InvalidDataException Invalid(string what) =>
        new("The operation catalog is malformed at line " + (_jsonLine + 1) + ", byte " + (_jsonPosition + 1) + ": " + what + ".");
}
