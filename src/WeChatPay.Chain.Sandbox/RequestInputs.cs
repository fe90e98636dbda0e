using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Sandbox;

/// <summary>What one request carries, parsed once: path values, query, JSON body, upload <c>meta</c>.</summary>
internal sealed class RequestInputs
{
    private static readonly JObject NoBody = new();

    public RequestInputs(CatalogOperation operation, string path, IQueryCollection query, JObject? body, JObject? meta)
    {
        Operation = operation;
        Query = query;
        Body = body ?? NoBody;
        Meta = meta;
        PathValues = ReadPathValues(operation.Path, path);
    }

    public CatalogOperation Operation { get; }

    /// <summary>The values of the path's <c>{x}</c> segments, unescaped.</summary>
    public IReadOnlyDictionary<string, string> PathValues { get; }

    public IQueryCollection Query { get; }

    /// <summary>The JSON body (an empty object when there is none).</summary>
    public JObject Body { get; }

    /// <summary>The JSON <c>meta</c> part of a multipart upload, or null.</summary>
    public JObject? Meta { get; }

    /// <summary>The concrete paths of the sensitive fields that decrypted (their values are never echoed).</summary>
    public HashSet<string> EncryptedPaths { get; } = new(StringComparer.Ordinal);

    private static Dictionary<string, string> ReadPathValues(string template, string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = template.Split('/');
        var parts = path.Split('/');
        for (var i = 0; i < names.Length && i < parts.Length; i++)
        {
            if (CatalogPathNode.IsTemplate(names[i], 0, names[i].Length))
                values[names[i].Substring(1, names[i].Length - 2)] = Uri.UnescapeDataString(parts[i]);
        }
        return values;
    }
}
