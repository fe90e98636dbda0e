using System.Linq;
using System.Text;

namespace WeChatPay.Chain.CatalogGenerator;

// The C# text of the generated types: sealed classes with documented properties, the request's operation overrides, and the
// nested Types class that holds a type's objects and enumerations.
internal static partial class ModelWriter
{
    private static void Emit(StringBuilder text, TypeDef type, string indent)
    {
        text.Append('\n').Append(indent).Append("/// <summary>").Append(type.Summary).Append("</summary>\n");
        text.Append(indent).Append("public sealed class ").Append(type.Name).Append(" : ").Append(type.BaseType).Append('\n').Append(indent).Append("{\n");
        var inner = indent + "    ";
        if (type.IsEnum) EmitEnumMembers(text, type, inner);
        var first = !type.IsEnum;
        foreach (var property in type.Properties)
        {
            if (!first) text.Append('\n');
            first = false;
            EmitProperty(text, property, inner);
        }
        if (type.Method is not null) EmitOperation(text, type, inner);
        if (type.Nested.Count > 0)
        {
            text.Append('\n').Append(inner).Append("/// <summary>The objects and enumerations of <c>").Append(type.Name).Append("</c>.</summary>\n")
                .Append(inner).Append("public static class Types\n").Append(inner).Append("{");
            foreach (var nested in type.Nested) Emit(text, nested, inner + "    ");
            text.Append(inner).Append("}\n");
        }
        text.Append(indent).Append("}\n");
    }

    private static void EmitEnumMembers(StringBuilder text, TypeDef type, string indent)
    {
        text.Append(indent).Append("/// <summary>Holds <paramref name=\"value\"/>, documented or not.</summary>\n")
            .Append(indent).Append("public ").Append(type.Name).Append("(string value) : base(value) { }\n");
        foreach (var value in type.Values)
        {
            text.Append('\n').Append(indent).Append("/// <summary>The documented value <c>").Append(ChainWriter.Xml(value.Value)).Append("</c>.</summary>\n")
                .Append(indent).Append("public static ").Append(type.Name).Append(' ').Append(value.Key).Append(" { get; } = new(").Append(Literal(value.Value)).Append(");\n");
        }
        text.Append('\n').Append(indent).Append("/// <summary>The value that is <paramref name=\"value\"/>.</summary>\n")
            .Append(indent).Append("public static implicit operator ").Append(type.Name).Append("(string value) => new(value);\n");
    }

    private static void EmitProperty(StringBuilder text, PropertyDef property, string indent)
    {
        text.Append(indent).Append("/// <summary>").Append(property.Summary).Append("</summary>\n");
        text.Append(indent).Append("[JsonProperty(").Append(Literal(property.JsonName)).Append(')')
            .Append(property.Location is Location.Query or Location.Path ? ", JsonIgnore]\n" : "]\n");
        if (property.Required)
        {
            text.Append("#if NET8_0_OR_GREATER\n")
                .Append(indent).Append("public required ").Append(property.Type).Append(' ').Append(property.Name).Append(" { get; set; }\n")
                .Append("#else\n")
                .Append(indent).Append("public ").Append(property.Type).Append(' ').Append(property.Name).Append(" { get; set; }")
                .Append(property.ValueType ? "\n" : " = null!;\n")
                .Append("#endif\n");
        }
        else
        {
            text.Append(indent).Append("public ").Append(property.Type).Append("? ").Append(property.Name).Append(" { get; set; }\n");
        }
    }

    private static void EmitOperation(StringBuilder text, TypeDef type, string indent)
    {
        text.Append('\n').Append(indent).Append("/// <inheritdoc/>\n").Append(indent).Append("protected override string OperationMethod => ").Append(Literal(type.Method!)).Append(";\n")
            .Append('\n').Append(indent).Append("/// <inheritdoc/>\n").Append(indent).Append("protected override string OperationPath => ").Append(Literal(type.Path!)).Append(";\n")
            .Append('\n').Append(indent).Append("/// <inheritdoc/>\n").Append(indent).Append("protected override bool OperationHasBody => ").Append(type.HasBody ? "true" : "false").Append(";\n");
        EmitPairs(text, type, indent, Location.Path, "OperationPathValues");
        EmitPairs(text, type, indent, Location.Query, "OperationQuery");
    }

    // yield return new("name", Value): the value as the member holds it; the client writes it as it writes an anonymous
    // object's (an enumeration as its text, a list as the name repeated once per item).
    private static void EmitPairs(StringBuilder text, TypeDef type, string indent, Location location, string method)
    {
        var properties = type.Properties.Where(p => p.Location == location).ToList();
        if (properties.Count == 0) return;
        text.Append('\n').Append(indent).Append("/// <inheritdoc/>\n").Append(indent).Append("protected override IEnumerable<KeyValuePair<string, object?>> ").Append(method).Append("()\n")
            .Append(indent).Append("{\n");
        foreach (var property in properties)
        {
            text.Append(indent).Append("    yield return new KeyValuePair<string, object?>(").Append(Literal(property.JsonName)).Append(", ").Append(property.Name).Append(");\n");
        }
        text.Append(indent).Append("}\n");
    }

    private static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
