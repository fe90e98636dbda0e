using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace WeChatPay.Chain.SiteTests.Support;

/// <summary>
/// The docs site, built once for the run as <c>dotnet cake --target=Docs</c> builds it (the catalog generator's <c>site</c>
/// verb, which stages the pages and runs docfx from the tool manifest), into a temporary folder, from the build of the
/// configuration these tests were built in.
/// </summary>
internal static class BuiltSite
{
    private static readonly Lazy<Task<string>> Site = new(BuildAsync);

    /// <summary>The built site's folder.</summary>
    public static Task<string> FolderAsync() => Site.Value;

    /// <summary>The repository above the test output.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "WeChatPay.Chain.sln"))) return dir.FullName;
            throw new InvalidOperationException("The repository root (WeChatPay.Chain.sln) was not found above the test output.");
        }
    }

    /// <summary>Deletes the site and its staged sources.</summary>
    public static void Delete()
    {
        if (!Site.IsValueCreated || !Site.Value.IsCompletedSuccessfully) return;
        var site = Site.Value.Result;
        Directory.Delete(Path.GetDirectoryName(site)!, recursive: true);
    }

    private static async Task<string> BuildAsync()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var generator = Path.Combine(Root, "artifacts", "bin", "WeChatPay.Chain.CatalogGenerator", configuration, "WeChatPay.Chain.CatalogGenerator.dll");
        var site = Path.Combine(Directory.CreateTempSubdirectory("wxpay-site-").FullName, "site");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { generator, "site", site, configuration }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"The site build failed ({process.ExitCode}):\n{await output}\n{await error}");
        return site;
    }
}
