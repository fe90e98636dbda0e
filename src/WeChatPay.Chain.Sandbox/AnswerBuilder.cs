using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// Builds a deterministic success body from the catalog's response fields: a request value of the same path or name
/// is echoed (never a sensitive one), enums answer their first value, numbers 1, booleans false, objects and arrays
/// one level of their documented children (arrays one element), and strings a plausible value derived from the
/// field name and the request (ids, tokens, URLs, times). <c>rsa-merchant</c> fields are encrypted with the
/// merchant public key by its scheme (RSA-OAEP, or SM2 for a 国密 merchant).
/// </summary>
internal sealed class AnswerBuilder
{
    private const string Alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SandboxHost = "https://sandbox.wechatpay.invalid/";
    private const int MaxDepth = 12;

    /// <summary>The fixed instant every generated time field answers (deterministic bodies).</summary>
    private static readonly DateTimeOffset FixedTime = new(2025, 1, 1, 12, 0, 0, TimeSpan.FromHours(8));

    private readonly SandboxKeys _keys;

    public AnswerBuilder(SandboxKeys keys) => _keys = keys;

    public JObject Build(RequestInputs inputs, string method, string path)
    {
        var facts = new Facts(inputs);
        var seed = method + " " + path + "|" + facts.Canonical;
        var decrypt = new HashSet<string>(inputs.Operation.Decrypt.Select(d => d.ToString()), StringComparer.Ordinal);
        var context = new Context(inputs.Operation, facts, seed, decrypt);
        return Object(inputs.Operation.Response, string.Empty, string.Empty, context, 0);
    }

    private JObject Object(IReadOnlyList<CatalogField> fields, string path, string catalogPath, Context context, int depth)
    {
        var json = new JObject();
        if (depth > MaxDepth) return json;
        foreach (var field in fields)
        {
            if (field.Type == "true" || json.ContainsKey(field.Name)) continue;
            var fieldPath = path.Length == 0 ? field.Name : path + "." + field.Name;
            var fieldCatalogPath = catalogPath.Length == 0 ? field.Name : catalogPath + "." + field.Name;
            if (field.IsArray)
            {
                var element = field.Type.Substring(0, field.Type.Length - 2);
                json[field.Name] = new JArray(Value(field, element, fieldPath, fieldCatalogPath + "[]", context, depth + 1));
            }
            else
            {
                json[field.Name] = Value(field, field.Type, fieldPath, fieldCatalogPath, context, depth + 1);
            }
        }
        return json;
    }

    private JToken Value(CatalogField field, string type, string path, string catalogPath, Context context, int depth)
    {
        switch (type)
        {
            case "object":
                return Object(field.Children, path, catalogPath, context, depth);
            case "integer":
                return context.Facts.Find(path, field.Name) is { Type: JTokenType.Integer } integer ? integer.DeepClone() : new JValue(1);
            case "number":
            case "float":
                return context.Facts.Find(path, field.Name) is { Type: JTokenType.Integer or JTokenType.Float } number ? number.DeepClone() : new JValue(1);
            case "boolean":
                return context.Facts.Find(path, field.Name) is { Type: JTokenType.Boolean } flag ? flag.DeepClone() : new JValue(false);
            default:
                var text = Text(field, path, context, depth);
                var merchantKey = field.Encrypted == CatalogEncryption.RsaMerchant || context.Decrypt.Contains(catalogPath)
                    || context.Decrypt.Contains(catalogPath.TrimEnd('[', ']'));
                return new JValue(merchantKey ? _keys.MerchantKey.Encrypt(text) : text);
        }
    }

    private string Text(CatalogField field, string path, Context context, int depth)
    {
        var echoed = context.Facts.Find(path, field.Name);
        if (field.Enum.Count > 0)
            return echoed is { Type: JTokenType.String } e && field.Enum.Contains((string)e!, StringComparer.Ordinal) ? (string)e! : field.Enum[0];
        if (echoed is { Type: JTokenType.String }) return (string)echoed!;
        if (field.Children.Count > 0)
            return Object(field.Children, path, path, context, depth).ToString(Newtonsoft.Json.Formatting.None);

        var name = field.Name.ToLowerInvariant();
        var salt = context.Seed + "|" + path;
        return name switch
        {
            "mchid" or "sp_mchid" => _keys.MerchantId,
            "sub_mchid" => "1900000109",
            "presign_token" => "PT" + Token(salt, 30, Alphanumeric),
            "pre_entrustweb_id" => Token(salt, 29, Alphanumeric),
            "transaction_id" => "4200" + Token(salt, 24, "0123456789"),
            _ when name.Contains("appid", StringComparison.Ordinal) => "wx" + Token(salt, 16, "0123456789abcdef"),
            _ when name.Contains("openid", StringComparison.Ordinal) => "o" + Token(salt, 27, Alphanumeric),
            _ when name.EndsWith("url", StringComparison.Ordinal) => SandboxHost + Readable(context.Operation.Path) + "?" + field.Name + "=" + Token(salt, 16, Alphanumeric),
            _ when name.EndsWith("_time", StringComparison.Ordinal) || name == "time" => WeChatTime.Rfc3339(FixedTime),
            _ when name.EndsWith("_date", StringComparison.Ordinal) || name == "date" => FixedTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            _ when name.Contains("currency", StringComparison.Ordinal) => "CNY",
            _ when name.EndsWith("_id", StringComparison.Ordinal) || name.EndsWith("_no", StringComparison.Ordinal) || name == "id" => Token(salt, 28, "0123456789"),
            _ when name.EndsWith("_code", StringComparison.Ordinal) || name.EndsWith("_token", StringComparison.Ordinal) || name.EndsWith("_key", StringComparison.Ordinal) => Token(salt, 24, Alphanumeric),
            _ when name.EndsWith("state", StringComparison.Ordinal) || name.EndsWith("status", StringComparison.Ordinal) => "SUCCESS",
            _ => "sandbox_" + field.Name,
        };
    }

    // The operation path without its version and placeholders, for generated URLs.
    private static string Readable(string operationPath) =>
        string.Join("/", operationPath.Split('/').Skip(1).Where(s => s.Length > 0 && !CatalogPathNode.IsTemplate(s, 0, s.Length)));

    // Deterministic characters from a 64-bit FNV-1a stream over the salt.
    private static string Token(string salt, int length, string alphabet)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(salt)) hash = (hash ^ b) * 1099511628211UL;
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            hash ^= hash >> 29;
            hash = (hash ^ (ulong)i) * 1099511628211UL + 0x9E3779B97F4A7C15UL;
            chars[i] = alphabet[(int)(hash % (ulong)alphabet.Length)];
        }
        if (alphabet[0] == '0' && alphabet.Length == 10 && chars[0] == '0') chars[0] = '1';
        return new string(chars);
    }

    private sealed record Context(CatalogOperation Operation, Facts Facts, string Seed, HashSet<string> Decrypt);

    /// <summary>The request's plain scalar values, by dotted path (array indices dropped) and by name (first seen wins); sensitive values left out.</summary>
    private sealed class Facts
    {
        private readonly Dictionary<string, JToken> _byPath = new(StringComparer.Ordinal);
        private readonly Dictionary<string, JToken> _byName = new(StringComparer.Ordinal);

        public Facts(RequestInputs inputs)
        {
            foreach (var pair in inputs.PathValues) Add(pair.Key, pair.Key, new JValue(pair.Value));
            foreach (var pair in inputs.Query)
            {
                var first = pair.Value.Count == 0 ? null : pair.Value[0];
                if (inputs.EncryptedPaths.Contains(pair.Key) || string.IsNullOrEmpty(first)) continue;
                Add(pair.Key, pair.Key, new JValue(first));
            }
            Walk(inputs.Body, string.Empty, string.Empty, inputs.EncryptedPaths, 0);
            Canonical = string.Join("&", _byName.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value.ToString(Newtonsoft.Json.Formatting.None)));
        }

        public string Canonical { get; }

        public JToken? Find(string path, string name) =>
            _byPath.TryGetValue(path, out var exact) ? exact : _byName.TryGetValue(name, out var named) ? named : null;

        private void Walk(JToken token, string path, string concrete, HashSet<string> encrypted, int depth)
        {
            if (depth > MaxDepth) return;
            switch (token)
            {
                case JObject json:
                    foreach (var property in json.Properties())
                    {
                        Walk(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name,
                            concrete.Length == 0 ? property.Name : concrete + "." + property.Name, encrypted, depth + 1);
                    }
                    break;
                case JArray array:
                    for (var i = 0; i < array.Count; i++) Walk(array[i], path, concrete + "[" + i + "]", encrypted, depth + 1);
                    break;
                case JValue value when value.Type != JTokenType.Null && !encrypted.Contains(concrete):
                    var dot = path.LastIndexOf('.');
                    Add(path, dot < 0 ? path : path.Substring(dot + 1), value);
                    break;
            }
        }

        private void Add(string path, string name, JToken value)
        {
            _byPath.TryAdd(path, value);
            _byName.TryAdd(name, value);
        }
    }
}
