using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using WeChatPay.Chain.ApiV2;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.CatalogGenerator;

/// <summary>
/// Writes the docs site's reference pages from the catalog: one Markdown page per operation (<c>operations/&lt;slug&gt;.md</c>:
/// title, method and path, what is special about it, the call in each style of the SDK, its fields, the callbacks it leads to,
/// related operations), one per callback (<see cref="CallbackPages"/>), the index pages and docfx tables of contents of both,
/// and <c>search-index.js</c>. The site stages the repository's docs beside them, so a page links a guide as
/// <c>../docs/chain.md</c>. The output depends only on the catalog and the walkthroughs of docs/operations.
/// </summary>
internal static partial class PageWriter
{
    /// <summary>The file of the site's search index.</summary>
    public const string SearchIndex = "search-index.js";

    private const string EncryptedMark = "🔒 encrypted for you";

    private const string DecryptedMark = "🔓 decrypted for you";

    /// <returns>The files by path relative to the site folder (<c>operations/v3.pay.transactions.jsapi.post.md</c>), ordered.</returns>
    /// <param name="catalog">The catalog.</param>
    /// <param name="seeds">The walkthroughs of docs/operations (<see cref="SeedPages.Read"/>).</param>
    /// <exception cref="InvalidDataException">Two operations would get one slug, or a documented name cannot be written in a sample.</exception>
    public static SortedDictionary<string, string> Write(OperationCatalog catalog, IReadOnlyDictionary<string, string> seeds)
    {
        var context = new PageContext(catalog, seeds);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var operation in catalog.Operations) files.Add("operations/" + context.Slugs[operation] + ".md", OperationPage(context, operation));
        foreach (var hook in catalog.Webhooks) files.Add("callbacks/" + PageContext.Slug(hook) + ".md", CallbackPages.Page(context, hook));
        files.Add("operations/index.md", OperationIndex(context));
        foreach (var page in GroupPages(context)) files.Add(page.Key, page.Value);
        files.Add("operations/toc.yml", OperationToc(context));
        files.Add("callbacks/index.md", CallbackPages.Index(context));
        files.Add("callbacks/toc.yml", CallbackPages.Toc(context));
        files.Add(SearchIndex, SearchIndexScript(context));
        return files;
    }

    private static string OperationPage(PageContext context, CatalogOperation operation)
    {
        var text = new StringBuilder(8 * 1024);
        text.Append("# ").Append(PageContext.Title(operation)).Append("\n\n");
        text.Append('`').Append(operation.Method).Append(' ').Append(operation.Path).Append("` · ").Append(Protocol(operation));
        if (operation.PageTitle is { } page && PageContext.OneLine(page) != PageContext.Title(operation)) text.Append(" · ").Append(Cell(PageContext.OneLine(page)));
        text.Append("\n\n");
        if (context.Seeds.TryGetValue(operation.ToString(), out var seed))
            text.Append("> **A walkthrough of this operation, written by hand:** [").Append(seed.Substring(0, seed.Length - 3))
                .Append("](../docs/operations/").Append(seed).Append(") — what it is for, each field explained, and samples that run.\n\n");
        var notes = Notes(operation).ToList();
        foreach (var note in notes) text.Append("- ").Append(note).Append('\n');
        if (notes.Count > 0) text.Append('\n');

        text.Append("## C#\n\n");
        Samples(text, operation);
        RequestTables(text, operation);
        AnswerTable(text, operation);
        CallbackSection(text, context, operation);
        Related(text, context, operation);
        return text.ToString();
    }

    private static string Protocol(CatalogOperation operation) => !CallerFields.IsV2(operation) ? "APIv3"
        : "APIv2 ([" + (operation.RequestBody == "xml" ? "XML, " : string.Empty) + "signed with the APIv2 key](../docs/apiv2.md))";

    // What is special about the operation, one line each.
    private static IEnumerable<string> Notes(CatalogOperation operation)
    {
        var v2 = CallerFields.IsV2(operation);
        if (V2Pages.IsPage(operation.Path))
            yield return "A page the user's browser opens inside WeChat, not a call: the client refuses to send it (`NotSupportedException`). " +
                "Build its URL with the documented query (and `sign`) and send the user there ([APIv2](../docs/apiv2.md#not-yet-supported)).";
        else if (v2)
            yield return "APIv2: " + (operation.RequestBody == "xml" ? "the fields are sent as an XML body" : "the fields are sent as the query") +
                ", signed with `WeChatPayOptions.ApiV2Key` (the client adds `nonce_str` and computes `sign`), to `" + operation.Path.Substring(3) +
                "` without `v2/`; the answer's fields are read from XML ([APIv2](../docs/apiv2.md)).";
        if (v2 && operation.Request.Any(row => row.Name == "security" && row.Type == "true"))
            yield return "Sent with the merchant's client certificate (`security`): configure `MerchantCertificate` ([APIv2](../docs/apiv2.md#the-client-certificate)).";
        if (operation.Download)
            yield return "A download: `DownloadAsync` and `DownloadToFileAsync` stream the file as it arrives, never holding it whole ([bills and downloads](../docs/bills.md)).";
        if (operation.RequestBody == "multipart")
            yield return "An upload (`multipart/form-data`): `UploadAsync` takes the file, fills in its name and digest and signs the meta ([uploads](../docs/uploads.md)).";
        var encrypted = Flatten(operation.Request.Where(r => r.Name is "json" or "xml" or "query" or "body").SelectMany(r => r.Children).ToList(), string.Empty)
            .Where(f => SampleValues.EncryptedForYou(f.Field)).Select(f => "`" + f.Path + "`").Distinct().ToList();
        if (encrypted.Count > 0)
            yield return "Encrypted for you: " + string.Join(", ", encrypted) + " — give them in plaintext; the client encrypts them" +
                (v2 ? " with the pay-to-bank RSA key" : " with the platform key and sets `Wechatpay-Serial`") + " before signing ([encryption](../docs/encryption.md)).";
        var decrypted = Flatten(operation.Response, string.Empty).Where(f => f.Field.Encrypted == CatalogEncryption.RsaMerchant).Select(f => "`" + f.Path + "`").ToList();
        if (decrypted.Count > 0)
            yield return "Decrypted for you: " + string.Join(", ", decrypted) + " — the client decrypts them with the merchant key before you read the answer ([encryption](../docs/encryption.md)).";
        if (operation.BaseUri is { } host)
            yield return v2
                ? "Served by `" + host + "` (`base_uri`): the client sends it there while `BaseUrl` is the default."
                : "Documented on `" + host + "` (`base_uri`): the client sends every APIv3 call to `BaseUrl`, so set `BaseUrl` to that host to reach it ([configuration](../docs/configuration.md)).";
    }

    private static void CallbackSection(StringBuilder text, PageContext context, CatalogOperation operation)
    {
        var hooks = context.Callbacks[operation];
        if (hooks.Count == 0) return;
        text.Append("## Callbacks\n\n");
        text.Append("WeChat Pay notifies the URL this request names of:\n\n");
        foreach (var hook in hooks)
            text.Append("- [").Append(Cell(PageContext.OneLine(hook.Title))).Append("](../callbacks/").Append(PageContext.Slug(hook)).Append(".md) `").Append(hook.Name).Append("`\n");
        text.Append("\nDerived, not documented together: the catalog does not link operations and callbacks, so the generator links an operation " +
            "with a notify-URL field to the callbacks of its product by a table of path prefixes (`CallbackLinks`). " +
            "How to receive them: [callbacks](../docs/notifications.md).\n\n");
    }

    // The operations under the same resource: of the same protocol and first segment, the ones that share the most leading
    // segments with this one first (the other methods at its path, then its parent, children and siblings), at most 12.
    private static void Related(StringBuilder text, PageContext context, CatalogOperation operation)
    {
        var segments = operation.Path.Split('/');
        int Shared(CatalogOperation other)
        {
            var theirs = other.Path.Split('/');
            var shared = 0;
            while (shared < segments.Length && shared < theirs.Length && segments[shared] == theirs[shared]) shared++;
            return shared;
        }
        var related = context.Catalog.Operations.Where(o => !ReferenceEquals(o, operation)).Select(o => (Operation: o, Shared: Shared(o)))
            .Where(p => p.Shared >= 2).OrderByDescending(p => p.Shared).Take(12).Select(p => p.Operation).ToList();
        text.Append("## Related\n\n");
        foreach (var other in related)
            text.Append("- [`").Append(other.Method).Append(' ').Append(other.Path).Append("`](").Append(context.Slugs[other]).Append(".md) ")
                .Append(Cell(PageContext.Title(other))).Append('\n');
        text.Append("- [All operations](index.md) · [Calling the API](../docs/chain.md) · [Typed models](../docs/models.md) · [Errors](../docs/errors.md)\n");
    }

    /// <summary>A text for a Markdown table cell or link text: on one line, with '|' escaped.</summary>
    public static string Cell(string text) => PageContext.OneLine(text).Replace("|", "\\|");

    /// <summary>Each field of a tree with its dotted path (<c>receivers[].name</c>), depth first; a name documented twice once.</summary>
    public static IEnumerable<(string Path, CatalogField Field)> Flatten(IReadOnlyList<CatalogField> fields, string prefix)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!seen.Add(field.Name)) continue;
            var path = prefix + field.Name;
            yield return (path, field);
            foreach (var inner in Flatten(field.Children, path + (field.IsArray ? "[]." : ".")))
                yield return inner;
        }
    }
}
