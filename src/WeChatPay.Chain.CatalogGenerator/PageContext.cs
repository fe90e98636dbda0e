using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.CatalogGenerator;

/// <summary>
/// What the pages of one site share: every operation's slug (its page's name), the hand-written walkthroughs, and the callbacks an
/// operation leads to (<see cref="CallbackLinks"/>) with the way back.
/// </summary>
internal sealed class PageContext
{
    /// <exception cref="InvalidDataException">Two operations would get one slug.</exception>
    public PageContext(OperationCatalog catalog, IReadOnlyDictionary<string, string> seeds)
    {
        Catalog = catalog;
        Seeds = seeds;
        var taken = new Dictionary<string, CatalogOperation>(StringComparer.Ordinal);
        foreach (var operation in catalog.Operations)
        {
            var slug = Slug(operation);
            if (taken.TryGetValue(slug, out var other))
                throw new InvalidDataException($"{other} and {operation} would both be the page operations/{slug}.md.");
            taken.Add(slug, operation);
            Slugs.Add(operation, slug);
        }
        foreach (var operation in catalog.Operations)
        {
            var hooks = CallbackLinks.For(operation, catalog.Webhooks);
            Callbacks.Add(operation, hooks);
            foreach (var hook in hooks)
            {
                if (!LeadingTo.TryGetValue(hook.Name, out var list)) LeadingTo.Add(hook.Name, list = new List<CatalogOperation>());
                list.Add(operation);
            }
        }
    }

    /// <summary>The catalog the pages are written from.</summary>
    public OperationCatalog Catalog { get; }

    /// <summary>The hand-written walkthroughs of docs/operations by the operation they document (<c>POST v3/…</c> → file name).</summary>
    public IReadOnlyDictionary<string, string> Seeds { get; }

    /// <summary>Each operation's slug.</summary>
    public Dictionary<CatalogOperation, string> Slugs { get; } = new();

    /// <summary>The callbacks each operation leads to.</summary>
    public Dictionary<CatalogOperation, IReadOnlyList<CatalogWebhook>> Callbacks { get; } = new();

    /// <summary>The operations that lead to each callback, by the callback's name.</summary>
    public Dictionary<string, List<CatalogOperation>> LeadingTo { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The page name of an operation: the path's segments joined with '.', the braces of placeholders removed, an empty segment
    /// dropped, then '.' and the method in lower case (<c>v3.papay.sign.contracts.pre-entrust-sign.post</c>).
    /// </summary>
    public static string Slug(CatalogOperation operation) =>
        string.Join(".", operation.Path.Split('/').Where(s => s.Length > 0).Select(s => s.Replace("{", string.Empty).Replace("}", string.Empty)))
        + "." + operation.Method.ToLowerInvariant();

    /// <summary>The page name of a callback: its name with '/' replaced by '.' (<c>v3.TRANSACTION.SUCCESS</c>).</summary>
    public static string Slug(CatalogWebhook webhook) => webhook.Name.Replace('/', '.');

    /// <summary>An operation's title on one line.</summary>
    public static string Title(CatalogOperation operation) => OneLine(operation.Title);

    /// <summary>A text on one line: line breaks as spaces, trimmed.</summary>
    public static string OneLine(string text) => text.Replace("\r", string.Empty).Replace('\n', ' ').Trim();
}
