using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.CatalogGenerator;

// operations/index.md, a page per group and operations/toc.yml (grouped by protocol, then the path's first segment after it), and search-index.js:
// `window.wxpaySearchIndex = [ … ];`, one object per operation and callback with its title, path, page and field names.
internal static partial class PageWriter
{
    private static IEnumerable<(string Key, List<IGrouping<string, CatalogOperation>> Groups)> Groups(PageContext context) =>
        context.Catalog.Operations
            .GroupBy(o => o.Path.Split('/')[0]).OrderByDescending(g => g.Key, StringComparer.Ordinal) // v3 first
            .Select(protocol => (protocol.Key, protocol.GroupBy(o => o.Path.Split('/').ElementAtOrDefault(1) ?? string.Empty)
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToList()));

    private static string ProtocolName(string key) => key == "v3" ? "APIv3" : key == "v2" ? "APIv2" : key;

    private static string OperationIndex(PageContext context)
    {
        var text = new StringBuilder(256 * 1024);
        text.Append("# Operations\n\n");
        text.Append("Every operation of the catalog, ").Append(context.Catalog.Operations.Count).Append(" in all, a page each: the call in each style of the SDK, ")
            .Append("the fields, what is encrypted or decrypted for you, and the callbacks it leads to. Generated from the catalog the library embeds; ")
            .Append("the [hand-written walkthroughs](../docs/operations/README.md) explain four of them in depth. [Callbacks](../callbacks/index.md) · ")
            .Append("[Calling the API](../docs/chain.md)\n");
        foreach (var protocol in Groups(context))
        {
            text.Append("\n## ").Append(ProtocolName(protocol.Key)).Append("\n");
            foreach (var group in protocol.Groups)
            {
                text.Append("\n### [").Append(group.Key).Append("](").Append(GroupSlug(protocol.Key, group.Key)).Append(".md)\n\n");
                GroupTable(text, context, group);
            }
        }
        return text.ToString();
    }

    // A page per protocol and first segment (operations/v3.pay.md): the table of its operations. The table of contents lists
    // these pages, not the operations: the site's template writes the table of contents into every page of its folder, and
    // 1147 entries in each of 1147 pages came to half a gigabyte.
    private static IEnumerable<KeyValuePair<string, string>> GroupPages(PageContext context)
    {
        foreach (var protocol in Groups(context))
        {
            foreach (var group in protocol.Groups)
            {
                var text = new StringBuilder(16 * 1024);
                text.Append("# ").Append(protocol.Key).Append('/').Append(group.Key).Append("\n\n").Append(ProtocolName(protocol.Key)).Append(", ")
                    .Append(group.Count()).Append(group.Count() == 1 ? " operation" : " operations").Append(" under `").Append(protocol.Key).Append('/').Append(group.Key)
                    .Append("/`. [All operations](index.md) · [Callbacks](../callbacks/index.md)\n\n");
                GroupTable(text, context, group);
                yield return new KeyValuePair<string, string>("operations/" + GroupSlug(protocol.Key, group.Key) + ".md", text.ToString());
            }
        }
    }

    private static void GroupTable(StringBuilder text, PageContext context, IEnumerable<CatalogOperation> group)
    {
        text.Append("| method | path | title |\n| --- | --- | --- |\n");
        foreach (var operation in group)
            text.Append("| ").Append(operation.Method).Append(" | [`").Append(operation.Path).Append("`](").Append(context.Slugs[operation]).Append(".md) | ")
                .Append(Cell(PageContext.Title(operation))).Append(" |\n");
    }

    // "v3.pay": two parts, where an operation's slug has at least three (its method last), so the two never meet.
    private static string GroupSlug(string protocol, string group) => protocol + "." + (group.Length == 0 ? "root" : group);

    private static string OperationToc(PageContext context)
    {
        var text = new StringBuilder(16 * 1024);
        text.Append("- name: All operations\n  href: index.md\n");
        foreach (var protocol in Groups(context))
        {
            text.Append("- name: ").Append(Yaml(ProtocolName(protocol.Key))).Append("\n  items:\n");
            foreach (var group in protocol.Groups)
                text.Append("  - name: ").Append(Yaml(group.Key + " (" + group.Count() + ")")).Append('\n')
                    .Append("    href: ").Append(GroupSlug(protocol.Key, group.Key)).Append(".md\n");
        }
        return text.ToString();
    }

    /// <summary>A YAML double-quoted scalar (the JSON escapes are YAML's too).</summary>
    public static string Yaml(string value) => JsonConvert.ToString(value);

    private static string SearchIndexScript(PageContext context)
    {
        var text = new StringBuilder(1024 * 1024);
        text.Append("window.wxpaySearchIndex = [\n");
        var entries = new List<string>();
        foreach (var operation in context.Catalog.Operations)
        {
            var fields = FieldNames(operation.Request.Where(r => r.Name is "json" or "xml" or "query" or "body").SelectMany(r => r.Children)
                .Concat(operation.PathParamFields).Concat(operation.Response));
            entries.Add(Entry(PageContext.Title(operation), operation.ToString(), "operations/" + context.Slugs[operation] + ".html", fields));
        }
        foreach (var hook in context.Catalog.Webhooks)
            entries.Add(Entry(PageContext.OneLine(hook.Title), hook.Name, "callbacks/" + PageContext.Slug(hook) + ".html",
                FieldNames(hook.BodyFields.Concat(hook.Response.SelectMany(r => r.Children)))));
        text.Append(string.Join(",\n", entries)).Append("\n];\n");
        return text.ToString();
    }

    private static string Entry(string title, string path, string url, string fields) =>
        new JObject { ["title"] = title, ["path"] = path, ["url"] = url, ["fields"] = fields }.ToString(Formatting.None);

    // The distinct field names of the trees, in the order first met, space separated.
    private static string FieldNames(IEnumerable<CatalogField> fields)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Walk(CatalogField field)
        {
            if (seen.Add(field.Name)) names.Add(field.Name);
            foreach (var child in field.Children) Walk(child);
        }
        foreach (var field in fields) Walk(field);
        return string.Join(" ", names);
    }
}
