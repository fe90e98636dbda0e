using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// Which request fields an operation's documentation marks <c>rsa-platform</c>, read by the sandbox from the field rows
/// themselves (each field's own marker), not from the operation's encryption list that the client reads: a field wrongly
/// listed or left out on one side shows up as a rejected or an unencrypted field on the other.
/// </summary>
internal static class SensitivePaths
{
    private static readonly ConcurrentDictionary<CatalogOperation, IReadOnlyList<string>> Cache = new();

    /// <summary>The marked fields as <c>json.a.b[].c</c>, <c>query.name</c> or <c>body.meta.x</c>, in document order.</summary>
    public static IReadOnlyList<string> Of(CatalogOperation operation) => Cache.GetOrAdd(operation, Read);

    private static IReadOnlyList<string> Read(CatalogOperation operation)
    {
        var paths = new List<string>();
        foreach (var row in operation.Request)
        {
            var root = row.Name switch
            {
                "json" when operation.RequestBody == "json" => "json",
                "body" when operation.RequestBody == "multipart" => "body",
                "query" => "query",
                _ => null,
            };
            if (root is null) continue;
            foreach (var field in row.Children) Collect(field, root, paths);
        }
        return paths;
    }

    private static void Collect(CatalogField field, string parent, List<string> paths)
    {
        var here = parent + "." + field.Name + (field.IsArray ? "[]" : string.Empty);
        if (string.Equals(field.Encrypted, CatalogEncryption.RsaPlatform, StringComparison.Ordinal))
        {
            paths.Add(here);
            return;
        }
        foreach (var child in field.Children) Collect(child, here, paths);
    }
}
