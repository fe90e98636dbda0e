using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Primitives;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// Checks a request against the catalog as WeChat Pay's parameter validation does: required fields present, JSON
/// types right, enum values valid, in the body (nested objects and arrays included), the query and an upload's
/// <c>meta</c>. Unknown fields are accepted. Enum values of sensitive fields are not checked (they arrive encrypted).
/// </summary>
internal static class ParameterCheck
{
    private const int ListedValues = 12;

    /// <summary>The first problem as a 400 PARAM_ERROR naming the field, or null.</summary>
    public static Rejection? Check(RequestInputs inputs)
    {
        var operation = inputs.Operation;
        foreach (var field in operation.QueryFields)
        {
            // A few pages document a path parameter under query: the path carries it.
            if (operation.PathParams.Contains(field.Name, StringComparer.Ordinal)) continue;
            var values = inputs.Query.TryGetValue(field.Name, out var given) ? given : StringValues.Empty;
            if (values.Count == 0 || values.All(string.IsNullOrEmpty))
            {
                if (field.Required) return Missing(field.Name, "query");
                continue;
            }
            if (field.Enum.Count > 0 && field.Encrypted is null)
            {
                foreach (var value in values)
                    if (!field.Enum.Contains(value, StringComparer.Ordinal)) return NotInEnum(field, field.Name, "query");
            }
        }

        if (operation.RequestBody == "json")
            return Fields(operation.BodyFields, inputs.Body, string.Empty, "body");

        if (operation.RequestBody == "multipart")
        {
            var meta = operation.BodyFields.FirstOrDefault(f => f.Name == "meta");
            if (meta is null) return null;
            if (inputs.Meta is null) return meta.Required ? Missing("meta", "body") : null;
            return Fields(meta.Children, inputs.Meta, "meta", "body");
        }
        return null;
    }

    private static Rejection? Fields(IReadOnlyList<CatalogField> fields, JObject json, string prefix, string location)
    {
        foreach (var field in fields)
        {
            if (field.Type == "true") continue;
            var path = prefix.Length == 0 ? field.Name : prefix + "." + field.Name;
            var token = json.Property(field.Name, StringComparison.Ordinal)?.Value;
            if (token is null || token.Type == JTokenType.Null)
            {
                if (field.Required) return Missing(path, location);
                continue;
            }

            if (field.IsArray)
            {
                if (token is not JArray array) return WrongType(field, path, location, field.Type, token);
                var element = field.Type.Substring(0, field.Type.Length - 2);
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i].Type == JTokenType.Null) continue;
                    if (Value(field, element, array[i], path + "[" + i + "]", location) is { } problem) return problem;
                }
                continue;
            }

            if (Value(field, field.Type, token, path, location) is { } wrong) return wrong;
        }
        return null;
    }

    private static Rejection? Value(CatalogField field, string type, JToken token, string path, string location)
    {
        switch (type)
        {
            case "string":
                if (token.Type != JTokenType.String) return WrongType(field, path, location, type, token);
                if (field.Enum.Count > 0 && field.Encrypted is null && !field.Enum.Contains((string)token!, StringComparer.Ordinal))
                    return NotInEnum(field, path, location);
                return null;
            case "integer":
                return token.Type == JTokenType.Integer ? null : WrongType(field, path, location, type, token);
            case "number":
            case "float":
                return token.Type == JTokenType.Integer || token.Type == JTokenType.Float ? null : WrongType(field, path, location, type, token);
            case "boolean":
                return token.Type == JTokenType.Boolean ? null : WrongType(field, path, location, type, token);
            case "object":
                if (token is not JObject nested) return WrongType(field, path, location, type, token);
                return Fields(field.Children, nested, path, location);
            default:
                return null;
        }
    }

    private static Rejection Missing(string path, string location) =>
        Rejection.ParamError(SandboxCheck.Parameters, path, location, "required",
            $"参数错误 (parameter error): the required field '{path}' is missing from the {location}.");

    private static Rejection WrongType(CatalogField _, string path, string location, string type, JToken token) =>
        Rejection.ParamError(SandboxCheck.Parameters, path, location, "type",
            $"参数错误 (parameter error): the field '{path}' must be {Describe(type)}, not {Describe(token.Type)}.");

    private static Rejection NotInEnum(CatalogField field, string path, string location)
    {
        var allowed = string.Join(", ", field.Enum.Take(ListedValues)) + (field.Enum.Count > ListedValues ? ", …" : string.Empty);
        return Rejection.ParamError(SandboxCheck.Parameters, path, location, "enum",
            $"参数错误 (parameter error): the field '{path}' must be one of {allowed}.");
    }

    private static string Describe(string type) => type switch
    {
        "string" => "a JSON string",
        "integer" => "a JSON integer",
        "number" or "float" => "a JSON number",
        "boolean" => "true or false",
        "object" => "a JSON object",
        _ when type.EndsWith("[]", StringComparison.Ordinal) => "a JSON array",
        _ => type,
    };

    private static string Describe(JTokenType type) => type switch
    {
        JTokenType.String => "a string",
        JTokenType.Integer => "an integer",
        JTokenType.Float => "a decimal number",
        JTokenType.Boolean => "a boolean",
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        _ => type.ToString().ToLowerInvariant(),
    };
}
