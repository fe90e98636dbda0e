using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>A C# script as users write them today: a .NET 10 file-based app (`dotnet run presign.cs`) calling the sandbox.</summary>
public class FileBasedAppTests
{
    [Test]
    public async Task A_file_based_app_calls_the_sandbox_in_the_chain_style()
    {
        var root = RepositoryRoot();
        var source = Path.Combine(root, "test", "WeChatPay.Chain.IntegrationTests", "Scripts", "presign.cs");
        var library = Path.Combine(root, "src", "WeChatPay.Chain", "WeChatPay.Chain.csproj");
        // A user's script lives outside this repository (no Directory.Build.props of ours): run it from a folder of its own.
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"wxpay-script-{Guid.NewGuid():N}")).FullName;
        var script = Path.Combine(folder, "presign.cs");
        await File.WriteAllTextAsync(script, (await File.ReadAllTextAsync(source)).Replace("../../../src/WeChatPay.Chain/WeChatPay.Chain.csproj", library));
        await using var sandbox = await WeChatPaySandbox.StartAsync();
        var config = Path.Combine(folder, "client.json");
        await File.WriteAllTextAsync(config, SandboxHost.ClientJson(sandbox.ClientOptions()).ToString());
        try
        {
            var start = new ProcessStartInfo("dotnet", new[] { "run", script, "--", config })
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder,
            };
            // The test host's MSBuild variables would point the nested build at the wrong SDK pieces.
            foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "VSTEST_HOST_DEBUG" })
                start.Environment.Remove(name);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var finished = process.WaitForExit(TimeSpan.FromMinutes(5));
            if (!finished) process.Kill(entireProcessTree: true);

            var output = await stdout + await stderr;
            Assert.That(finished, Is.True, "the script did not finish within 5 minutes");
            Assert.That(process.ExitCode, Is.EqualTo(0), output);
            Assert.That(output, Does.Contain("presign_token=PT"));
            Assert.That(output, Does.Contain("encrypted=identity.real_name,identity.credential_type,identity.id_card_number,bank_card.bank_card_no,bank_card.phone"));
            Assert.That(sandbox.Calls.Last().DecryptedFields, Has.Count.EqualTo(5));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WeChatPay.Chain.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (WeChatPay.Chain.sln) was not found above the test output.");
    }
}
