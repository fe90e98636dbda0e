using System;
using System.IO;
using System.Linq;
using System.Security;
using System.Threading.Tasks;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>
/// The library packages and the tool, packed once for the whole test run as `dotnet pack --no-build` packs each (the
/// library precompiled for linux-x64, the tool's ReadyToRun images, package validation), but in one MSBuild process and
/// under one version no cache holds, into one local feed that the packaging fixtures restore from. The feed is removed when
/// the run ends (<see cref="PackedPackagesCleanup"/>).
/// </summary>
internal sealed class PackedPackages
{
    /// <summary>The projects packed, in src/: the libraries a user installs and the tool.</summary>
    public static readonly string[] Projects =
    {
        "WeChatPay.Chain", "WeChatPay.Chain.Models", "WeChatPay.Chain.Hosting", "WeChatPay.Chain.AspNetCore", "WeChatPay.Chain.Caching",
        "WeChatPay.Chain.Sandbox", "WeChatPay.Chain.Cli",
    };

    private static readonly object Gate = new();
    private static string? _folder;
    private static Task<PackedPackages>? _packing;

    private PackedPackages(string folder, string version)
    {
        Folder = folder;
        Version = version;
    }

    /// <summary>The run's folder: the feed and the traversal project that packed it.</summary>
    public string Folder { get; }

    /// <summary>The local feed holding every package of <see cref="Projects"/> (and its symbols package).</summary>
    public string Feed => Path.Combine(Folder, "feed");

    /// <summary>The version every package was packed under.</summary>
    public string Version { get; }

    /// <summary>The packages, packed by the first caller of the run; every later caller awaits the same packing.</summary>
    /// <exception cref="InvalidOperationException">Packing failed (the message holds MSBuild's output).</exception>
    public static Task<PackedPackages> GetAsync()
    {
        lock (Gate)
        {
            if (_packing is null)
            {
                _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"wxpay-pack-{Guid.NewGuid():N}")).FullName;
                _packing = PackAsync(_folder, "0.0.0-test." + Guid.NewGuid().ToString("N").Substring(0, 12));
            }
            return _packing;
        }
    }

    /// <summary>Removes the run's feed, if anything was packed.</summary>
    public static void Remove()
    {
        lock (Gate)
        {
            if (_folder is not null && Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }
    }

    // One `dotnet msbuild` of a traversal project whose Pack target runs each project's Pack, with the global properties
    // `dotnet pack --no-build -c <configuration> -o <feed> -p:PackageVersion=<version>` passes: the projects' evaluations and
    // the SDK's tasks are loaded once instead of once per project.
    private static async Task<PackedPackages> PackAsync(string folder, string version)
    {
        var root = Repository.Root;
        var projects = string.Join(";", Projects.Select(project => SecurityElement.Escape(Path.Combine(root, "src", project, project + ".csproj"))));
        var traversal = Path.Combine(folder, "pack.proj");
        await File.WriteAllTextAsync(traversal,
            "<Project>\n  <ItemGroup>\n" +
            $"    <PackedProject Include=\"{projects}\" />\n" +
            "  </ItemGroup>\n  <Target Name=\"Pack\">\n    <MSBuild Projects=\"@(PackedProject)\" Targets=\"Pack\" />\n  </Target>\n</Project>\n");
        var packed = new PackedPackages(folder, version);
        var start = ChildProcess.Start("dotnet", new[]
        {
            "msbuild", traversal, "-nologo", "-v:m", "-m:1", "-t:Pack",
            "-p:Configuration=" + Repository.Configuration, "-p:NoBuild=true", "-p:_IsPacking=true", "-p:NuGetInteractive=false",
            "-p:DOTNET_CLI_DISABLE_PUBLISH_AND_PACK_RELEASE=true", "-p:PackageOutputPath=" + packed.Feed, "-p:PackageVersion=" + version,
        }, folder);
        var (exit, output, error) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(10));
        if (exit != 0) throw new InvalidOperationException($"Packing {string.Join(", ", Projects)} failed ({exit}):\n{output}\n{error}");
        return packed;
    }
}
