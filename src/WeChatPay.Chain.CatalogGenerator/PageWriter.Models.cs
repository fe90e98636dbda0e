using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.CatalogGenerator;

// The typed-model block of an operation page: the request type ModelWriter generates, constructed with the members the
// anonymous body gives (the required ones and the encrypted ones, nested types as Owner.Types.Name, an enumeration's first
// value), sent through the same node, and a member of the typed answer read. Names come from ModelWriter's own type model.
internal static partial class PageWriter
{
    private static void TypedModel(StringBuilder text, CatalogOperation operation, string node, string verb)
    {
        var (request, answer, ns) = ModelWriter.TypesOf(operation);
        if (request is null) return;
        var v2 = CallerFields.IsV2(operation);
        var given = new HashSet<string>(StringComparer.Ordinal);
        GivenPaths(operation.BodyFields, v2, string.Empty, given);
        GivenPaths(operation.QueryFields, v2, string.Empty, given);
        foreach (var param in operation.PathParams) given.Add(param);

        text.Append("With the typed model ([typed models](../docs/models.md)): `").Append(request.Name).Append('`');
        text.Append(answer is null ? ", answered as `WeChatPayResponse<WeChatPayModel>`" : " and its answer `" + answer.Name + "`").Append(".\n\n");
        text.Append("```csharp\n// using ").Append(ns).Append(";\n");
        text.Append("var request = ").Append(New(request, request.Name, string.Empty, string.Empty, given, v2, targetTyped: false)).Append(";\n");
        text.Append("var typed = await ").Append(node).Append('.').Append(verb).Append("(request);\n");
        var decrypted = operation.Response.Where(f => f.Encrypted == CatalogEncryption.RsaMerchant).Select(f => f.Name).ToList();
        var member = answer?.Properties.FirstOrDefault(p => decrypted.Contains(p.JsonName)) ?? answer?.Properties.FirstOrDefault();
        text.Append(member is null ? "Console.WriteLine(typed.StatusCode);\n"
            : "Console.WriteLine(typed.Model?." + member.Name + ");" + (decrypted.Contains(member.JsonName) ? "   // decrypted for you" : string.Empty) + "\n");
        text.Append("```\n\n");
    }

    // The dotted paths (without []) of the fields the anonymous body gives, nested ones too.
    private static void GivenPaths(IReadOnlyList<CatalogField> fields, bool v2TopLevel, string prefix, HashSet<string> paths)
    {
        foreach (var field in SampleValues.Given(fields, v2TopLevel))
        {
            paths.Add(prefix + field.Name);
            if (field.Type is "object" or "object[]") GivenPaths(field.Children, false, prefix + field.Name + ".", paths);
        }
    }

    // "new Name { Member = value, … }", or "new() { … }" where the member's type says what it is.
    private static string New(ModelWriter.TypeDef type, string qualified, string indent, string prefix, ISet<string> given, bool v2, bool targetTyped)
    {
        var members = type.Properties.Where(p => p.Required || given.Contains(prefix + p.JsonName))
            .Select(p => p.Name + " = " + ModelValue(type, qualified, p.Type, p.JsonName, indent + "    ", prefix + p.JsonName + ".", given, v2)).ToList();
        var head = targetTyped ? "new()" : "new " + qualified;
        if (members.Count == 0) return targetTyped ? "new()" : head + "()";
        var line = head + " { " + string.Join(", ", members) + " }";
        if (line.Length <= 90 && line.IndexOf('\n') < 0) return line;
        var text = new StringBuilder(head).Append('\n').Append(indent).Append("{\n");
        foreach (var m in members) text.Append(indent).Append("    ").Append(m).Append(",\n");
        return text.Append(indent).Append('}').ToString();
    }

    private static string ModelValue(ModelWriter.TypeDef owner, string ownerName, string type, string jsonName, string indent, string prefix, ISet<string> given, bool v2)
    {
        const string List = "IList<";
        if (type.StartsWith(List, StringComparison.Ordinal))
        {
            var element = type.Substring(List.Length, type.Length - List.Length - 1);
            var item = Element(owner, ownerName, element, jsonName, indent + "    ", prefix, given, v2);
            var name = ElementTypeName(ownerName, element);
            return item.IndexOf('\n') < 0 ? "new List<" + name + "> { " + item + " }"
                : "new List<" + name + ">\n" + indent + "{\n" + indent + "    " + item + ",\n" + indent + "}";
        }
        if (type.StartsWith("Types.", StringComparison.Ordinal))
        {
            var nested = owner.Nested.First(n => n.Name == type.Substring("Types.".Length));
            var qualified = ownerName + "." + type;
            return nested.IsEnum ? qualified + "." + nested.Values[0].Key : New(nested, qualified, indent, prefix, given, v2, targetTyped: true);
        }
        return Element(owner, ownerName, type, jsonName, indent, prefix, given, v2);
    }

    // A value of an element type: a scalar, an enumeration's first value, or a nested model written with its type's name.
    private static string Element(ModelWriter.TypeDef owner, string ownerName, string type, string jsonName, string indent, string prefix, ISet<string> given, bool v2)
    {
        switch (type)
        {
            case "string": return SampleValues.Literal(SampleValues.Text(jsonName, v2));
            case "long":
            case "decimal": return SampleValues.Integer(jsonName);
            case "bool": return "true";
            case "WeChatPayModel": return "new WeChatPayModel()";
        }
        var nested = owner.Nested.First(n => n.Name == type.Substring("Types.".Length));
        var qualified = ownerName + "." + type;
        return nested.IsEnum ? qualified + "." + nested.Values[0].Key : New(nested, qualified, indent, prefix, given, v2, targetTyped: false);
    }

    private static string ElementTypeName(string ownerName, string element) => element.StartsWith("Types.", StringComparison.Ordinal) ? ownerName + "." + element : element;
}
