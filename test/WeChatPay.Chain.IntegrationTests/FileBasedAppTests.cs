using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// C# scripts as users write them today: a .NET 10 file-based app (`dotnet run presign.cs`) calling the sandbox, with the
/// library as a project (`#:project`) and as the packed package (`#:package`, restored from a local feed alone); and a
/// Roslyn script run by a host on the packed packages, starting the sandbox in process from its own package.
/// </summary>
[Category("Slow")]
public partial class FileBasedAppTests
{
    private const string ProjectLine = "#:project ../../../src/WeChatPay.Chain/WeChatPay.Chain.csproj";

    private static readonly string[] Libraries = { "WeChatPay.Chain", "WeChatPay.Chain.Hosting", "WeChatPay.Chain.AspNetCore", "WeChatPay.Chain.Caching", "WeChatPay.Chain.Sandbox" };

    private PackedPackages _packages = null!;

    // The library packages of the run (PackedPackages: packed once, as the Pack target does, under a version no cache
    // holds), in a feed every test's folder restores from.
    [OneTimeSetUp]
    public async Task Pack() => _packages = await PackedPackages.GetAsync();

    private string Feed => _packages.Feed;

    private string Version => _packages.Version;

    [Test]
    public Task A_file_based_app_calls_the_sandbox_in_the_chain_style() =>
        RunAsync((root, folder) => Task.FromResult("#:project " + Path.Combine(root, "src", "WeChatPay.Chain", "WeChatPay.Chain.csproj")), null);

    [Test]
    public Task A_file_based_app_takes_the_packed_package() =>
        RunAsync(async (root, folder) => "#:package WeChatPay.Chain@" + await UseFeedAsync(folder), "NUGET_PACKAGES");

    [Test]
    public async Task A_Roslyn_script_runs_on_the_packed_packages_with_the_sandbox_started_in_it()
    {
        var (exit, stdout, stderr) = await OnPackedPackagesAsync("roslyn-host.cs",
            (folder, version) => Script("roslyn-host.cs", folder, version, "presign.csx"), "--", "presign.csx");

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Contain("presign_token=PT"));
        Assert.That(stdout, Does.Contain("encrypted=identity.real_name,identity.credential_type,identity.id_card_number,bank_card.bank_card_no,bank_card.phone"));
        Assert.That(stdout, Does.Contain("judged=5"), "the sandbox decrypted the five encrypted fields with its own key");
    }

    [Test]
    public async Task The_file_based_app_of_the_scripts_page_runs_on_the_packed_sandbox_package()
    {
        var page = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Docs", "docs", "scripts.md"));
        const string fence = "```csharp file=query.cs\n";
        var start = page.IndexOf(fence + "#:package WeChatPay.Chain.Sandbox@0.1.0", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "docs/scripts.md shows a file-based app on the sandbox package");
        start += fence.Length;
        var sample = page.Substring(start, page.IndexOf("```", start, StringComparison.Ordinal) - start);

        var (exit, stdout, stderr) = await OnPackedPackagesAsync("query.cs",
            (folder, version) => File.WriteAllTextAsync(Path.Combine(folder, "query.cs"), sample.Replace("@0.1.0", "@" + version)));

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout.Trim(), Is.EqualTo("SUCCESS"));
    }

    [Test]
    public async Task A_throwaway_web_app_on_the_packed_packages_makes_a_call_and_takes_a_callback()
    {
        var (exit, stdout, stderr) = await OnPackedPackagesAsync("webapp.cs",
            (folder, version) => Script("webapp.cs", folder, version));

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Match("code_url=\\S+ callback=204 paid=1217752501201407033233368018"));
        Assert.That(stdout, Does.Contain("WeChat Pay POST v3/pay/transactions/native: 200 in "), "the host's logger has the call's line");
    }

    // In a folder of its own: writes the app (given the folder and the packed version) and runs `dotnet run <app> <arguments>`
    // there, restoring as the folder's NuGet.config says (UseFeedAsync); the folder is removed after.
    private async Task<(int Exit, string Stdout, string Stderr)> OnPackedPackagesAsync(string app, Func<string, string, Task> write,
        params string[] arguments)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"wxpay-packed-{Guid.NewGuid():N}")).FullName;
        try
        {
            var version = await UseFeedAsync(folder);
            await write(folder, version);
            var run = ChildProcess.Start("dotnet", new[] { "run", app }.Concat(arguments), folder);
            run.Environment.Remove("NUGET_PACKAGES"); // the folder's NuGet.config decides
            return await ChildProcess.RunAsync(run, TimeSpan.FromMinutes(5));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // A script of Scripts/ with the packed version in place of its PACKED, and the files it reads beside it.
    private static async Task Script(string name, string folder, string version, params string[] companions)
    {
        var scripts = Path.Combine(Repository.Root, "test", "WeChatPay.Chain.IntegrationTests", "Scripts");
        var text = await File.ReadAllTextAsync(Path.Combine(scripts, name));
        Assert.That(text, Does.Contain("@PACKED"));
        await File.WriteAllTextAsync(Path.Combine(folder, name), text.Replace("@PACKED", "@" + version));
        foreach (var companion in companions) File.Copy(Path.Combine(scripts, companion), Path.Combine(folder, companion));
    }

    [Test]
    public void Every_library_package_carries_its_readme_its_xml_docs_and_a_symbols_package()
    {
        Assert.Multiple(() =>
        {
            foreach (var package in Libraries)
            {
                var nupkg = Path.Combine(Feed, $"{package}.{Version}.nupkg");
                using var zip = System.IO.Compression.ZipFile.OpenRead(nupkg);
                var entries = zip.Entries.Select(e => e.FullName).ToList();
                Assert.That(entries, Does.Contain("README.md"), package);
                Assert.That(entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith(package + ".xml", StringComparison.Ordinal)), Is.Not.Empty, package + ": XML docs");
                using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
                var text = nuspec.ReadToEnd();
                Assert.That(text, Does.Contain("<readme>README.md</readme>").And.Contain("<license type=\"expression\">MIT</license>"), package);
                Assert.That(File.Exists(Path.ChangeExtension(nupkg, ".snupkg")), Is.True, package + ": symbols");
            }
        });
    }

    // Writes the folder's NuGet.config: the fixture's feed alone as a source, the packages the build restored as a fallback
    // folder (the dependencies), a packages folder of the test's own. Returns the packed version.
    private async Task<string> UseFeedAsync(string folder)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        await File.WriteAllTextAsync(Path.Combine(folder, "NuGet.config"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n" +
            $"  <config><add key=\"globalPackagesFolder\" value=\"{Path.Combine(folder, "packages")}\" /></config>\n" +
            $"  <packageSources><clear /><add key=\"packed\" value=\"{Feed}\" /></packageSources>\n" +
            $"  <fallbackPackageFolders><clear /><add key=\"restored\" value=\"{cache}\" /></fallbackPackageFolders>\n</configuration>\n");
        return Version;
    }

    // Writes the script with its reference line into a folder of its own (a user's script lives outside this repository:
    // no Directory.Build.props of ours), runs it against a sandbox, and checks what it printed.
    private async Task RunAsync(Func<string, string, Task<string>> reference, string? dropVariable)
    {
        var root = Repository.Root;
        var source = Path.Combine(root, "test", "WeChatPay.Chain.IntegrationTests", "Scripts", "presign.cs");
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"wxpay-script-{Guid.NewGuid():N}")).FullName;
        var script = Path.Combine(folder, "presign.cs");
        var text = await File.ReadAllTextAsync(source);
        Assert.That(text, Does.StartWith(ProjectLine));
        await File.WriteAllTextAsync(script, text.Replace(ProjectLine, await reference(root, folder)));
        await using var sandbox = await WeChatPaySandbox.StartAsync();
        var config = Path.Combine(folder, "client.json");
        await File.WriteAllTextAsync(config, SandboxHost.ClientJson(sandbox.ClientOptions()).ToString());
        try
        {
            // In the configuration the tests were built in: a `#:project` reference then finds the library built, as a user's
            // second run does, instead of compiling it again.
            var start = ChildProcess.Start("dotnet", new[] { "run", script, "-c", Repository.Configuration, "--", config }, folder);
            if (dropVariable is not null) start.Environment.Remove(dropVariable); // the folder's NuGet.config decides
            var (exit, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(5));

            var output = stdout + stderr;
            Assert.That(exit, Is.EqualTo(0), output);
            Assert.That(output, Does.Contain("presign_token=PT"));
            Assert.That(output, Does.Contain("encrypted=identity.real_name,identity.credential_type,identity.id_card_number,bank_card.bank_card_no,bank_card.phone"));
            Assert.That(sandbox.Calls.Last().DecryptedFields, Has.Count.EqualTo(5));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
