using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

// The library's precompiled (ReadyToRun) code in its package: runtimes/<rid>/lib/<tfm> beside lib/<tfm>, loaded by the
// .NET host in place of the IL on that platform.
public partial class FileBasedAppTests
{
    [Test]
    public void The_package_carries_precompiled_code_of_the_same_assembly_for_linux_x64()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(Feed, $"WeChatPay.Chain.{Version}.nupkg"));
        foreach (var framework in new[] { "net8.0", "net10.0" })
        {
            var il = Read(zip, $"lib/{framework}/WeChatPay.Chain.dll");
            var precompiled = Read(zip, $"runtimes/linux-x64/lib/{framework}/WeChatPay.Chain.dll");

            Assert.That(PeImage.IsReadyToRun(il), Is.False, framework);
            Assert.That(PeImage.IsReadyToRun(precompiled), Is.True, $"{framework}: runtimes/linux-x64 holds ReadyToRun code");
            Assert.That(PeImage.Mvid(precompiled), Is.EqualTo(PeImage.Mvid(il)), $"{framework}: the same assembly, compiled ahead");
        }
        Assert.That(zip.Entries.Where(e => e.FullName.StartsWith("runtimes/", StringComparison.Ordinal)).Select(e => e.Name).Distinct(),
            Is.EqualTo(new[] { "WeChatPay.Chain.dll" }), "only the library is precompiled, not its dependencies");
    }

    [Test]
    public async Task A_program_on_the_packed_package_runs_the_precompiled_library_and_compiles_fewer_methods()
    {
        Assume.That(RuntimeInformation.RuntimeIdentifier, Is.EqualTo("linux-x64"), "the package is precompiled for linux-x64");
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"wxpay-r2r-{Guid.NewGuid():N}")).FullName;
        try
        {
            var version = await UseFeedAsync(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "app.csproj"),
                "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>net10.0</TargetFramework>\n" +
                "    <Nullable>enable</Nullable>\n  </PropertyGroup>\n  <ItemGroup>\n" +
                $"    <PackageReference Include=\"WeChatPay.Chain\" Version=\"{version}\" />\n  </ItemGroup>\n</Project>\n");
            File.Copy(Path.Combine(Repository.Root, "test", "WeChatPay.Chain.IntegrationTests", "Scripts", "precompiled.cs"), Path.Combine(folder, "Program.cs"));
            var output = Path.Combine(folder, "out");
            var build = ChildProcess.Start("dotnet", new[] { "build", "-c", "Release", "-o", output }, folder);
            build.Environment.Remove("NUGET_PACKAGES"); // the folder's NuGet.config decides
            await ChildProcess.SucceedAsync(build, TimeSpan.FromMinutes(5));
            await using var sandbox = await WeChatPaySandbox.StartAsync();
            var config = Path.Combine(folder, "client.json");
            await File.WriteAllTextAsync(config, SandboxHost.ClientJson(sandbox.ClientOptions()).ToString());

            var precompiled = await RunProgramAsync(output, config);
            // The same program with the package's IL in the precompiled file's place.
            using (var zip = ZipFile.OpenRead(Path.Combine(Feed, $"WeChatPay.Chain.{Version}.nupkg")))
                await File.WriteAllBytesAsync(precompiled.Location, Read(zip, "lib/net10.0/WeChatPay.Chain.dll"));
            var il = await RunProgramAsync(output, config);

            TestContext.Out.WriteLine($"methods compiled at run time: {precompiled.Jitted} with the precompiled library, {il.Jitted} with its IL");
            Assert.That(precompiled.Location.Replace('\\', '/'), Does.EndWith("/runtimes/linux-x64/lib/net10.0/WeChatPay.Chain.dll"));
            Assert.That(il.Location, Is.EqualTo(precompiled.Location));
            Assert.That(precompiled.Jitted, Is.LessThan(il.Jitted - 200), $"methods compiled at run time: {precompiled.Jitted} precompiled, {il.Jitted} IL");
            // Start-up loads what a call needs: Flurl's URL combining (and the regular expressions it loads) is not.
            Assert.That(precompiled.Loaded, Does.Not.Contain("System.Text.RegularExpressions"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(string Location, int Jitted, string[] Loaded)> RunProgramAsync(string output, string config)
    {
        var (exit, stdout, stderr) = await ChildProcess.RunAsync(ChildProcess.Start("dotnet", new[] { Path.Combine(output, "app.dll"), config }), TimeSpan.FromMinutes(1));
        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout, Does.Contain("status=200"));
        return (Regex.Match(stdout, "location=(.+)").Groups[1].Value.Trim(), int.Parse(Regex.Match(stdout, @"jitted=(\d+)").Groups[1].Value),
            Regex.Match(stdout, "loaded=(.+)").Groups[1].Value.Trim().Split(','));
    }

    private static byte[] Read(ZipArchive zip, string entry)
    {
        using var stream = zip.GetEntry(entry)?.Open() ?? throw new AssertionException($"The package has no {entry}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
