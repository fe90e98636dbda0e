using System.Collections;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Cli.Repl;

/// <summary>
/// How <c>wxpay repl</c> prints a result: a JSON value as itself (<c>res.Data.code_url</c> prints the URL, not a
/// <c>JValue</c>), JSON objects and arrays indented, an answer with its status, <c>Request-ID</c> and indented body, a node
/// with its path and what is documented below it, anything else by its <c>ToString()</c>.
/// </summary>
internal static class ReplPrinter
{
    public static string? Format(object? value) => value switch
    {
        null => null,
        JValue { Type: JTokenType.String } text => "\"" + (string)text! + "\"",
        JValue { Type: JTokenType.Null } => "null",
        JValue leaf => leaf.ToString(Newtonsoft.Json.Formatting.None),
        JToken json => json.ToString(Newtonsoft.Json.Formatting.Indented),
        WeChatPayResponse answer => answer.Pretty(),
        WeChatPayNode node => Node(node),
        string text => "\"" + text + "\"",
        bool flag => flag ? "true" : "false",
        IEnumerable sequence and not string => "[" + string.Join(", ", Items(sequence)) + "]",
        _ => value.ToString(),
    };

    // A node: what is documented at and below it, in full up to a screenful.
    private static string Node(WeChatPayNode node)
    {
        var count = node.Operations().Count;
        return count > 20 ? $"{node.Path} ({count} documented operations at and below; .Describe() lists them)" : node.Describe().TrimEnd();
    }

    private static System.Collections.Generic.IEnumerable<string?> Items(IEnumerable sequence)
    {
        foreach (var item in sequence) yield return Format(item);
    }
}
