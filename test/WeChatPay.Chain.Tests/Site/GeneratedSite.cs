using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.CatalogGenerator;
using WeChatPay.Chain.Tests.Docs;

namespace WeChatPay.Chain.Tests.Site;

/// <summary>The docs site's generated pages, written once per test run from the embedded catalog and docs/operations (as copied next to the tests).</summary>
internal static class GeneratedSite
{
    private static readonly Lazy<SortedDictionary<string, string>> Written = new(() =>
        PageWriter.Write(OperationCatalog.Default, SeedPages.Read(Path.Combine(MarkdownSamples.Folder, "docs", "operations"))));

    /// <summary>The files by path relative to the site folder.</summary>
    public static SortedDictionary<string, string> Files => Written.Value;

    /// <summary>One <c>```csharp</c> block of a generated page.</summary>
    public sealed record Sample(string Page, int Line, string Code)
    {
        public override string ToString() => $"{Page}:{Line}";
    }

    /// <summary>Every <c>```csharp</c> block of every generated page.</summary>
    public static List<Sample> Samples()
    {
        var samples = new List<Sample>();
        foreach (var (page, content) in Files.Where(f => f.Key.EndsWith(".md", StringComparison.Ordinal)))
        {
            var lines = content.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i] != "```csharp") continue;
                var end = i + 1;
                while (end < lines.Length && lines[end] != "```") end++;
                samples.Add(new Sample(page, i + 2, string.Join("\n", lines.Skip(i + 1).Take(end - i - 1))));
                i = end;
            }
        }
        return samples;
    }

    /// <summary>The page of an operation.</summary>
    public static string Operation(string method, string path) =>
        Files["operations/" + PageContext.Slug(OperationCatalog.Default.Operations.Single(o => o.Method == method && o.Path == path)) + ".md"];

    /// <summary>The lines of a page's section, from its <c>## heading</c> to the next one.</summary>
    public static List<string> Section(string page, string heading) =>
        page.Split('\n').SkipWhile(l => l != "## " + heading).Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).ToList();
}
