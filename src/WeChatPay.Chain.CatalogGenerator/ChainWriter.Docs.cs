using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.CatalogGenerator;

// The XML docs of the typed chain's members: the operations at and below a member (method, documented path, title) and, under
// v2, how APIv2 sends them: signed with the APIv2 key, to the URL without v2/, and which need the merchant's client certificate.
internal static partial class ChainWriter
{
    private const string V2Prefix = "v2/";

    private const string ApiV2Key = "<see cref=\"WeChatPayOptions.ApiV2Key\"/>";

    private const string NeedsCertificate = " — needs the merchant's client certificate";

    // "<summary>path: the operations at it, then below it (the first few), with their titles.</summary>"
    private static void Summary(StringBuilder text, string indent, Node node)
    {
        var here = node.Here.OrderBy(o => o.Method, StringComparer.Ordinal).ToList();
        var below = new List<CatalogOperation>();
        CollectBelow(node, below);
        text.Append(indent).Append("/// <summary>\n").Append(indent).Append("/// <c>").Append(Xml(node.Path)).Append("</c>");
        text.Append(below.Count == 0 ? ":" : $" ({below.Count + here.Count} documented operations at and below):");
        text.Append('\n');
        var listed = 0;
        foreach (var operation in here.Concat(below))
        {
            if (listed++ == ListedOperations)
            {
                text.Append(indent).Append("/// <br/>… and ").Append(here.Count + below.Count - ListedOperations).Append(" more: <c>Operations()</c> lists them.\n");
                break;
            }
            text.Append(indent).Append("/// <br/><c>").Append(operation.Method).Append(' ').Append(Xml(operation.Path)).Append("</c> ").Append(Xml(operation.Title))
                .Append(IsV2(operation) && NeedsClientCertificate(operation) ? NeedsCertificate : string.Empty).Append('\n');
        }
        if (node.Path.StartsWith(V2Prefix, StringComparison.Ordinal)) text.Append(indent).Append("/// <br/>").Append(V2Note(here)).Append('\n');
        text.Append(indent).Append("/// </summary>\n");
    }

    // "<summary>Shorthand for <c>Child.PostAsync(body)</c>: POST <c>path</c> title[; APIv2 …].</summary>"
    private static void ShorthandSummary(StringBuilder text, Node child, CatalogOperation post)
    {
        text.Append("    /// <summary>Shorthand for <c>").Append(child.Member).Append(".PostAsync(body)</c>: POST <c>").Append(Xml(child.Path)).Append("</c> ")
            .Append(Xml(post.Title));
        if (IsV2(post))
        {
            text.Append("; APIv2, signed with ").Append(ApiV2Key);
            if (NeedsClientCertificate(post)) text.Append(NeedsCertificate);
        }
        text.Append(".</summary>\n");
    }

    // What APIv2 does with the calls of a member: how they are signed, and, at a leaf, where they go.
    private static string V2Note(List<CatalogOperation> here)
    {
        if (here.Count == 0) return "APIv2: signed with " + ApiV2Key + ", sent to the path without <c>v2/</c>.";

        var operation = here[0];
        var what = operation.RequestBody == "multipart" ? "a multipart upload" : here.All(o => o.Method == "GET") ? "a query" : "an XML body";
        var url = operation.Path.Substring(V2Prefix.Length);
        var where = operation.BaseUri is { } host
            ? "sent to <c>" + Xml(host.TrimEnd('/') + "/" + url) + "</c> while <c>BaseUrl</c> is the default"
            : "sent to <c>" + Xml(url) + "</c> under <c>BaseUrl</c>";
        return "APIv2: " + what + " signed with " + ApiV2Key + " (MD5, or HMAC-SHA256 when <c>sign_type</c> asks), " + where + ".";
    }

    private static bool IsV2(CatalogOperation operation) => operation.Path.StartsWith(V2Prefix, StringComparison.Ordinal);

    // The catalog marks an operation that needs the merchant's client certificate (apiclient_cert) with a request row "security: true".
    private static bool NeedsClientCertificate(CatalogOperation operation) =>
        operation.Request.Any(row => row.Name == "security" && row.Type == "true");

    private static void CollectBelow(Node node, List<CatalogOperation> below)
    {
        foreach (var child in node.Children.Values.OrderBy(c => c.Member, StringComparer.Ordinal))
        {
            below.AddRange(child.Here.OrderBy(o => o.Method, StringComparer.Ordinal));
            CollectBelow(child, below);
        }
    }

    internal static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
