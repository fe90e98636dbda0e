using System;
using System.Diagnostics;
using System.IO;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.CatalogGenerator.Site;

/// <summary>
/// Builds the docs site: stages its sources in <c>&lt;site&gt;-src</c> (the hand-written pages, the generated operation and
/// callback pages, the API reference's assemblies), then runs docfx from the repository's tool manifest into the site
/// folder, with warnings as errors (a broken link fails the build). The site opens from the file system or any static host.
/// </summary>
internal static class SiteBuilder
{
    /// <returns>docfx's exit code.</returns>
    /// <exception cref="IOException">A source is missing, or docfx could not be started.</exception>
    public static int Build(string root, string site, string configuration)
    {
        site = Path.GetFullPath(site);
        var staging = site.TrimEnd(Path.DirectorySeparatorChar) + "-src";
        Recreate(staging);
        Recreate(site);

        SiteSources.Stage(root, staging);
        var pages = PageWriter.Write(OperationCatalog.Default, SeedPages.Read(Path.Combine(root, "docs", "operations")));
        foreach (var (relative, content) in pages)
        {
            var path = Path.Combine(staging, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }
        ApiInputs.Copy(root, staging, configuration);
        Console.WriteLine($"site: {pages.Count} pages of operations and callbacks staged in {staging}");

        var docfx = new ProcessStartInfo("dotnet") { WorkingDirectory = root, UseShellExecute = false };
        foreach (var argument in new[] { "docfx", Path.Combine(staging, "docfx.json"), "--output", site, "--warningsAsErrors" })
            docfx.ArgumentList.Add(argument);
        using var process = Process.Start(docfx) ?? throw new IOException("dotnet docfx could not be started.");
        process.WaitForExit();
        return process.ExitCode;
    }

    private static void Recreate(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
    }
}
