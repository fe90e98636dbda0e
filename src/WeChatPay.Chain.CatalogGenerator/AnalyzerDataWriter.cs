using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.CatalogGenerator;

/// <summary>
/// Writes the analyzer's data (<c>src/WeChatPay.Chain.Analyzers/operations.txt</c>) from the catalog and the typed chain's class
/// names: what an anonymous-object body or query of each operation may hold, and which operation each typed-chain call reaches.
/// </summary>
/// <remarks>
/// One record a line, fields separated by single spaces (no documented name or path holds one):
/// <code>
/// &gt; METHOD path                   an operation (GET: its query; other methods: its json or xml body)
///  name type [!]                   a field, one leading space per level (1 = top), ! when required
/// {name}                           a placeholder of the operation's path (a GET's anonymous object may fill it)
/// = Class path                     a typed-chain node class and its documented path prefix
/// + Class_Calls Member path        a shorthand: Member(body) on Class_Calls posts to path
/// </code>
/// Required means what a caller must give (<see cref="CallerFields"/>): an APIv2 request's <c>nonce_str</c> and <c>sign</c> are
/// optional, the client adds them, and so are either-or identifiers such as <c>transaction_id</c> and <c>out_trade_no</c>.
/// </remarks>
internal static class AnalyzerDataWriter
{
    /// <returns>The text of the analyzer data.</returns>
    /// <exception cref="InvalidDataException">A name or path holds a space or a line break.</exception>
    public static string Write(OperationCatalog catalog, IReadOnlyList<ChainClass> classes)
    {
        var text = new StringBuilder(1024 * 1024);
        text.Append("# WeChatPay.Chain analyzer data, written by WeChatPay.Chain.CatalogGenerator (dotnet cake --target=Catalog). Do not edit.\n");
        foreach (var operation in catalog.Operations.OrderBy(o => o, Comparer<CatalogOperation>.Create(CatalogOperation.CompareByPathThenMethod)))
        {
            var rows = Rows(operation);
            if (rows is null && operation.PathParams.Count == 0) continue;
            text.Append("> ").Append(operation.Method).Append(' ').Append(Word(operation.Path)).Append('\n');
            var v2 = operation.Path.StartsWith("v2/", StringComparison.Ordinal);
            WriteFields(text, rows ?? Array.Empty<CatalogField>(), 1, v2);
            foreach (var placeholder in operation.PathParams) text.Append('{').Append(Word(placeholder)).Append("}\n");
        }
        foreach (var type in classes)
        {
            text.Append("= ").Append(Word(type.Name)).Append(' ').Append(Word(type.Path)).Append('\n');
            foreach (var shorthand in type.Shorthands)
                text.Append("+ ").Append(Word(type.CallsName!)).Append(' ').Append(Word(shorthand.Key)).Append(' ').Append(Word(shorthand.Value)).Append('\n');
        }
        return text.ToString();
    }

    // What an anonymous object passed to the verb stands for: a GET's query, any other method's body; null when undocumented.
    private static IReadOnlyList<CatalogField>? Rows(CatalogOperation operation)
    {
        var names = operation.Method == "GET" ? new[] { "query" } : new[] { "json", "xml" };
        var row = operation.Request.FirstOrDefault(r => names.Contains(r.Name, StringComparer.Ordinal) && r.Type == "object");
        return row?.Children;
    }

    private static void WriteFields(StringBuilder text, IReadOnlyList<CatalogField> fields, int depth, bool v2)
    {
        foreach (var field in fields)
        {
            var required = CallerFields.Required(field, fields, v2 && depth == 1);
            text.Append(' ', depth).Append(Word(field.Name)).Append(' ').Append(Word(field.Type)).Append(required ? " !\n" : "\n");
            WriteFields(text, field.Children, depth + 1, v2);
        }
    }

    private static string Word(string value) =>
        value.Length > 0 && value.IndexOfAny(new[] { ' ', '\n', '\r', '\t' }) < 0 && value[0] != ' '
            ? value
            : throw new InvalidDataException($"'{value}' cannot be written as one word of the analyzer data.");
}
