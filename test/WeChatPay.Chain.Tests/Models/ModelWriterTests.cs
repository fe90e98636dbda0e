using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.CatalogGenerator;

namespace WeChatPay.Chain.Tests.Models;

/// <summary>
/// The generated models (src/WeChatPay.Chain.Models/Generated) are the ones the catalog gives, and the writer names types,
/// members and values as documented.
/// </summary>
public class ModelWriterTests
{
    [Test]
    public void The_committed_models_are_the_ones_the_catalog_gives()
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "WeChatPay.Chain.Models", "Generated");
        var committed = Directory.GetFiles(folder, "*.g.cs").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList();

        var written = ModelWriter.Write(OperationCatalog.Default);

        Assert.That(committed, Is.EqualTo(written.Keys.ToList()),
            "src/WeChatPay.Chain.Models/Generated holds other files than the catalog gives: run `dotnet cake --target=Catalog` and commit them.");
        var stale = written.Where(pair => File.ReadAllText(Path.Combine(folder, pair.Key)) != pair.Value).Select(pair => pair.Key).ToList();
        Assert.That(stale, Is.Empty, "stale against the catalog: run `dotnet cake --target=Catalog` and commit them.");
    }

    [Test]
    public void No_generated_file_passes_the_size_a_file_is_split_at()
    {
        var written = ModelWriter.Write(OperationCatalog.Default);

        Assert.That(written.Where(pair => pair.Value.Length > ModelWriter.MaxFileChars).Select(pair => pair.Key), Is.Empty);
        Assert.That(written.Keys, Does.Contain("V3.Marketing.Busifavor.g.cs").And.Contain("V3.Pay.g.cs").And.Not.Contain("V3.Marketing.g.cs"),
            "only a group over the size is split, by its next segments");
    }

    [Test]
    public void Writing_twice_gives_the_same_text()
    {
        var first = ModelWriter.Write(OperationCatalog.Default);
        var second = ModelWriter.Write(OperationCatalog.Default);

        Assert.That(second, Is.EqualTo(first));
    }

    [TestCase("POST", "v3/pay/transactions/jsapi", "PayTransactionsJsapiPost")]
    [TestCase("GET", "v3/pay/transactions/id/{transaction_id}", "PayTransactionsIdTransactionIdGet")]
    [TestCase("POST", "v3/applyment4sub/applyment/", "Applyment4subApplymentPost")]
    [TestCase("POST", "v2/secapi/mch/addInstitutionsub", "SecapiMchAddInstitutionsubPost")]
    [TestCase("PATCH", "v3/marketing/busifavor/stocks/{stock_id}/budget", "MarketingBusifavorStocksStockIdBudgetPatch")]
    public void An_operation_is_named_by_its_segments_after_the_version_and_its_method(string method, string path, string expected)
    {
        var operation = OperationCatalog.Default.Find(method, path);

        Assert.That(operation, Is.Not.Null);
        Assert.That(ModelWriter.OperationName(operation!), Is.EqualTo(expected));
    }

    [TestCase("out_trade_no", false, "OutTradeNo")]
    [TestCase("appId", false, "AppId")]
    [TestCase("coupon_type_$n", false, "CouponTypeN")]
    [TestCase("SIGN_SCENE_APP", true, "SignSceneApp")]
    [TestCase("HMAC-SHA256", true, "HmacSha256")]
    [TestCase("1.0", true, "1_0")]
    [TestCase("-1", true, "Minus1")]
    public void A_documented_name_is_pascal_cased(string documented, bool lowerUpperWords, string expected)
    {
        Assert.That(ModelWriter.Pascal(documented, lowerUpperWords), Is.EqualTo(expected));
    }

    [TestCase("1_0", "_1_0")]
    [TestCase("", "Value")]
    [TestCase("一级", "一级")]
    public void A_name_that_is_no_identifier_is_sanitised(string name, string expected)
    {
        Assert.That(ModelWriter.Identifier(name), Is.EqualTo(expected));
    }

    [Test]
    public void Two_operations_that_one_type_name_would_stand_for_stop_the_generator()
    {
        // v3/x/{a-b} and v3/x/a_b are both XABGet.
        static string Operation(string path) => "{\"method\":\"GET\",\"path\":\"" + path + "\",\"title\":\"t\",\"request\":[],\"response\":[]}";
        var input = "{\"source\":{\"repo\":\"r\",\"commit\":\"c\"},\"operations\":[" + Operation("v3/x/{a_b}") + "," + Operation("v3/x/a-b") + "],\"webhooks\":[]}";
        using var gzip = new MemoryStream(CatalogTransform.Compress(CatalogTransform.Transform(new StringReader(input))));
        var catalog = OperationCatalog.Load(gzip);

        Assert.That(() => ModelWriter.Write(catalog), Throws.TypeOf<InvalidDataException>().With.Message.Contains("XABGet"));
    }

    [Test]
    public void Uploads_downloads_and_browser_pages_get_no_request_type()
    {
        var catalog = OperationCatalog.Default;
        bool Has(string method, string path) => ModelWriter.HasRequestType(catalog.Find(method, path)!);

        Assert.Multiple(() =>
        {
            Assert.That(Has("POST", "v3/merchant/media/upload"), Is.False, "multipart upload");
            Assert.That(Has("GET", "v3/billdownload/file"), Is.False, "download");
            Assert.That(Has("GET", "v2/papay/entrustweb"), Is.False, "a page the browser opens");
            Assert.That(Has("GET", "v2/appauth/getaccesstoken"), Is.True, "an APIv2 GET that answers fields");
            Assert.That(catalog.Operations.Count(ModelWriter.HasRequestType), Is.EqualTo(1147 - 14 - 10 - 3));
        });
    }

    // The repository root: the folder above the test output that holds WeChatPay.Chain.sln.
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WeChatPay.Chain.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("WeChatPay.Chain.sln is not above " + TestContext.CurrentContext.TestDirectory + ".");
    }
}
