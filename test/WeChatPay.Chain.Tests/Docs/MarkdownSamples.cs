using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace WeChatPay.Chain.Tests.Docs;

/// <summary>The C# code blocks of README.md and docs/*.md, as copied next to the tests.</summary>
public static class MarkdownSamples
{
    public sealed class Sample
    {
        public Sample(string file, int line, string code, bool compileOnly)
        {
            File = file;
            Line = line;
            Code = code;
            CompileOnly = compileOnly;
        }

        public string File { get; }
        public int Line { get; }
        public string Code { get; }
        public bool CompileOnly { get; }
        public override string ToString() => $"{File}:{Line}";
    }

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Docs");

    public static IEnumerable<Sample> All() => All("csharp");

    /// <summary>The code blocks fenced with any of <paramref name="languages"/> (<c>csharp</c>, <c>cs</c>).</summary>
    public static IEnumerable<Sample> All(params string[] languages)
    {
        var files = new[] { Path.Combine(Folder, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(Folder, "docs"), "*.md", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal));
        foreach (var file in files)
        {
            var lines = System.IO.File.ReadAllLines(file);
            var name = Path.GetRelativePath(Folder, file).Replace('\\', '/');
            for (var i = 0; i < lines.Length; i++)
            {
                if (!languages.Any(language => lines[i].Trim() == "```" + language)) continue;
                var start = i + 1;
                var end = start;
                while (end < lines.Length && lines[end].Trim() != "```") end++;
                var previous = lines.Take(i).Reverse().FirstOrDefault(l => l.Trim().Length > 0) ?? string.Empty;
                var compileOnly = Regex.IsMatch(previous, @"<!--\s*compile-only\s*-->");
                yield return new Sample(name, start, string.Join("\n", lines.Skip(start).Take(end - start)), compileOnly);
                i = end;
            }
        }
    }
}
