// Clean -> Restore -> Build -> Test -> Pack. `dotnet tool restore && dotnet cake` runs the tests.
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");

var solution = "./WeChatPay.Chain.sln";
var artifacts = Directory("./artifacts");
var testResults = artifacts + Directory("test-results");
var packages = artifacts + Directory("packages");

Task("Clean")
    .Does(() =>
{
    CleanDirectory(testResults);
    CleanDirectory(packages);
    DotNetClean(solution, new DotNetCleanSettings { Configuration = configuration, Verbosity = DotNetVerbosity.Quiet });
});

Task("Restore")
    .IsDependentOn("Clean")
    .Does(() =>
{
    DotNetRestore(solution);
});

Task("Build")
    .IsDependentOn("Restore")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration, NoRestore = true });
});

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    Exception failure = null;
    try
    {
        DotNetTest(solution, new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            NoRestore = true,
            ResultsDirectory = testResults,
            Loggers = { "trx", "console;verbosity=minimal" },
        });
    }
    catch (Exception e)
    {
        failure = e;
    }

    // Sum every test project's TRX into one closing line.
    int passed = 0, failed = 0, skipped = 0;
    foreach (var trx in GetFiles(testResults.Path.FullPath + "/**/*.trx"))
    {
        var doc = System.Xml.Linq.XDocument.Load(trx.FullPath);
        foreach (var counters in doc.Descendants().Where(e => e.Name.LocalName == "Counters"))
        {
            passed += int.Parse(counters.Attribute("passed")?.Value ?? "0");
            failed += int.Parse(counters.Attribute("failed")?.Value ?? "0") + int.Parse(counters.Attribute("error")?.Value ?? "0") + int.Parse(counters.Attribute("timeout")?.Value ?? "0");
            skipped += int.Parse(counters.Attribute("notExecuted")?.Value ?? "0");
        }
    }
    var summary = skipped > 0 ? $"{passed} passed, {failed} failed, {skipped} skipped" : $"{passed} passed, {failed} failed";
    System.IO.File.WriteAllText(testResults.Path.CombineWithFilePath("summary.txt").FullPath, summary + "\n");
    Information(summary);

    if (failure != null) throw failure;
    if (failed > 0) throw new Exception($"{failed} test(s) failed.");
    if (passed == 0) throw new Exception("No test ran.");
});

Task("Pack")
    .IsDependentOn("Test")
    .Does(() =>
{
    foreach (var project in new[] { "./src/WeChatPay.Chain/WeChatPay.Chain.csproj", "./src/WeChatPay.Chain.Caching/WeChatPay.Chain.Caching.csproj",
        "./src/WeChatPay.Chain.AspNetCore/WeChatPay.Chain.AspNetCore.csproj", "./src/WeChatPay.Chain.Sandbox/WeChatPay.Chain.Sandbox.csproj",
        "./src/WeChatPay.Chain.Cli/WeChatPay.Chain.Cli.csproj" })
    {
        DotNetPack(project, new DotNetPackSettings
        {
            Configuration = configuration,
            NoBuild = true,
            NoRestore = true,
            OutputDirectory = packages,
        });
    }
});

// Not in the default chain: regenerate the embedded operation catalog from the generator's input
// snapshot (docs/catalog.md). `dotnet cake --target=Catalog`, then commit the changed resource.
Task("Catalog")
    .Does(() =>
{
    DotNetRun("./src/WeChatPay.Chain.CatalogGenerator/WeChatPay.Chain.CatalogGenerator.csproj",
        new ProcessArgumentBuilder()
            .AppendQuoted(MakeAbsolute(File("./src/WeChatPay.Chain.CatalogGenerator/input/operations.json.gz")).FullPath)
            .AppendQuoted(MakeAbsolute(File("./src/WeChatPay.Chain/Catalog/catalog.json.gz")).FullPath),
        new DotNetRunSettings { Configuration = configuration });
});

// Not in the default chain: build Release and run every benchmark (docs/benchmarks.md), a few minutes on two cores.
// `dotnet cake --target=Bench`; BenchmarkDotNet's reports and goals.md land in artifacts/benchmarks/results.
// Extra BenchmarkDotNet arguments pass through: `dotnet cake --target=Bench --bench-args="--filter *Piece*"`.
Task("Bench")
    .Does(() =>
{
    var project = "./test/WeChatPay.Chain.Benchmarks/WeChatPay.Chain.Benchmarks.csproj";
    var results = artifacts + Directory("benchmarks");
    CleanDirectory(results);
    DotNetBuild(project, new DotNetBuildSettings { Configuration = "Release" });
    var arguments = new ProcessArgumentBuilder()
        .Append("--artifacts").AppendQuoted(MakeAbsolute(results).FullPath);
    var extra = Argument("bench-args", "");
    if (!string.IsNullOrWhiteSpace(extra)) arguments.Append(extra);
    DotNetRun(project, arguments, new DotNetRunSettings { Configuration = "Release", NoBuild = true, NoRestore = true });
});

RunTarget(target);
