using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.CatalogGenerator;

/// <summary>
/// The example values of the operation pages' C# samples: anonymous objects holding the fields a caller gives (the required
/// ones, as <see cref="CallerFields"/> counts them, and the ones the client encrypts), nested objects and arrays as documented,
/// and a value by type: an enumeration's first value, integers as integers, a well-known field's usual example.
/// </summary>
internal static class SampleValues
{
    // C# keywords a documented name can be: written with '@' in an anonymous object.
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue", "decimal",
        "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float", "for",
        "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null",
        "object", "operator", "out", "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte",
        "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["appid"] = "wxd678efh567hg6787", ["sp_appid"] = "wxd678efh567hg6787", ["sub_appid"] = "wxd678efh567hg6787",
        ["mchid"] = "1900000001", ["mch_id"] = "1900000001", ["sp_mchid"] = "1900000001",
        ["sub_mchid"] = "1900000109", ["sub_mch_id"] = "1900000109",
        ["openid"] = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", ["sp_openid"] = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", ["sub_openid"] = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        ["out_trade_no"] = "1217752501201407033233368018", ["transaction_id"] = "4200000001202511210000000001",
        ["out_refund_no"] = "R20251122000001", ["refund_id"] = "50000000382019052709732678859",
        ["currency"] = "CNY", ["description"] = "Image形象店-深圳腾大-QQ公仔", ["body"] = "腾讯充值中心-QQ会员充值",
        ["auth_code"] = "120061098828009406", ["real_name"] = "张三", ["name"] = "张三", ["user_name"] = "张三",
    };

    /// <summary>Whether a request field is marked for the client to encrypt: with the platform key, or APIv2's pay-to-bank key.</summary>
    public static bool EncryptedForYou(CatalogField field) => field.Encrypted is CatalogEncryption.RsaPlatform or CatalogEncryption.RsaPaybank;

    /// <summary>Whether the field or a field inside it is encrypted for you.</summary>
    public static bool HoldsEncrypted(CatalogField field) => EncryptedForYou(field) || field.Children.Any(HoldsEncrypted);

    /// <summary>
    /// The fields of one object a sample gives: the required ones (not the APIv2 nonce and sign the client adds, and of two
    /// either-or identifiers the merchant's own, <c>out_…</c>) and the ones that hold an encrypted field; each name once.
    /// </summary>
    public static IEnumerable<CatalogField> Given(IReadOnlyList<CatalogField> fields, bool v2TopLevel)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!seen.Add(field.Name)) continue;
            var filled = v2TopLevel && field.Name is "nonce_str" or "sign";
            if (filled && field.Name == "sign") continue;
            var required = CallerFields.Required(field, fields, v2TopLevel)
                || field.Required && !filled && field.Name.StartsWith("out_", StringComparison.Ordinal); // the merchant's of an either-or pair
            if (required || (!filled && HoldsEncrypted(field))) yield return field;
        }
    }

    /// <summary>An anonymous object of the given fields: on one line when short, else one field a line under <paramref name="indent"/>.</summary>
    /// <exception cref="InvalidDataException">A field's name is no C# identifier (an anonymous object cannot hold it).</exception>
    public static string Object(IEnumerable<CatalogField> given, bool v2, string indent)
    {
        var members = given.Select(f => Name(f.Name) + " = " + Value(f, v2, indent + "    ")).ToList();
        if (members.Count == 0) return "new { }";
        var line = "new { " + string.Join(", ", members) + " }";
        if (line.Length <= 90 && line.IndexOf('\n') < 0) return line;
        var text = new StringBuilder("new\n").Append(indent).Append("{\n");
        foreach (var member in members) text.Append(indent).Append("    ").Append(member).Append(",\n");
        return text.Append(indent).Append('}').ToString();
    }

    /// <summary>The member name of a documented field in an anonymous object: the name, a keyword with '@'.</summary>
    /// <exception cref="InvalidDataException">The name is no C# identifier.</exception>
    public static string Name(string name)
    {
        if (!IsIdentifier(name)) throw new InvalidDataException($"The field '{name}' cannot be a member of an anonymous object in a sample.");
        return Keywords.Contains(name) ? "@" + name : name;
    }

    /// <summary>Whether <paramref name="name"/> is an ASCII C# identifier.</summary>
    public static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => c < 128 && (char.IsLetterOrDigit(c) || c == '_'));

    private static string Value(CatalogField field, bool v2, string indent)
    {
        switch (field.Type)
        {
            case "object":
                return Object(Given(field.Children, false), v2, indent);
            case "object[]":
                var item = Object(Given(field.Children, false), v2, indent + "    ");
                return item.IndexOf('\n') < 0 ? "new[] { " + item + " }" : "new[]\n" + indent + "{\n" + indent + "    " + item + ",\n" + indent + "}";
            case "string[]":
                return "new[] { " + Literal(field.Enum.FirstOrDefault() ?? Text(field.Name, v2)) + " }";
            case "integer[]":
            case "number[]":
            case "float[]":
                return "new[] { " + Number(field) + " }";
            case "boolean":
            case "true":
                return "true";
            case "integer":
            case "number":
            case "float":
                return Number(field);
            default:
                return Literal(field.Enum.FirstOrDefault() ?? Text(field.Name, v2));
        }
    }

    /// <summary>An integer for a documented number: its first documented value when that is one, else 100 for an amount, 1 otherwise.</summary>
    public static string Number(CatalogField field) =>
        field.Enum.FirstOrDefault(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) is { } documented ? documented : Integer(field.Name);

    /// <summary>100 for an amount (<c>total</c>, <c>refund_fee</c>, …), 1 for any other integer.</summary>
    public static string Integer(string name) =>
        name.Contains("total", StringComparison.Ordinal) || name.Contains("fee", StringComparison.Ordinal) || name.Contains("amount", StringComparison.Ordinal)
            || name == "refund" ? "100" : "1";

    /// <summary>An example text for a field: a well-known field's usual value, else one by the name's ending, else <c>example</c>.</summary>
    public static string Text(string name, bool v2)
    {
        if (Known.TryGetValue(name, out var known)) return known;
        if (name.EndsWith("notify_url", StringComparison.Ordinal)) return "https://www.example.com/notify";
        if (name.EndsWith("url", StringComparison.Ordinal)) return "https://www.example.com/";
        if (name.EndsWith("_time", StringComparison.Ordinal) || name is "time_start" or "time_expire") return v2 ? "20251121100000" : "2025-11-21T10:00:00+08:00";
        if (name.EndsWith("_date", StringComparison.Ordinal) || name == "date") return v2 ? "20251121" : "2025-11-21";
        if (name.EndsWith("_ip", StringComparison.Ordinal) || name == "ip") return "8.8.8.8";
        if (name.Contains("phone", StringComparison.Ordinal) || name.Contains("mobile", StringComparison.Ordinal)) return "13800138000";
        return "example";
    }

    /// <summary>A C# string literal.</summary>
    public static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";
}
