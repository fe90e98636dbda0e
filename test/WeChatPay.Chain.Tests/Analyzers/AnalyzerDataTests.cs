using System.IO;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.CatalogGenerator;

namespace WeChatPay.Chain.Tests.Analyzers;

/// <summary>The analyzer's data (src/WeChatPay.Chain.Analyzers/operations.txt) is current with the catalog and the typed chain.</summary>
public class AnalyzerDataTests
{
    [Test]
    public void The_committed_analyzer_data_is_the_one_the_catalog_gives()
    {
        var committed = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Catalog", "operations.txt"));

        var (_, _, classes) = ChainWriter.Write(OperationCatalog.Default);
        var written = AnalyzerDataWriter.Write(OperationCatalog.Default, classes);

        Assert.That(written == committed, Is.True,
            "src/WeChatPay.Chain.Analyzers/operations.txt is stale against the catalog: run `dotnet cake --target=Catalog` and commit it.");
    }
}
