using System;
using System.Collections.Generic;

namespace WeChatPay.Chain.Catalog;

/// <summary>
/// A node of the path-segment trie: literal children (sorted, binary-searched by index range, so a
/// lookup allocates nothing per segment), template children (<c>{x}</c>, one per placeholder name),
/// and the operations whose path ends here.
/// </summary>
internal sealed class CatalogPathNode
{
    private string[] _literalKeys = Array.Empty<string>();
    private CatalogPathNode[] _literalNodes = Array.Empty<CatalogPathNode>();
    private string[] _templateKeys = Array.Empty<string>();
    private CatalogPathNode[] _templateNodes = Array.Empty<CatalogPathNode>();
    private CatalogOperation[] _operations = Array.Empty<CatalogOperation>();

    /// <summary>The operations whose path template ends at this node, by path then method.</summary>
    public IReadOnlyList<CatalogOperation> Operations => _operations;

    /// <summary>Builds a frozen trie over the operations.</summary>
    /// <param name="all">The operations; their paths are split on <c>/</c>, an empty segment (trailing slash) is a literal.</param>
    /// <returns>The root node.</returns>
    public static CatalogPathNode Build(IEnumerable<CatalogOperation> all)
    {
        var root = new Builder();
        foreach (var operation in all)
        {
            var node = root;
            foreach (var segment in operation.Path.Split('/'))
            {
                var children = IsTemplate(segment, 0, segment.Length) ? node.Templates : node.Literals;
                if (!children.TryGetValue(segment, out var child))
                {
                    child = new Builder();
                    children.Add(segment, child);
                }

                node = child;
            }

            node.Operations.Add(operation);
        }

        return root.Freeze();
    }

    /// <summary>Whether <paramref name="path"/>[start, start+length) is a <c>{x}</c> placeholder.</summary>
    public static bool IsTemplate(string path, int start, int length) =>
        length > 2 && path[start] == '{' && path[start + length - 1] == '}';

    /// <summary>The operation of this node with the given method (case-insensitive), or null.</summary>
    public CatalogOperation? Operation(string method)
    {
        foreach (var operation in _operations)
        {
            if (string.Equals(operation.Method, method, StringComparison.OrdinalIgnoreCase)) return operation;
        }

        return null;
    }

    /// <summary>
    /// Matches the segments of <paramref name="path"/>[start, end) below this node: a literal child wins,
    /// then a literal that equals the percent-unescaped segment, then the template children (a
    /// <c>{name}</c> segment tries its own template first), backtracking when a branch dead-ends.
    /// </summary>
    public CatalogOperation? Match(string method, string path, int start, int end)
    {
        var slash = path.IndexOf('/', start, end - start);
        var segmentEnd = slash < 0 ? end : slash;
        var length = segmentEnd - start;

        var literal = Literal(path, start, length);
        if (literal != null && literal.Continue(method, path, slash, end) is { } exact) return exact;
        if (length == 0) return null;

        if (literal == null && path.IndexOf('%', start, length) >= 0)
        {
            var unescaped = Uri.UnescapeDataString(path.Substring(start, length));
            var escaped = Literal(unescaped, 0, unescaped.Length);
            if (escaped != null && escaped.Continue(method, path, slash, end) is { } hit) return hit;
        }

        var own = IsTemplate(path, start, length) ? Find(_templateKeys, path, start, length) : -1;
        if (own >= 0 && _templateNodes[own].Continue(method, path, slash, end) is { } named) return named;
        for (var i = 0; i < _templateNodes.Length; i++)
        {
            if (i != own && _templateNodes[i].Continue(method, path, slash, end) is { } any) return any;
        }

        return null;
    }

    /// <summary>
    /// Adds to <paramref name="next"/> the children that the prefix segment <paramref name="path"/>[start, start+length) leads to:
    /// a <c>{x}</c> segment its own template (else every template), a concrete segment its literal
    /// (also percent-unescaped), else every template.
    /// </summary>
    public void Step(string path, int start, int length, List<CatalogPathNode> next)
    {
        if (IsTemplate(path, start, length))
        {
            var own = Find(_templateKeys, path, start, length);
            if (own >= 0) next.Add(_templateNodes[own]);
            else next.AddRange(_templateNodes);
            return;
        }

        var literal = Literal(path, start, length);
        if (literal == null && path.IndexOf('%', start, length) >= 0)
        {
            var unescaped = Uri.UnescapeDataString(path.Substring(start, length));
            literal = Literal(unescaped, 0, unescaped.Length);
        }

        if (literal != null) next.Add(literal);
        else if (length > 0) next.AddRange(_templateNodes);
    }

    /// <summary>Adds every operation at or below this node.</summary>
    public void Collect(List<CatalogOperation> into)
    {
        into.AddRange(_operations);
        foreach (var child in _literalNodes) child.Collect(into);
        foreach (var child in _templateNodes) child.Collect(into);
    }

    private CatalogOperation? Continue(string method, string path, int slash, int end) =>
        slash < 0 ? Operation(method) : Match(method, path, slash + 1, end);

    private CatalogPathNode? Literal(string path, int start, int length)
    {
        var index = Find(_literalKeys, path, start, length);
        return index < 0 ? null : _literalNodes[index];
    }

    // Binary search of path[start, start+length) among ordinally sorted keys, without a substring.
    private static int Find(string[] keys, string path, int start, int length)
    {
        int low = 0, high = keys.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var key = keys[middle];
            var order = string.CompareOrdinal(path, start, key, 0, Math.Min(length, key.Length));
            if (order == 0) order = length - key.Length;
            if (order == 0) return middle;
            if (order < 0) high = middle - 1;
            else low = middle + 1;
        }

        return -1;
    }

    private sealed class Builder
    {
        public Dictionary<string, Builder> Literals { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Builder> Templates { get; } = new(StringComparer.Ordinal);

        public List<CatalogOperation> Operations { get; } = new();

        public CatalogPathNode Freeze()
        {
            var node = new CatalogPathNode();
            (node._literalKeys, node._literalNodes) = Sorted(Literals);
            (node._templateKeys, node._templateNodes) = Sorted(Templates);
            Operations.Sort(CatalogOperation.CompareByPathThenMethod);
            node._operations = Operations.ToArray();
            return node;
        }

        private static (string[] Keys, CatalogPathNode[] Nodes) Sorted(Dictionary<string, Builder> children)
        {
            var keys = new string[children.Count];
            children.Keys.CopyTo(keys, 0);
            Array.Sort(keys, StringComparer.Ordinal);
            var nodes = new CatalogPathNode[keys.Length];
            for (var i = 0; i < keys.Length; i++) nodes[i] = children[keys[i]].Freeze();
            return (keys, nodes);
        }
    }
}
