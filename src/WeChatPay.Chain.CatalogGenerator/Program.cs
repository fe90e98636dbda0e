using System;
using System.IO;
using System.Linq;
using WeChatPay.Chain.CatalogGenerator;

// Usage: WeChatPay.Chain.CatalogGenerator [input] [output]
//        WeChatPay.Chain.CatalogGenerator site <folder>   (the docs site's operation and callback pages: SiteCommand)
// Defaults (relative to the repository root, found by walking up to WeChatPay.Chain.sln):
//   input  src/WeChatPay.Chain.CatalogGenerator/input/operations.json.gz
//   output src/WeChatPay.Chain/Catalog/catalog.json.gz
// The output is rewritten only when its decompressed text changes, so that a regeneration of
// unchanged input leaves the committed bytes alone whatever zlib build compressed them.
// Then the typed chain src/WeChatPay.Chain/Chain/Nodes.g.cs and its public API lines (Chain/PublicAPI.Unshipped.txt) are
// written from that catalog (ChainWriter), when they differ, and so is the analyzer's data src/WeChatPay.Chain.Analyzers/operations.txt
// (AnalyzerDataWriter); then the typed requests and answers of WeChatPay.Chain.Models, src/WeChatPay.Chain.Models/Generated/*.g.cs
// (ModelWriter): the files that differ are written, the ones no longer produced deleted.
// `site <folder> [configuration]` builds the docs site instead (Site/SiteBuilder: `dotnet cake --target=Docs`).
try
{
    var root = FindRepositoryRoot(Directory.GetCurrentDirectory());
    // site <folder> [configuration]: the docs site (SiteBuilder) into the folder, from the build of that configuration (Release by default).
    if (args.Length > 0 && args[0] == "site")
    {
        if (args.Length is < 2 or > 3) throw new IOException("usage: WeChatPay.Chain.CatalogGenerator site <folder> [configuration]");
        return WeChatPay.Chain.CatalogGenerator.Site.SiteBuilder.Build(Require(root), args[1], args.Length > 2 ? args[2] : "Release");
    }

    var input = args.Length > 0 ? Path.GetFullPath(args[0]) : Path.Combine(Require(root), "src", "WeChatPay.Chain.CatalogGenerator", "input", "operations.json.gz");
    var output = args.Length > 1 ? Path.GetFullPath(args[1]) : Path.Combine(Require(root), "src", "WeChatPay.Chain", "Catalog", "catalog.json.gz");

    var text = CatalogTransform.TransformFile(input);
    var lines = text.Count(c => c == '\n');

    var unchanged = false;
    if (File.Exists(output))
    {
        using var existing = File.OpenRead(output);
        unchanged = CatalogTransform.Decompress(existing) == text;
    }
    if (unchanged)
    {
        Console.WriteLine($"catalog up to date: {output} ({lines} lines)");
    }
    else
    {
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var bytes = CatalogTransform.Compress(text);
        File.WriteAllBytes(output, bytes);
        Console.WriteLine($"catalog written: {output} ({bytes.Length} bytes gzip, {text.Length} chars, {lines} lines)");
    }

    var chainPath = Path.Combine(Require(root), "src", "WeChatPay.Chain", "Chain", "Nodes.g.cs");
    WeChatPay.Chain.Catalog.OperationCatalog catalog;
    using (var written = File.OpenRead(output)) catalog = WeChatPay.Chain.Catalog.OperationCatalog.Load(written);
    var (chain, api, classes) = ChainWriter.Write(catalog);
    var analyzerData = Path.Combine(Require(root), "src", "WeChatPay.Chain.Analyzers", "operations.txt");
    foreach (var (path, content) in new[]
    {
        (chainPath, chain), (Path.Combine(Path.GetDirectoryName(chainPath)!, "PublicAPI.Unshipped.txt"), api),
        (analyzerData, AnalyzerDataWriter.Write(catalog, classes)),
    })
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            Console.WriteLine($"up to date: {path}");
        }
        else
        {
            File.WriteAllText(path, content);
            Console.WriteLine($"written: {path} ({content.Length} chars)");
        }
    }

    var modelsFolder = Path.Combine(Require(root), "src", "WeChatPay.Chain.Models", "Generated");
    Directory.CreateDirectory(modelsFolder);
    var models = ModelWriter.Write(catalog);
    foreach (var stale in Directory.GetFiles(modelsFolder, "*.g.cs").Where(f => !models.ContainsKey(Path.GetFileName(f))).OrderBy(f => f, StringComparer.Ordinal))
    {
        File.Delete(stale);
        Console.WriteLine($"models deleted: {stale}");
    }
    var modelsWritten = 0;
    foreach (var (name, content) in models)
    {
        var path = Path.Combine(modelsFolder, name);
        if (File.Exists(path) && File.ReadAllText(path) == content) continue;
        File.WriteAllText(path, content);
        modelsWritten++;
    }
    Console.WriteLine($"models: {models.Count} files in {modelsFolder}, {modelsWritten} written, {models.Values.Sum(c => (long)c.Length)} chars");
    return 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or Newtonsoft.Json.JsonException)
{
    Console.Error.WriteLine("catalog generation failed: " + e.Message);
    return 1;
}

static string? FindRepositoryRoot(string start)
{
    for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "WeChatPay.Chain.sln"))) return dir.FullName;
    }

    return null;
}

static string Require(string? root) =>
    root ?? throw new IOException("WeChatPay.Chain.sln not found above the current directory; pass the input and output paths.");
