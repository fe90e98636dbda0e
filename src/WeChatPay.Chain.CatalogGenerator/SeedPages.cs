using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace WeChatPay.Chain.CatalogGenerator;

/// <summary>
/// The hand-written walkthroughs of docs/operations: each names the operation it documents as <c>`METHOD path`</c> in its first
/// lines, and that operation's generated page links it.
/// </summary>
internal static class SeedPages
{
    private const int HeadLines = 6;

    private static readonly Regex Operation = new(@"`(?<method>GET|POST|PUT|PATCH|DELETE) (?<path>v[23]/[^`\s]+)`", RegexOptions.CultureInvariant);

    /// <summary>Reads the walkthroughs of a folder (<c>docs/operations</c>), its README aside: <c>POST v3/…</c> → file name.</summary>
    /// <exception cref="InvalidDataException">A page names no operation in its first lines, or two pages name one.</exception>
    public static IReadOnlyDictionary<string, string> Read(string folder)
    {
        var seeds = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*.md").OrderBy(f => f, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (string.Equals(name, "README.md", StringComparison.OrdinalIgnoreCase)) continue;
            var head = string.Join("\n", File.ReadLines(file).Take(HeadLines));
            var match = Operation.Match(head);
            if (!match.Success) throw new InvalidDataException($"docs/operations/{name} names no operation (`METHOD v3/…`) in its first {HeadLines} lines.");
            var key = match.Groups["method"].Value + " " + match.Groups["path"].Value;
            if (seeds.TryGetValue(key, out var other)) throw new InvalidDataException($"docs/operations/{name} and {other} both document {key}.");
            seeds.Add(key, name);
        }
        return seeds;
    }
}
