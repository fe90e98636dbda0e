using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// The packed tool as users get it: the Cli project packed (as the build's Pack target does: the run's package,
/// <see cref="PackedPackages"/>), installed with <c>dotnet tool install --tool-path</c> from that local feed alone (a
/// NuGet.config that clears every other source, so nothing leaves the machine), and run: help, the catalog, and a call
/// against the sandbox.
/// </summary>
[Category("Slow")]
public class ToolPackageTests : SandboxFixture
{
    private string _folder = null!;
    private string _wxpay = null!;

    [OneTimeSetUp]
    public async Task PackAndInstall()
    {
        _folder = Directory.CreateTempSubdirectory("wxpay-package-").FullName;
        var packages = await PackedPackages.GetAsync();
        var tools = Path.Combine(_folder, "tools");

        var nugetConfig = Path.Combine(_folder, "NuGet.config");
        File.WriteAllText(nugetConfig, $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><packageSources><clear /><add key=\"packed\" value=\"{packages.Feed}\" /></packageSources></configuration>\n");
        await Run("dotnet", "tool", "install", "WeChatPay.Chain.Cli", "--version", packages.Version, "--tool-path", tools, "--configfile", nugetConfig);
        _wxpay = Path.Combine(tools, OperatingSystem.IsWindows() ? "wxpay.exe" : "wxpay");
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_folder, recursive: true);

    private static Task<string> Run(string file, params string[] args) =>
        ChildProcess.SucceedAsync(ChildProcess.Start(file, args), TimeSpan.FromMinutes(3));

    [Test]
    public void The_installed_tool_is_precompiled_for_linux_x64_but_for_Roslyn_and_BouncyCastle()
    {
        var installed = Directory.GetDirectories(Path.Combine(_folder, "tools", ".store", "wechatpay.chain.cli"), "any", SearchOption.AllDirectories).Single();
        bool Precompiled(string file) => PeImage.IsReadyToRun(File.ReadAllBytes(Path.Combine(installed, file)));

        Assert.Multiple(() =>
        {
            foreach (var file in new[] { "wxpay.dll", "WeChatPay.Chain.dll", "WeChatPay.Chain.Sandbox.dll", "Newtonsoft.Json.dll", "Flurl.Http.dll", "System.CommandLine.dll", "Spectre.Console.dll" })
                Assert.That(Precompiled(file), Is.True, file);
            foreach (var file in new[] { "Microsoft.CodeAnalysis.dll", "Microsoft.CodeAnalysis.CSharp.dll", "BouncyCastle.Cryptography.dll" })
                Assert.That(Precompiled(file), Is.False, file + " stays IL");
        });
    }

    [Test]
    public async Task The_installed_tool_answers_help_and_the_catalog()
    {
        var help = await Run(_wxpay, "--help");
        var show = await Run(_wxpay, "ops", "show", "POST", "v3/papay/sign/contracts/pre-entrust-sign");

        Assert.That(help, Does.Contain("ops").And.Contain("certificates").And.Contain("sandbox").And.Contain("demo"));
        Assert.That(show, Does.StartWith("代扣预签约"));
    }

    [Test]
    public async Task The_installed_tool_calls_the_sandbox()
    {
        var config = Path.Combine(_folder, "wechatpay.json");
        File.WriteAllText(config, WeChatPay.Chain.Sandbox.SandboxHost.ClientJson(sandbox.ClientOptions()).ToString());

        var output = await Run(_wxpay, "--config", config, "v3/pay/transactions/out-trade-no/ORDER-9", "-q", "mchid=1230000109", "--json");

        Assert.That((string?)JObject.Parse(output)["out_trade_no"], Is.Not.Null);
        Assert.That(sandbox.Calls.Last().Path, Is.EqualTo("/v3/pay/transactions/out-trade-no/ORDER-9"));
    }
}
