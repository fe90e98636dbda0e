using System;
using System.Collections.Generic;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Catalog;

/// <summary>
/// Checks a plaintext request against its documented fields before it is encrypted and sent: missing required body fields
/// (nested objects and arrays of objects included), values outside a documented enum, wrong JSON types, and missing required
/// query parameters. Every problem is reported together, each starting with its field path (<c>identity.real_name</c>,
/// <c>receivers[0].name</c>, <c>query.mchid</c>).
/// </summary>
/// <remarks>
/// Only JSON bodies are checked (v2 XML and multipart uploads are not). Fields the documentation does not list are allowed; the
/// v2 <c>true</c> type and unknown types are not checked; a JSON integer is a valid <c>number</c>. A value is never echoed for a
/// field the catalog marks as encrypted.
/// </remarks>
internal static class RequestValidator
{
    private const int MaxEchoLength = 40;
    private static readonly string[] NoProblems = Array.Empty<string>();

    /// <summary>Validates one request.</summary>
    /// <param name="operation">The documented operation the request addresses.</param>
    /// <param name="body">The plaintext JSON body, or null when the request has none.</param>
    /// <param name="queryNames">The names of the query parameters the request carries (path values already taken out).</param>
    /// <returns>Every problem found; empty when the request matches the documentation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="operation"/> or <paramref name="queryNames"/> is null.</exception>
    public static IReadOnlyList<string> Validate(CatalogOperation operation, JToken? body, IReadOnlyCollection<string> queryNames)
    {
        if (operation is null) throw new ArgumentNullException(nameof(operation));
        if (queryNames is null) throw new ArgumentNullException(nameof(queryNames));

        var problems = new List<string>();
        if (string.Equals(operation.RequestBody, "json", StringComparison.Ordinal)) CheckBody(operation.BodyFields, body, problems);
        CheckQuery(operation, queryNames, problems);
        return problems.Count == 0 ? NoProblems : problems.ToArray();
    }

    private static void CheckBody(IReadOnlyList<CatalogField> fields, JToken? body, List<string> problems)
    {
        if (fields.Count == 0) return;
        switch (body)
        {
            case null:
            case JValue { Type: JTokenType.Null or JTokenType.Undefined }:
                CheckObject(fields, new JObject(), string.Empty, problems);
                break;
            case JObject root:
                CheckObject(fields, root, string.Empty, problems);
                break;
            default:
                problems.Add("body: expected a JSON object, got " + Describe(body, echo: false));
                break;
        }
    }

    private static void CheckQuery(CatalogOperation operation, IReadOnlyCollection<string> queryNames, List<string> problems)
    {
        foreach (var field in operation.QueryFields)
        {
            // A path parameter the page documents under query is given through the path.
            if (!field.Required || Contains(operation.PathParams, field.Name) || Contains(queryNames, field.Name)) continue;
            problems.Add("query." + field.Name + ": required but missing");
        }
    }

    private static void CheckObject(IReadOnlyList<CatalogField> fields, JObject value, string prefix, List<string> problems)
    {
        foreach (var field in fields)
        {
            var path = prefix.Length == 0 ? field.Name : prefix + "." + field.Name;
            var token = value[field.Name];
            if (token is null || token.Type is JTokenType.Null or JTokenType.Undefined)
            {
                if (field.Required) problems.Add(path + ": required but missing");
                continue;
            }

            CheckValue(field, token, path, problems);
        }
    }

    private static void CheckValue(CatalogField field, JToken token, string path, List<string> problems)
    {
        var type = field.Type;
        if (type.EndsWith("[]", StringComparison.Ordinal))
        {
            var elementType = type.Substring(0, type.Length - 2);
            if (!IsKnown(elementType)) return;
            if (token is not JArray array)
            {
                problems.Add(WrongType(field, type, token, path));
                return;
            }

            for (var i = 0; i < array.Count; i++)
            {
                var element = array[i];
                var elementPath = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                if (element.Type is JTokenType.Null or JTokenType.Undefined)
                    problems.Add(elementPath + ": expected " + elementType + ", got null");
                else
                    CheckSingle(field, elementType, element, elementPath, problems);
            }

            return;
        }

        if (IsKnown(type)) CheckSingle(field, type, token, path, problems);
    }

    // One value of a known scalar or object type (an array element or a plain field).
    private static void CheckSingle(CatalogField field, string type, JToken token, string path, List<string> problems)
    {
        if (!HasType(type, token))
        {
            problems.Add(WrongType(field, type, token, path));
            return;
        }

        if (token is JObject value)
        {
            CheckObject(field.Children, value, path, problems);
            return;
        }

        if (field.Enum.Count > 0 && !InEnum(field.Enum, token))
        {
            var shown = field.Encrypted is null ? Describe(token, echo: true) + " is" : "the value is";
            problems.Add(path + ": " + shown + " not one of " + string.Join(", ", field.Enum));
        }
    }

    private static bool IsKnown(string type) => type switch
    {
        "string" or "integer" or "number" or "float" or "boolean" or "object" => true,
        _ => false,
    };

    private static bool HasType(string type, JToken token) => type switch
    {
        "string" => IsStringLike(token.Type),
        "integer" => token.Type == JTokenType.Integer,
        "number" or "float" => token.Type is JTokenType.Integer or JTokenType.Float,
        "boolean" => token.Type == JTokenType.Boolean,
        "object" => token.Type == JTokenType.Object,
        _ => true,
    };

    // Values Newtonsoft writes as JSON strings.
    private static bool IsStringLike(JTokenType type) =>
        type is JTokenType.String or JTokenType.Date or JTokenType.Guid or JTokenType.Uri or JTokenType.TimeSpan or JTokenType.Bytes;

    private static string WrongType(CatalogField field, string expected, JToken token, string path)
    {
        var echo = field.Encrypted is null;
        var problem = path + ": expected " + expected + ", got " + Describe(token, echo);
        if ((expected is "integer" or "number" or "float") && token.Type == JTokenType.String && IsNumeric((string)token!))
            problem += " (a number in quotes: send the number itself, without quotes)";
        return problem;
    }

    private static bool InEnum(IReadOnlyList<string> values, JToken token)
    {
        string? text;
        decimal? number = null;
        switch (token.Type)
        {
            case JTokenType.Integer:
            case JTokenType.Float:
                text = Text(token);
                number = ToDecimal(((JValue)token).Value);
                break;
            case JTokenType.Boolean:
                text = (bool)token ? "true" : "false";
                break;
            default:
                text = IsStringLike(token.Type) ? (string?)token : null;
                break;
        }

        if (text is null && number is null) return true;
        foreach (var value in values)
        {
            if (text != null && string.Equals(value, text, StringComparison.Ordinal)) return true;
            if (number != null && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var documented) && documented == number) return true;
        }

        return false;
    }

    private static decimal? ToDecimal(object? value)
    {
        try
        {
            return value is IConvertible convertible ? convertible.ToDecimal(CultureInfo.InvariantCulture) : null;
        }
        catch (Exception e) when (e is OverflowException or InvalidCastException or FormatException)
        {
            return null;
        }
    }

    private static bool IsNumeric(string text) =>
        text.Length > 0 && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    // "the string \"abc\"", "integer 5", "an object", ...; echo=false leaves the value out.
    private static string Describe(JToken token, bool echo)
    {
        switch (token.Type)
        {
            case JTokenType.Object: return "an object";
            case JTokenType.Array: return "an array";
            case JTokenType.Null: return "null";
            case JTokenType.Boolean: return echo ? "boolean " + ((bool)token ? "true" : "false") : "a boolean";
            case JTokenType.Integer: return echo ? "integer " + Text(token) : "an integer";
            case JTokenType.Float: return echo ? "number " + Text(token) : "a number";
            default:
                if (!IsStringLike(token.Type)) return token.Type.ToString().ToLowerInvariant();
                if (!echo) return "a string";
                var text = (string?)token ?? string.Empty;
                if (text.Length > MaxEchoLength) text = text.Substring(0, MaxEchoLength) + "...";
                return "the string \"" + text + "\"";
        }
    }

    private static string Text(JToken token) => Convert.ToString(((JValue)token).Value, CultureInfo.InvariantCulture) ?? string.Empty;

    private static bool Contains(IEnumerable<string> names, string name)
    {
        foreach (var candidate in names)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal)) return true;
        }

        return false;
    }
}
