using System;
using System.Collections.Generic;
using System.IO;
using NUnit.Framework;
using WeChatPay.Chain.CatalogGenerator;

namespace WeChatPay.Chain.Tests.Site;

/// <summary>The generator's <c>site</c> verb replaces what it wrote before in the site folder and leaves everything else there.</summary>
public class SiteCommandTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "wxpay-site-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void A_second_run_removes_the_pages_of_the_first_that_it_no_longer_writes_and_nothing_else()
    {
        File.WriteAllText(Path.Combine(_folder, "index.md"), "the lead's home page");
        Directory.CreateDirectory(Path.Combine(_folder, "docs", "operations"));
        File.WriteAllText(Path.Combine(_folder, "docs", "operations", "seed.md"), "a staged guide");

        SiteCommand.Replace(_folder, new Dictionary<string, string> { ["operations/v3.a.get.md"] = "old", ["search-index.js"] = "old" });
        var removed = SiteCommand.Replace(_folder, new Dictionary<string, string> { ["operations/v3.b.get.md"] = "new", ["search-index.js"] = "new" });

        Assert.That(removed, Is.EqualTo(2));
        Assert.That(File.Exists(Path.Combine(_folder, "operations", "v3.a.get.md")), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(_folder, "operations", "v3.b.get.md")), Is.EqualTo("new"));
        Assert.That(File.ReadAllText(Path.Combine(_folder, "search-index.js")), Is.EqualTo("new"));
        Assert.That(File.ReadAllText(Path.Combine(_folder, "index.md")), Is.EqualTo("the lead's home page"));
        Assert.That(File.ReadAllText(Path.Combine(_folder, "docs", "operations", "seed.md")), Is.EqualTo("a staged guide"));
    }

    [Test]
    public void A_manifest_line_outside_the_folder_is_refused_before_anything_is_removed()
    {
        var outside = Path.Combine(Path.GetDirectoryName(_folder)!, Path.GetFileName(_folder) + "-outside.txt");
        File.WriteAllText(outside, "not the generator's");
        try
        {
            File.WriteAllText(Path.Combine(_folder, SiteCommand.Manifest), "../" + Path.GetFileName(outside) + "\n");

            var error = Assert.Throws<IOException>(() => SiteCommand.Replace(_folder, new Dictionary<string, string> { ["search-index.js"] = "x" }));
            Assert.That(error!.Message, Does.Contain("outside"));
            Assert.That(File.Exists(outside), Is.True);
        }
        finally
        {
            File.Delete(outside);
        }
    }
}
