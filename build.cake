// Restore -> Build -> Test -> Pack. `dotnet tool restore && dotnet cake` runs the tests (every one: CI runs this).
// `--target=Docs` builds the docs site into artifacts/site.
// `--fast` leaves out the tests of category Slow (packing, file-based apps, real processes, the fleet under load), for a
// developer's inner loop; `--target=Clean` empties the build outputs when one wants to start from nothing.
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var fast = HasArgument("fast");

var solution = "./WeChatPay.Chain.sln";
var artifacts = Directory("./artifacts");
var testResults = artifacts + Directory("test-results");
var packages = artifacts + Directory("packages");
var feed = artifacts + Directory("feed");

Task("Clean")
    .Does(() =>
{
    CleanDirectory(testResults);
    CleanDirectory(packages);
    CleanDirectory(feed);
    DotNetClean(solution, new DotNetCleanSettings { Configuration = configuration, Verbosity = DotNetVerbosity.Quiet });
});

// An incremental build is exact (MSBuild tracks its inputs); cleaning first only made every run a full one.
Task("Restore")
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
    CleanDirectory(testResults); // this run's results only, for the closing line
    try
    {
        DotNetTest(solution, new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            NoRestore = true,
            ResultsDirectory = testResults,
            Loggers = { "trx", "console;verbosity=minimal" },
            Filter = fast ? "TestCategory!=Slow" : null,
            // A test that hangs fails the run, named in its output, instead of holding it until CI stops it: the test host is
            // ended when no test has started or finished for 15 minutes (the slowest test takes about 3).
            ArgumentCustomization = args => args.Append("--blame-hang-timeout").Append("15m").Append("--blame-hang-dump-type").Append("none"),
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

// The docs site into artifacts/site (docs/site/docfx.json): the guides, a page for every operation and callback of the
// catalog, the API reference from the XML docs, and the search; it opens from the file system or any static host. The
// catalog generator's `site` verb stages the sources in artifacts/site-src and runs docfx from the tool manifest.
Task("Docs")
    .IsDependentOn("Build")
    .Does(() =>
{
    var generator = $"./artifacts/bin/WeChatPay.Chain.CatalogGenerator/{configuration.ToLowerInvariant()}/WeChatPay.Chain.CatalogGenerator.dll";
    DotNetExecute(generator, new ProcessArgumentBuilder().Append("site").AppendQuoted(MakeAbsolute(artifacts + Directory("site")).FullPath).Append(configuration));
    Information("The site: artifacts/site/index.html");
});

var packed = new[] { "WeChatPay.Chain", "WeChatPay.Chain.Models", "WeChatPay.Chain.Caching", "WeChatPay.Chain.AspNetCore", "WeChatPay.Chain.Hosting", "WeChatPay.Chain.Sandbox", "WeChatPay.Chain.Cli" };

// The library packages, the sandbox and the tool into artifacts/packages (what is published); then artifacts/feed, a
// local feed that holds the libraries with every package they depend on, so that a REPL or script restores from it
// alone, offline (docs/scripts.md).
Task("Pack")
    .IsDependentOn("Test")
    .Does(() =>
{
    CleanDirectory(packages); // only this build's packages, never one left by an earlier version
    foreach (var name in packed)
    {
        DotNetPack($"./src/{name}/{name}.csproj", new DotNetPackSettings
        {
            Configuration = configuration,
            NoBuild = true,
            NoRestore = true,
            OutputDirectory = packages,
        });
    }

    CleanDirectory(feed);
    CopyFiles(GetFiles(packages.Path.FullPath + "/*.nupkg"), feed);
    var dependencies = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
    foreach (var name in packed.Where(n => n != "WeChatPay.Chain.Cli"))
    {
        foreach (var nupkg in PackageClosure(artifacts + File($"obj/{name}/project.assets.json")))
        {
            dependencies.Add(System.IO.Path.GetFileName(nupkg));
            CopyFile(nupkg, feed + File(System.IO.Path.GetFileName(nupkg)));
        }
    }
    Information($"artifacts/feed: the packed libraries and {dependencies.Count} packages they depend on.");
});

// The .nupkg files of every package a project's consumers get, in every target framework: its own package references
// and those of the projects it references (which are packed themselves), followed through their dependencies, leaving
// out what it keeps to itself (PrivateAssets="all": the analyzers). Read from the restore's assets file.
IEnumerable<string> PackageClosure(FilePath assetsFile)
{
    using var assets = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(assetsFile.FullPath));
    var root = assets.RootElement;
    var folder = root.GetProperty("packageFolders").EnumerateObject().First().Name;
    var libraries = root.GetProperty("libraries");
    var found = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
    foreach (var framework in root.GetProperty("project").GetProperty("frameworks").EnumerateObject())
    {
        var target = root.GetProperty("targets").EnumerateObject().First(t => t.Name == framework.Name || t.Name.StartsWith(framework.Name + "/")).Value;
        var byId = target.EnumerateObject().ToDictionary(e => e.Name.Substring(0, e.Name.IndexOf('/')), e => e, StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>();
        if (framework.Value.TryGetProperty("dependencies", out var direct))
        {
            foreach (var dependency in direct.EnumerateObject())
            {
                if (!(dependency.Value.TryGetProperty("suppressParent", out var suppress) && suppress.GetString() == "All")) pending.Push(dependency.Name);
            }
        }
        foreach (var entry in target.EnumerateObject().Where(e => e.Value.GetProperty("type").GetString() == "project")) pending.Push(entry.Name.Substring(0, entry.Name.IndexOf('/')));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (!seen.Add(id) || !byId.TryGetValue(id, out var entry)) continue;
            if (entry.Value.TryGetProperty("dependencies", out var next)) foreach (var dependency in next.EnumerateObject()) pending.Push(dependency.Name);
            if (entry.Value.GetProperty("type").GetString() != "package") continue;
            var version = entry.Name.Substring(entry.Name.IndexOf('/') + 1);
            var path = libraries.GetProperty(entry.Name).GetProperty("path").GetString();
            found.Add(System.IO.Path.Combine(folder, path, $"{id.ToLowerInvariant()}.{version.ToLowerInvariant()}.nupkg"));
        }
    }
    return found;
}

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
// `dotnet cake --target=Bench --before=<commit>` runs only the per-call comparison of this tree's library with the
// library of <commit>, in one run: test/WeChatPay.Chain.Benchmarks.Subject is built here and, copied into a temporary
// worktree of <commit>, there; the report is artifacts/benchmarks/results/before-after.md.
Task("Bench")
    .Does(() =>
{
    var project = "./test/WeChatPay.Chain.Benchmarks/WeChatPay.Chain.Benchmarks.csproj";
    var results = artifacts + Directory("benchmarks");
    CleanDirectory(results);
    var arguments = new ProcessArgumentBuilder()
        .Append("--artifacts").AppendQuoted(MakeAbsolute(results).FullPath);
    var before = Argument("before", "");
    if (!string.IsNullOrWhiteSpace(before))
    {
        var builds = results + Directory("builds");
        BuildSubjectAt(before, MakeAbsolute(builds + Directory("before")).FullPath);
        DotNetBuild("./test/WeChatPay.Chain.Benchmarks.Subject/WeChatPay.Chain.Benchmarks.Subject.csproj", new DotNetBuildSettings
        {
            Configuration = "Release",
            OutputDirectory = builds + Directory("after"),
        });
        arguments.Append("--compare")
            .Append("--before-build").AppendQuoted(MakeAbsolute(builds + Directory("before")).FullPath)
            .Append("--after-build").AppendQuoted(MakeAbsolute(builds + Directory("after")).FullPath);
    }
    DotNetBuild(project, new DotNetBuildSettings { Configuration = "Release" });
    var extra = Argument("bench-args", "");
    if (!string.IsNullOrWhiteSpace(extra)) arguments.Append(extra);
    DotNetRun(project, arguments, new DotNetRunSettings { Configuration = "Release", NoBuild = true, NoRestore = true });
});

// The per-call subject built against the library of `commit`: a temporary detached worktree of it (removed afterwards),
// this tree's subject project copied in, built there into `output`.
void BuildSubjectAt(string commit, string output)
{
    var tree = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wechatpay-chain-bench-before-" + System.Guid.NewGuid().ToString("N").Substring(0, 8));
    Git("worktree", "add", "--detach", tree, commit);
    try
    {
        var subject = System.IO.Path.Combine(tree, "test", "WeChatPay.Chain.Benchmarks.Subject");
        CopyDirectory("./test/WeChatPay.Chain.Benchmarks.Subject", subject);
        DotNetBuild(System.IO.Path.Combine(subject, "WeChatPay.Chain.Benchmarks.Subject.csproj"), new DotNetBuildSettings
        {
            Configuration = "Release",
            OutputDirectory = output,
        });
    }
    finally
    {
        Git("worktree", "remove", "--force", tree);
    }
}

void Git(params string[] arguments)
{
    var builder = new ProcessArgumentBuilder();
    foreach (var argument in arguments) builder.AppendQuoted(argument);
    var exitCode = StartProcess("git", new ProcessSettings { Arguments = builder });
    if (exitCode != 0) throw new CakeException($"git {string.Join(" ", arguments)} failed with exit code {exitCode}.");
}

RunTarget(target);
