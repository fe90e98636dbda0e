using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.CatalogGenerator;

// From documented fields to generated types: a member per field, a nested model per object with fields, a nested enumeration
// per string with documented values; each member's doc names its field, type, whether it is required, where it goes, whether it
// is sensitive, and its values.
internal static partial class ModelWriter
{
    /// <summary>A type to write: a request, an answer, a nested model, or a nested enumeration.</summary>
    internal sealed class TypeDef
    {
        public TypeDef(string name, string summary, string baseType, bool isEnum)
        {
            Name = name;
            Summary = summary;
            BaseType = baseType;
            IsEnum = isEnum;
        }

        public string Name { get; }
        public string Summary { get; }
        public string BaseType { get; }
        public bool IsEnum { get; }
        public string? Method { get; init; }
        public string? Path { get; init; }
        public bool HasBody { get; init; }
        public List<PropertyDef> Properties { get; } = new();
        public List<TypeDef> Nested { get; } = new();
        public List<KeyValuePair<string, string>> Values { get; } = new();
    }

    /// <summary>A member to write: its C# name and type, its documented name, and how it is declared.</summary>
    internal sealed class PropertyDef
    {
        public PropertyDef(string name, string jsonName, string type, bool valueType, bool required, Location location, string summary)
        {
            Name = name;
            JsonName = jsonName;
            Type = type;
            ValueType = valueType;
            Required = required;
            Location = location;
            Summary = summary;
        }

        public string Name { get; }
        public string JsonName { get; }
        public string Type { get; }
        public bool ValueType { get; }
        public bool Required { get; }
        public Location Location { get; }
        public string Summary { get; }
    }

    /// <summary>Adds members for documented fields to one type, and the nested types they need.</summary>
    private sealed class Owner
    {
        private readonly TypeDef _type;
        private readonly ISet<string> _reserved;
        private readonly bool _request;
        private readonly CatalogOperation _operation;
        private readonly bool _top;
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private readonly HashSet<string> _fields = new(StringComparer.Ordinal);

        // top: the request's or answer's own fields, not a nested object's.
        public Owner(TypeDef type, ISet<string> reserved, bool request, CatalogOperation operation, bool top)
        {
            _top = top;
            _type = type;
            _reserved = reserved;
            _request = request;
            _operation = operation;
        }

        public void Add(CatalogField field, IReadOnlyList<CatalogField> siblings, Location location, string fieldPath)
        {
            if (!_fields.Add(location + ":" + field.Name)) return; // a row documented twice: the first one counts
            var name = Unique(Identifier(Pascal(field.Name, false)), _names, _reserved, _type.Name);
            var (type, valueType) = TypeOf(field, location, fieldPath, name);
            var required = _request && CallerFields.Required(field, siblings, _top && CallerFields.IsV2(_operation));
            _type.Properties.Add(new PropertyDef(name, field.Name, type, valueType, required, location, MemberSummary(field, location, fieldPath, required)));
        }

        private (string Type, bool ValueType) TypeOf(CatalogField field, Location location, string fieldPath, string name)
        {
            // An APIv2 answer is flat XML: a field documented as an object or a list arrives as the text WeChat Pay writes there.
            // A boolean there is text too, as written ("1", "true", …).
            if (location == Location.Answer && CallerFields.IsV2(_operation) && field.Type is "object" or "object[]" or "boolean") return ("string", false);
            switch (field.Type)
            {
                case "string": return field.Enum.Count > 0 ? ("Types." + Enumeration(field, fieldPath, name), false) : ("string", false);
                case "integer": return ("long", true);
                case "number":
                case "float": return ("decimal", true);
                case "boolean": return ("bool", true);
                case "object": return (Model(field, location, fieldPath, name), false);
                case "object[]": return ("IList<" + Model(field, location, fieldPath + "[]", name) + ">", false);
                case "string[]": return ("IList<" + (field.Enum.Count > 0 ? "Types." + Enumeration(field, fieldPath + "[]", name) : "string") + ">", false);
                case "integer[]": return ("IList<long>", false);
                case "number[]":
                case "float[]": return ("IList<decimal>", false);
                default: throw new InvalidDataException($"{_operation}: the field {fieldPath} has the type {field.Type}, which no generated type stands for.");
            }
        }

        // An object with documented fields is a nested model; one without is a WeChatPayModel, all of it in AdditionalData.
        private string Model(CatalogField field, Location location, string fieldPath, string name)
        {
            if (field.Children.Count == 0) return "WeChatPayModel";
            var nested = new TypeDef(name, $"The object <c>{ChainWriter.Xml(fieldPath)}</c> of {Describe(_operation)}.", "WeChatPayModel", isEnum: false);
            var owner = new Owner(nested, ModelReserved, _request, _operation, top: false);
            foreach (var child in field.Children) owner.Add(child, field.Children, location, fieldPath + "." + child.Name);
            _type.Nested.Add(nested);
            return "Types." + name;
        }

        private string Enumeration(CatalogField field, string fieldPath, string name)
        {
            var nested = new TypeDef(name, $"The values of <c>{ChainWriter.Xml(fieldPath)}</c> of {Describe(_operation)}; any other text is kept as sent.", "WeChatPayEnum", isEnum: true);
            var names = new HashSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in field.Enum)
                if (seen.Add(value)) nested.Values.Add(new KeyValuePair<string, string>(Unique(Identifier(Pascal(value, true)), names, EnumReserved, name), value));
            _type.Nested.Add(nested);
            return name;
        }

        // "<c>amount.total</c>: integer, required, in the JSON body; encrypted …; one of <c>A</c>, <c>B</c>."
        private string MemberSummary(CatalogField field, Location location, string fieldPath, bool required)
        {
            var text = new StringBuilder();
            text.Append("<c>").Append(ChainWriter.Xml(fieldPath)).Append("</c>: ").Append(field.Type).Append(", ");
            text.Append(location == Location.Answer ? (field.Required ? "documented as always present" : "optional") : required ? "required" : "optional");
            text.Append(location switch
            {
                Location.Body => _operation.RequestBody == "xml" ? ", in the XML body" : ", in the JSON body",
                Location.Query => ", in the query",
                Location.Path => ", in the path as <c>{" + ChainWriter.Xml(field.Name) + "}</c>",
                _ => ", in the answer",
            });
            if (field.Encrypted is { } marker) text.Append("; ").Append(Sensitive(marker, location == Location.Answer));
            if (location == Location.Answer && CallerFields.IsV2(_operation) && field.Type == "boolean")
                text.Append("; the text the XML answer holds there");
            else if (location == Location.Answer && CallerFields.IsV2(_operation) && field.Type is "object" or "object[]")
                text.Append("; the text the flat XML answer holds there, whose content the documentation describes (fields ")
                    .Append(string.Join(", ", field.Children.Select(c => "<c>" + ChainWriter.Xml(c.Name) + "</c>"))).Append(')');
            else if (field.Type == "string" && field.Children.Count > 0)
                text.Append("; a text whose decoded content the documentation describes (fields ")
                    .Append(string.Join(", ", field.Children.Select(c => "<c>" + ChainWriter.Xml(c.Name) + "</c>"))).Append(')');
            if (field.Enum.Count > 0) text.Append("; one of ").Append(string.Join(", ", field.Enum.Distinct().Select(v => "<c>" + ChainWriter.Xml(v) + "</c>")));
            return text.Append('.').ToString();
        }

        private static string Sensitive(string marker, bool answer) => marker switch
        {
            CatalogEncryption.RsaPlatform when !answer => "sensitive: encrypted with the platform key by the client before sending",
            CatalogEncryption.RsaMerchant when answer => "sensitive: decrypted with the merchant key for you",
            CatalogEncryption.RsaPaybank when !answer => "sensitive: encrypted with the pay-to-bank RSA key by the client before sending",
            _ => "sensitive: documented as <c>" + ChainWriter.Xml(marker) + "</c>",
        };
    }
}
