using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace WeChatPay.Chain.Catalog;

/// <summary>
/// The documented WeChat Pay operations and callbacks, embedded in the library: which fields to
/// encrypt and decrypt, which responses are downloads, and lookups for discovery.
/// </summary>
internal sealed class OperationCatalog
{
    /// <summary>The logical name of the embedded gzip resource.</summary>
    public const string ResourceName = "WeChatPay.Chain.Catalog.catalog.json.gz";

    private static readonly Lazy<OperationCatalog> DefaultCatalog = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly CatalogOperation[] NoOperations = Array.Empty<CatalogOperation>();
    private static readonly char[] QueryStart = { '?', '#' };

    private readonly CatalogPathNode _root;
    private readonly Lazy<Hooks> _hooks;

    /// <summary>Creates a catalog over the given entries.</summary>
    /// <param name="sourceRepository">The documentation repository the facts come from.</param>
    /// <param name="sourceCommit">The commit of that repository.</param>
    /// <param name="operations">The operations; (method, path) pairs are expected to be unique.</param>
    /// <param name="webhooks">The callback notifications.</param>
    public OperationCatalog(string sourceRepository, string sourceCommit, IEnumerable<CatalogOperation> operations, IEnumerable<CatalogWebhook> webhooks)
        : this(sourceRepository, sourceCommit, operations, new Lazy<IReadOnlyList<CatalogWebhook>>(
            () => new List<CatalogWebhook>(webhooks ?? throw new ArgumentNullException(nameof(webhooks)))))
    {
        _ = _hooks.Value;
    }

    // The webhooks are read when first asked for (notifications need them; a call does not).
    internal OperationCatalog(string sourceRepository, string sourceCommit, IEnumerable<CatalogOperation> operations, Lazy<IReadOnlyList<CatalogWebhook>> webhooks)
    {
        SourceRepository = sourceRepository ?? throw new ArgumentNullException(nameof(sourceRepository));
        SourceCommit = sourceCommit ?? throw new ArgumentNullException(nameof(sourceCommit));

        var sorted = new List<CatalogOperation>(operations ?? throw new ArgumentNullException(nameof(operations)));
        sorted.Sort(CatalogOperation.CompareByPathThenMethod);
        Operations = sorted.ToArray();
        _root = CatalogPathNode.Build(Operations);
        if (webhooks is null) throw new ArgumentNullException(nameof(webhooks));
        _hooks = new Lazy<Hooks>(() => new Hooks(webhooks.Value), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The catalog embedded in this library, loaded once on first use (thread-safe).</summary>
    /// <exception cref="InvalidDataException">The embedded resource is missing or malformed (a build defect).</exception>
    public static OperationCatalog Default => DefaultCatalog.Value;

    /// <summary>The documentation repository the facts come from.</summary>
    public string SourceRepository { get; }

    /// <summary>The commit of the documentation repository the facts were read from.</summary>
    public string SourceCommit { get; }

    /// <summary>Every operation, by path then method (ordinal).</summary>
    public IReadOnlyList<CatalogOperation> Operations { get; }

    /// <summary>Every callback notification, by name (ordinal).</summary>
    public IReadOnlyList<CatalogWebhook> Webhooks => _hooks.Value.All;

    /// <summary>Reads a gzip-compressed compact catalog.</summary>
    /// <param name="gzip">A stream over the gzip bytes; left open.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="InvalidDataException">The content is not a catalog of the supported format.</exception>
    public static OperationCatalog Load(Stream gzip) => CatalogReader.ReadGzip(gzip);

    /// <summary>
    /// Finds the operation a concrete request addresses: <c>GET v3/pay/transactions/id/4200000001</c>
    /// finds <c>GET v3/pay/transactions/id/{transaction_id}</c>.
    /// </summary>
    /// <remarks>
    /// The method is compared case-insensitively. A template segment matches any one non-empty segment,
    /// escaped or not; a literal segment wins over a template, and a literal branch that dead-ends
    /// falls back to the template. A trailing slash is significant. A leading slash and anything from
    /// <c>?</c> or <c>#</c> on are ignored. The cost is proportional to the path length, not to the
    /// number of operations, and no substring is allocated unless a segment is percent-escaped.
    /// </remarks>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request path, e.g. <c>v3/pay/transactions/id/4200000001</c>.</param>
    /// <returns>The operation, or null when none is documented for that method and path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="method"/> or <paramref name="path"/> is null.</exception>
    public CatalogOperation? Find(string method, string path)
    {
        if (method is null) throw new ArgumentNullException(nameof(method));
        if (path is null) throw new ArgumentNullException(nameof(path));
        var (start, end) = Bounds(path);
        return _root.Match(method, path, start, end);
    }

    /// <summary>
    /// Lists every operation at or below a path prefix, by path then method; the prefix may hold
    /// <c>{x}</c> segments or concrete values (<c>v3/pay/transactions/id/4200000001</c>).
    /// </summary>
    /// <remarks>
    /// Whole segments are compared. A concrete segment follows its literal when one exists, otherwise every
    /// template; a <c>{x}</c> segment follows the template of that name, otherwise every template. A trailing
    /// slash is ignored; an empty prefix lists the whole catalog.
    /// </remarks>
    /// <param name="pathPrefix">The prefix, e.g. <c>v3/papay/sign</c>.</param>
    /// <returns>The operations; empty when the prefix leads nowhere.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pathPrefix"/> is null.</exception>
    public IReadOnlyList<CatalogOperation> Below(string pathPrefix)
    {
        if (pathPrefix is null) throw new ArgumentNullException(nameof(pathPrefix));
        var (start, end) = Bounds(pathPrefix);
        while (end > start && pathPrefix[end - 1] == '/') end--;
        if (start == end) return Operations;

        var frontier = new List<CatalogPathNode> { _root };
        var next = new List<CatalogPathNode>();
        while (true)
        {
            var slash = pathPrefix.IndexOf('/', start, end - start);
            var segmentEnd = slash < 0 ? end : slash;
            next.Clear();
            foreach (var node in frontier) node.Step(pathPrefix, start, segmentEnd - start, next);
            if (next.Count == 0) return NoOperations;
            (frontier, next) = (next, frontier);
            if (slash < 0) break;
            start = slash + 1;
        }

        var found = new List<CatalogOperation>();
        foreach (var node in frontier) node.Collect(found);
        found.Sort(CatalogOperation.CompareByPathThenMethod);
        return found;
    }

    /// <summary>Lists the operations whose path, title or page title contains the text (case-insensitive), by path then method.</summary>
    /// <param name="text">A path fragment (<c>pre-entrust</c>) or words of a title (<c>预签约</c>).</param>
    /// <returns>The matching operations; every operation for an empty text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public IReadOnlyList<CatalogOperation> Search(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        text = text.Trim();
        if (text.Length == 0) return Operations;

        var found = new List<CatalogOperation>();
        foreach (var operation in Operations)
        {
            if (Contains(operation.Path, text) || Contains(operation.Title, text) || Contains(operation.PageTitle, text))
            {
                found.Add(operation);
            }
        }

        return found;
    }

    /// <summary>
    /// Finds the callback notification of an event type (case-insensitive). When several pages list the
    /// type, the page named after it wins, then v3 over v2: <c>TRANSACTION.SUCCESS</c> is <c>v3/TRANSACTION.SUCCESS</c>.
    /// </summary>
    /// <param name="eventType">The <c>event_type</c> of the notification.</param>
    /// <returns>The webhook, or null when no page lists the type.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="eventType"/> is null.</exception>
    public CatalogWebhook? FindWebhook(string eventType)
    {
        if (eventType is null) throw new ArgumentNullException(nameof(eventType));
        return _hooks.Value.ByEventType.TryGetValue(eventType, out var hook) ? hook : null;
    }

    private static OperationCatalog LoadEmbedded()
    {
        using var stream = typeof(OperationCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidDataException("The embedded operation catalog '" + ResourceName + "' is missing from " + typeof(OperationCatalog).Assembly.GetName().Name + ".");
        return Load(stream);
    }

    // The path without a leading slash and without query or fragment.
    private static (int Start, int End) Bounds(string path)
    {
        var start = path.Length > 0 && path[0] == '/' ? 1 : 0;
        var query = path.IndexOfAny(QueryStart, start);
        return (start, query < 0 ? path.Length : query);
    }

    private static bool Contains(string? value, string text) =>
        value != null && value.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0;

    // Lower is better: the page named after the event type, then v3 before v2, then by name (stable: Webhooks are sorted).
    private static int Rank(CatalogWebhook hook, string eventType)
    {
        var slash = hook.Name.IndexOf('/');
        var ownPage = string.Equals(hook.Name.Substring(slash + 1), eventType, StringComparison.OrdinalIgnoreCase);
        var v3 = hook.Name.StartsWith("v3/", StringComparison.Ordinal);
        return (ownPage ? 0 : 2) + (v3 ? 0 : 1);
    }

    // The webhooks by name, and the one that answers for each event type.
    private sealed class Hooks
    {
        public Hooks(IReadOnlyList<CatalogWebhook> webhooks)
        {
            var hooks = new List<CatalogWebhook>(webhooks);
            hooks.Sort((x, y) => string.CompareOrdinal(x.Name, y.Name));
            All = hooks.ToArray();
            foreach (var hook in All)
            {
                foreach (var eventType in hook.EventTypes)
                {
                    if (!ByEventType.TryGetValue(eventType, out var current) || Rank(hook, eventType) < Rank(current, eventType))
                    {
                        ByEventType[eventType] = hook;
                    }
                }
            }
        }

        public CatalogWebhook[] All { get; }

        public Dictionary<string, CatalogWebhook> ByEventType { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
