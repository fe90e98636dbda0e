using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.CatalogGenerator.Site;

/// <summary>
/// The inputs of the API reference: each library package's built assembly and XML docs (<c>api-src</c>), and the
/// assemblies they reference (<c>api-refs</c>): their packages, read from the restore's assets file, and the shared
/// frameworks of the running .NET. docfx reads assemblies this way in seconds, without loading the projects.
/// </summary>
internal static class ApiInputs
{
    // The packages a user installs, with the target framework whose build the reference shows.
    private static readonly (string Project, string Framework)[] Libraries =
    {
        ("WeChatPay.Chain", "net8.0"), ("WeChatPay.Chain.Caching", "net8.0"), ("WeChatPay.Chain.Hosting", "net8.0"),
        ("WeChatPay.Chain.AspNetCore", "net8.0"), ("WeChatPay.Chain.Sandbox", "net10.0"),
    };

    /// <exception cref="FileNotFoundException">A library is not built in <paramref name="configuration"/>, or not restored.</exception>
    public static void Copy(string root, string staging, string configuration)
    {
        var sources = Directory.CreateDirectory(Path.Combine(staging, "api-src")).FullName;
        var references = Directory.CreateDirectory(Path.Combine(staging, "api-refs")).FullName;
        var referenced = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (project, framework) in Libraries)
        {
            var bin = Path.Combine(root, "artifacts", "bin", project);
            var output = Path.Combine(bin, configuration.ToLowerInvariant() + "_" + framework);
            if (!Directory.Exists(output)) output = Path.Combine(bin, configuration.ToLowerInvariant()); // a project with one target
            foreach (var extension in new[] { ".dll", ".xml" })
            {
                var file = Path.Combine(output, project + extension);
                if (!File.Exists(file)) throw new FileNotFoundException($"{file} is missing: build the solution in {configuration} first (dotnet cake --target=Build).", file);
                File.Copy(file, Path.Combine(sources, project + extension), overwrite: true);
            }
            referenced.UnionWith(PackageAssemblies(Path.Combine(root, "artifacts", "obj", project, "project.assets.json"), framework));
        }

        foreach (var assembly in referenced.Concat(SharedFrameworks()))
        {
            var name = Path.GetFileName(assembly);
            if (!name.StartsWith("WeChatPay.", StringComparison.Ordinal)) File.Copy(assembly, Path.Combine(references, name), overwrite: true);
        }
    }

    // The compile-time assemblies of every package the project restored for the framework.
    private static IEnumerable<string> PackageAssemblies(string assetsFile, string framework)
    {
        if (!File.Exists(assetsFile)) throw new FileNotFoundException($"{assetsFile} is missing: restore the solution first.", assetsFile);
        var assets = JObject.Parse(File.ReadAllText(assetsFile));
        var folder = ((JObject)assets["packageFolders"]!).Properties().First().Name;
        foreach (var package in ((JObject)assets["targets"]![framework]!).Properties())
        {
            if ((string?)package.Value["type"] != "package" || package.Value["compile"] is not JObject compile) continue;
            var slash = package.Name.IndexOf('/');
            var directory = Path.Combine(folder, package.Name.Substring(0, slash).ToLowerInvariant(), package.Name.Substring(slash + 1));
            foreach (var file in compile.Properties().Select(p => p.Name).Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
                yield return Path.Combine(directory, file);
        }
    }

    // The ASP.NET Core shared framework beside the running runtime (the hosting and callback packages reference it).
    private static IEnumerable<string> SharedFrameworks()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var aspNetCore = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(runtime)!)!, "Microsoft.AspNetCore.App", Path.GetFileName(runtime));
        return Directory.Exists(aspNetCore) ? Directory.GetFiles(aspNetCore, "*.dll") : Array.Empty<string>();
    }
}
