using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.CatalogGenerator;

/// <summary>
/// The generator's <c>site &lt;folder&gt;</c> verb: writes the docs site's operation and callback pages (<see cref="PageWriter"/>)
/// from the committed catalog (<c>src/WeChatPay.Chain/Catalog/catalog.json.gz</c>, the one the library embeds) and the
/// walkthroughs of <c>docs/operations</c> into the folder. It lists what it wrote in <see cref="Manifest"/> and, on the next run,
/// removes exactly those files first: nothing else in the folder is touched.
/// </summary>
internal static class SiteCommand
{
    /// <summary>The file in the site folder that lists the files the last run wrote, one relative path a line.</summary>
    public const string Manifest = ".catalog-pages";

    /// <summary>Runs the verb: <paramref name="args"/> is the folder alone.</summary>
    /// <returns>0 when written; 1 when it failed (said on standard error); 2 for a wrong usage.</returns>
    public static int Run(IReadOnlyList<string> args, string? root)
    {
        if (args.Count != 1 || args[0].Length == 0)
        {
            Console.Error.WriteLine("usage: WeChatPay.Chain.CatalogGenerator site <folder>   (writes operations/, callbacks/ and search-index.js there)");
            return 2;
        }
        try
        {
            if (root is null) throw new IOException("WeChatPay.Chain.sln not found above the current directory: run the site verb inside the repository.");
            OperationCatalog catalog;
            using (var stream = File.OpenRead(Path.Combine(root, "src", "WeChatPay.Chain", "Catalog", "catalog.json.gz"))) catalog = OperationCatalog.Load(stream);
            var files = PageWriter.Write(catalog, SeedPages.Read(Path.Combine(root, "docs", "operations")));
            var folder = Path.GetFullPath(args[0]);
            var removed = Replace(folder, files);
            Console.WriteLine($"site pages: {files.Count} files written to {folder} ({catalog.Operations.Count} operations, {catalog.Webhooks.Count} callbacks), {removed} files of the last run removed");
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("site pages failed: " + e.Message);
            return 1;
        }
    }

    /// <summary>
    /// Removes the files the manifest of <paramref name="folder"/> lists (what the last run wrote), then writes
    /// <paramref name="files"/> and a new manifest; the folder is created if missing.
    /// </summary>
    /// <returns>How many files of the last run were removed.</returns>
    /// <exception cref="IOException">A file cannot be written or removed, or the manifest names a path outside the folder.</exception>
    public static int Replace(string folder, IReadOnlyDictionary<string, string> files)
    {
        Directory.CreateDirectory(folder);
        var manifest = Path.Combine(folder, Manifest);
        var removed = 0;
        if (File.Exists(manifest))
        {
            var written = File.ReadAllLines(manifest).Where(l => l.Length > 0).Select(relative => Inside(folder, relative)).ToList(); // all checked first
            foreach (var path in written)
            {
                if (!File.Exists(path)) continue;
                File.Delete(path);
                removed++;
            }
            File.Delete(manifest);
        }
        foreach (var (relative, content) in files)
        {
            var path = Inside(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }
        File.WriteAllText(manifest, string.Join("\n", files.Keys) + "\n");
        return removed;
    }

    // The full path of a relative one, which must stay inside the folder.
    private static string Inside(string folder, string relative)
    {
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, relative));
        if (!path.StartsWith(root, StringComparison.Ordinal))
            throw new IOException($"{Manifest} names '{relative}', which is outside {folder}: remove that line or the file.");
        return path;
    }
}
