using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace WeChatPay.Chain.CatalogGenerator.Site;

/// <summary>
/// Stages the hand-written sources of the docs site as the repository holds them, so that their relative links keep
/// working: the README as the home page (<c>index.md</c>), CHANGELOG.md, the guides (<c>docs/*.md</c>) and the seed
/// operation pages (<c>docs/operations/*.md</c>), the site's own files (<c>docs/site/</c>: docfx.json, the navigation, the
/// template), and the guides' table of contents, in the order of the README's list of guides with each guide's own title.
/// Nothing is copied into the repository: each guide has one source.
/// </summary>
internal static class SiteSources
{
    // "- [Calling the API: ...](docs/chain.md)": a guide in the README's list.
    private static readonly Regex GuideLink = new(@"^- \[[^\]]+\]\(docs/(?<file>[^)#]+\.md)\)", RegexOptions.Multiline);

    /// <exception cref="InvalidDataException">A guide is missing from the README's list, or the list names one that does not exist.</exception>
    public static void Stage(string root, string staging)
    {
        var docs = Path.Combine(root, "docs");
        CopyTree(Path.Combine(docs, "site"), staging);
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        File.WriteAllText(Path.Combine(staging, "index.md"), readme);
        File.Copy(Path.Combine(root, "CHANGELOG.md"), Path.Combine(staging, "CHANGELOG.md"), overwrite: true);

        var stagedDocs = Directory.CreateDirectory(Path.Combine(staging, "docs")).FullName;
        foreach (var guide in Directory.GetFiles(docs, "*.md")) File.Copy(guide, Path.Combine(stagedDocs, Path.GetFileName(guide)), overwrite: true);
        var seeds = Directory.CreateDirectory(Path.Combine(stagedDocs, "operations")).FullName;
        foreach (var page in Directory.GetFiles(Path.Combine(docs, "operations"), "*.md")) File.Copy(page, Path.Combine(seeds, Path.GetFileName(page)), overwrite: true);

        File.WriteAllText(Path.Combine(stagedDocs, "toc.yml"), GuidesToc(readme, docs));
    }

    /// <summary>The guides' toc.yml: the README's list of guides, in its order, each under its own first heading.</summary>
    internal static string GuidesToc(string readme, string docs)
    {
        var listed = GuideLink.Matches(readme).Select(m => m.Groups["file"].Value).Distinct(StringComparer.Ordinal).ToList();
        var guides = Directory.GetFiles(docs, "*.md").Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var missing = guides.Where(g => !listed.Contains(g)).OrderBy(g => g, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException("README.md's list of guides does not link docs/" + string.Join(", docs/", missing) + "; add each where a reader looks for it.");

        var toc = new StringBuilder();
        foreach (var file in listed)
        {
            var path = Path.Combine(docs, file);
            if (!File.Exists(path)) throw new InvalidDataException($"README.md's list of guides links docs/{file}, which does not exist.");
            toc.Append("- name: ").Append(Yaml(Title(path))).Append('\n').Append("  href: ").Append(file).Append('\n');
        }
        return toc.ToString();
    }

    // The page's first "# " heading, without Markdown code marks.
    private static string Title(string path)
    {
        foreach (var line in File.ReadLines(path))
            if (line.StartsWith("# ", StringComparison.Ordinal)) return line.Substring(2).Replace("`", string.Empty, StringComparison.Ordinal).Trim();
        throw new InvalidDataException(path + " has no title (a first-level heading).");
    }

    private static string Yaml(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
