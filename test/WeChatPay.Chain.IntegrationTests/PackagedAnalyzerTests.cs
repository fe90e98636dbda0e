using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// The body analyzer and the models as a user gets them: the packed WeChatPay.Chain and WeChatPay.Chain.Models packages
/// (the run's, <see cref="PackedPackages"/>, restored from its local feed alone; packing runs the package validation of
/// both), in a real <c>dotnet build</c> of a
/// throw-away console project outside this repository: the analyzer warns, a typed request compiles, and a forgotten
/// required member is the compiler's error.
/// </summary>
[Category("Slow")]
public class PackagedAnalyzerTests
{
    // Line 13 misspells out_trade_no, line 15 gives the amount in yuan, line 23 forgets a required member (Query, line 20, sets
    // them all): one build shows the two warnings and the one error.
    private const string Program = """
        using System.Threading.Tasks;
        using WeChatPay.Chain;

        internal static class Program
        {
            private static Task Main() => Task.CompletedTask;

            internal static Task Order(WeChatPayClient wxpay) => wxpay.V3.Pay.Transactions.Jsapi.PostAsync(new
            {
                appid = "wxd678efh567hg6787",
                mchid = "1230000109",
                description = "Image",
                out_trad_no = "1217752501201407033233368018",
                notify_url = "https://example.com/notify",
                amount = new { total = 0.01 },
                payer = new { openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
            });

            internal static Task<WeChatPayResponse<WeChatPay.Chain.Models.PayTransactionsOutTradeNoOutTradeNoGetResponse>> Query(WeChatPayClient wxpay) =>
                wxpay.V3.Pay.Transactions.OutTradeNo._out_trade_no_.GetAsync(new WeChatPay.Chain.Models.PayTransactionsOutTradeNoOutTradeNoGetRequest { OutTradeNo = "1", Mchid = "1" });

            internal static Task<WeChatPayResponse<WeChatPay.Chain.Models.PayTransactionsOutTradeNoOutTradeNoGetResponse>> Forgotten(WeChatPayClient wxpay) =>
                wxpay.V3.Pay.Transactions.OutTradeNo._out_trade_no_.GetAsync(new WeChatPay.Chain.Models.PayTransactionsOutTradeNoOutTradeNoGetRequest { Mchid = "1" });
        }

        """;

    [Test]
    public async Task A_build_on_the_packed_packages_warns_of_the_body_mistakes_at_their_lines_and_requires_the_required_members()
    {
        var work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"wxpay-analyzer-{Guid.NewGuid():N}")).FullName;
        try
        {
            var packages = await PackedPackages.GetAsync();
            var feed = packages.Feed;
            var app = Directory.CreateDirectory(Path.Combine(work, "app")).FullName;
            var version = packages.Version;

            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            await File.WriteAllTextAsync(Path.Combine(app, "NuGet.config"),
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n" +
                $"  <config><add key=\"globalPackagesFolder\" value=\"{Path.Combine(work, "packages")}\" /></config>\n" +
                $"  <packageSources><clear /><add key=\"packed\" value=\"{feed}\" /></packageSources>\n" +
                $"  <fallbackPackageFolders><clear /><add key=\"restored\" value=\"{cache}\" /></fallbackPackageFolders>\n</configuration>\n");
            await File.WriteAllTextAsync(Path.Combine(app, "app.csproj"),
                "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>net10.0</TargetFramework>\n" +
                "    <Nullable>enable</Nullable>\n  </PropertyGroup>\n  <ItemGroup>\n" +
                $"    <PackageReference Include=\"WeChatPay.Chain\" Version=\"{version}\" />\n" +
                $"    <PackageReference Include=\"WeChatPay.Chain.Models\" Version=\"{version}\" />\n  </ItemGroup>\n</Project>\n");
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), Program);

            var (exit, output) = await BuildAsync(app);
            Assert.That(exit, Is.Not.EqualTo(0), output);
            Assert.That(output, Does.Contain("Program.cs(13,9): warning WCP001: POST v3/pay/transactions/jsapi does not document the field 'out_trad_no'; did you mean 'out_trade_no'?"));
            Assert.That(output, Does.Contain("Program.cs(15,24): warning WCP003: POST v3/pay/transactions/jsapi documents 'amount.total' as an integer"));
            // net10.0 takes the models' net8.0 build, whose members are required; the call that sets them all compiles.
            var errors = output.Split('\n').Where(line => line.Contains(": error ", StringComparison.Ordinal)).Select(line => line.Trim()).Distinct().ToList();
            Assert.That(errors, Has.Count.EqualTo(1), output);
            Assert.That(errors[0], Does.Contain("Program.cs(23,").And.Contain("error CS9035").And.Contain("OutTradeNo"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output)> BuildAsync(string app)
    {
        var build = ChildProcess.Start("dotnet", new[] { "build", "--disable-build-servers", "-p:UseSharedCompilation=false" }, app);
        build.Environment.Remove("NUGET_PACKAGES"); // the folder's NuGet.config decides
        var (exit, stdout, stderr) = await ChildProcess.RunAsync(build, TimeSpan.FromMinutes(5));
        return (exit, stdout + stderr);
    }
}
