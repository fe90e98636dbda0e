using System;
using System.IO;
using NUnit.Framework;
using WeChatPay.Chain.CatalogGenerator.Site;

namespace WeChatPay.Chain.Tests.Site;

/// <summary>The site's chapters are the guides in the order of the README's list, which must name every guide.</summary>
public class GuidesTocTests
{
    private static string Docs => Path.Combine(AppContext.BaseDirectory, "Docs");

    [Test]
    public void The_chapters_follow_the_README_list_under_each_guide_title()
    {
        var toc = SiteSources.GuidesToc(File.ReadAllText(Path.Combine(Docs, "README.md")), Path.Combine(Docs, "docs"));

        Assert.That(toc, Does.StartWith("- name: \"Calling the API\"\n  href: chain.md\n"));
        Assert.That(toc, Does.Contain("- name: \"The wxpay tool\"\n  href: tool.md\n"), "code marks are dropped from titles");
        Assert.That(toc.IndexOf("encryption.md", StringComparison.Ordinal), Is.LessThan(toc.IndexOf("benchmarks.md", StringComparison.Ordinal)));
    }

    [Test]
    public void A_guide_the_README_does_not_list_fails_the_site_naming_it()
    {
        var docs = Directory.CreateTempSubdirectory("wxpay-guides-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(docs, "chain.md"), "# Calling the API\n");
            File.WriteAllText(Path.Combine(docs, "orphan.md"), "# Nobody links me\n");

            var error = Assert.Throws<InvalidDataException>(() => SiteSources.GuidesToc("- [Calling](docs/chain.md)\n", docs));

            Assert.That(error!.Message, Does.Contain("docs/orphan.md").And.Not.Contain("chain.md"));
        }
        finally
        {
            Directory.Delete(docs, recursive: true);
        }
    }
}
