using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.CatalogGenerator;
using WeChatPay.Chain.Tests.Docs;

namespace WeChatPay.Chain.Tests.Site;

/// <summary>What the generated pages of the docs site say, checked exactly where a reader relies on it.</summary>
public class OperationPagesTests
{
    private static OperationCatalog Catalog => OperationCatalog.Default;

    [Test]
    public void Every_operation_and_callback_has_its_page_and_the_index_pages_exist()
    {
        var files = GeneratedSite.Files.Keys.ToList();

        Assert.That(Catalog.Operations.Select(o => "operations/" + PageContext.Slug(o) + ".md").Distinct().Count(files.Contains), Is.EqualTo(1147));
        Assert.That(files.Count(f => f.StartsWith("callbacks/v", StringComparison.Ordinal) && f.EndsWith(".md", StringComparison.Ordinal)), Is.EqualTo(112));
        Assert.That(files, Does.Contain("operations/index.md").And.Contains("operations/toc.yml").And.Contains("callbacks/index.md")
            .And.Contains("callbacks/toc.yml").And.Contains("search-index.js"));
        Assert.That(files, Does.Contain("operations/v3.papay.sign.contracts.pre-entrust-sign.post.md").And.Contains("callbacks/v3.TRANSACTION.SUCCESS.md"));
    }

    [Test]
    public void The_table_of_contents_lists_a_page_per_group_which_lists_its_operations_not_every_operation()
    {
        var toc = GeneratedSite.Files["operations/toc.yml"];
        var pay = GeneratedSite.Files["operations/v3.pay.md"];
        var v2Pay = GeneratedSite.Files["operations/v2.pay.md"];

        Assert.That(toc, Does.Contain("href: v3.pay.md").And.Contain("href: v2.pay.md").And.Not.Contain(".post.md"));
        Assert.That(toc.Split('\n').Count(l => l.Contains("href:", StringComparison.Ordinal)), Is.LessThan(200));
        Assert.That(pay, Does.StartWith("# v3/pay\n").And.Contain("[`v3/pay/transactions/jsapi`](v3.pay.transactions.jsapi.post.md)"));
        Assert.That(v2Pay, Does.Contain("[`v2/pay/micropay`](v2.pay.micropay.post.md)").And.Not.Contain("v3/"));
    }

    [Test]
    public void A_slug_drops_braces_and_an_empty_segment_and_ends_with_the_method()
    {
        var closing = new CatalogOperation("POST", "v3/pay/transactions/out-trade-no/{out_trade_no}/close", Details());
        var trailing = new CatalogOperation("GET", "v3/marketing/partner/", Details());

        Assert.That(PageContext.Slug(closing), Is.EqualTo("v3.pay.transactions.out-trade-no.out_trade_no.close.post"));
        Assert.That(PageContext.Slug(trailing), Is.EqualTo("v3.marketing.partner.get"));
    }

    [Test]
    public void Two_operations_that_would_share_a_slug_are_refused()
    {
        var catalog = new OperationCatalog("repo", "commit", new[]
        {
            new CatalogOperation("GET", "v3/a/{b}", Details()),
            new CatalogOperation("GET", "v3/a/b", Details()),
        }, Array.Empty<CatalogWebhook>());

        var error = Assert.Throws<InvalidDataException>(() => PageWriter.Write(catalog, new Dictionary<string, string>()));
        Assert.That(error!.Message, Does.Contain("GET v3/a/{b}").And.Contain("GET v3/a/b").And.Contain("operations/v3.a.b.get.md"));
    }

    [Test]
    public void The_papay_pre_entrust_sign_page_has_the_chain_call_and_links_its_walkthrough()
    {
        var page = GeneratedSite.Operation("POST", "v3/papay/sign/contracts/pre-entrust-sign");

        Assert.That(page, Does.StartWith("# 代扣预签约\n"));
        Assert.That(page, Does.Contain("(../docs/operations/papay-sign-pre-entrust-sign.md)"));
        Assert.That(page, Does.Contain("await wxpay.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(body);"));
        Assert.That(page, Does.Contain("await wxpay.V3.Papay.Sign.Contracts.PreEntrustSign(body);"), "the shorthand");
        Assert.That(page, Does.Contain("wxpay.Chain(\"v3/papay/sign/contracts/pre-entrust-sign\").PostAsync(body)"));
        Assert.That(page, Does.Contain("new PapaySignContractsPreEntrustSignPostRequest"));
        Assert.That(page, Does.Contain("(../callbacks/v3.ENTRUST.SIGN.md)"));
    }

    [Test]
    public void Every_walkthrough_of_docs_operations_is_linked_from_its_operation_page_only()
    {
        var seeds = SeedPages.Read(Path.Combine(MarkdownSamples.Folder, "docs", "operations"));
        var linking = GeneratedSite.Files.Where(f => f.Key.StartsWith("operations/v", StringComparison.Ordinal) && f.Value.Contains("../docs/operations/", StringComparison.Ordinal))
            .Select(f => f.Key).ToList();

        Assert.That(seeds, Has.Count.EqualTo(4));
        Assert.That(linking, Is.EquivalentTo(seeds.Keys.Select(k => "operations/" + PageContext.Slug(Catalog.Operations.Single(o => o.ToString() == k)) + ".md")));
    }

    [Test]
    public void The_eduschoolpay_presign_page_marks_its_five_encrypted_fields()
    {
        var request = GeneratedSite.Section(GeneratedSite.Operation("POST", "v3/eduschoolpay/contracts/presign"), "Request");
        var marked = request.Where(l => l.Contains("encrypted for you", StringComparison.Ordinal)).Select(l => l.Split('`')[1]).ToList();

        Assert.That(marked, Is.EquivalentTo(new[] { "identity.real_name", "identity.credential_type", "identity.id_card_number", "bank_card.bank_card_no", "bank_card.phone" }));
    }

    [Test]
    public void The_v2_micropay_page_calls_through_V2_with_an_XML_body()
    {
        var page = GeneratedSite.Operation("POST", "v2/pay/micropay");

        Assert.That(page, Does.Contain("await wxpay.V2.Pay.Micropay.PostAsync(body);"));
        Assert.That(page, Does.Contain("XML body:"));
        Assert.That(page, Does.Contain("WeChatPayOptions.ApiV2Key"));
        Assert.That(page, Does.Contain("// using WeChatPay.Chain.Models.V2;"));
        Assert.That(GeneratedSite.Section(page, "C#").Any(l => l.Contains("sign =", StringComparison.Ordinal) || l.Contains("nonce_str =", StringComparison.Ordinal)), Is.False,
            "the client adds nonce_str and computes sign");
    }

    [Test]
    public void A_download_page_streams_with_DownloadAsync_and_an_upload_page_sends_the_file_with_UploadAsync()
    {
        var download = GeneratedSite.Operation("GET", "v3/billdownload/file");
        var upload = GeneratedSite.Operation("POST", "v3/merchant/media/upload");

        Assert.That(download, Does.Contain("await wxpay.V3.Billdownload.File.DownloadAsync(stream, query);"));
        Assert.That(download, Does.Not.Contain(".GetAsync("));
        Assert.That(upload, Does.Contain("await wxpay.V3.Merchant.Media.Upload.UploadAsync(file);"));
        Assert.That(upload, Does.Not.Contain("new MerchantMediaUploadPostRequest"), "uploads have no request type");
    }

    [Test]
    public void A_path_value_goes_in_a_GET_query_object_and_in_PathValues_for_other_verbs()
    {
        var query = GeneratedSite.Operation("GET", "v3/pay/transactions/id/{transaction_id}");
        var close = GeneratedSite.Operation("POST", "v3/pay/transactions/out-trade-no/{out_trade_no}/close");

        Assert.That(query, Does.Contain("var query = new { mchid = \"1900000001\", transaction_id = \"4200000001202511210000000001\" };"));
        Assert.That(query, Does.Contain("await wxpay.V3.Pay.Transactions.Id._transaction_id_.GetAsync(query);"));
        Assert.That(close, Does.Contain("var options = new WeChatPayRequestOptions { PathValues = new { out_trade_no = \"1217752501201407033233368018\" } };"));
        Assert.That(close, Does.Contain(".Close.PostAsync(body, options);"));
    }

    [Test]
    public void Every_call_sample_gives_each_path_value_of_its_operation()
    {
        var missing = new List<string>();
        var samples = GeneratedSite.Samples().GroupBy(s => s.Page).ToDictionary(g => g.Key, g => g.First());
        foreach (var operation in Catalog.Operations.Where(o => o.PathParams.Count > 0 && !WeChatPay.Chain.ApiV2.V2Pages.IsPage(o.Path)))
        {
            var sample = samples["operations/" + PageContext.Slug(operation) + ".md"];
            missing.AddRange(operation.PathParams.Where(p => !sample.Code.Contains(p + " = ", StringComparison.Ordinal)).Select(p => operation + ": " + p));
        }

        Assert.That(missing, Is.Empty, string.Join("\n", missing.Take(20)));
    }

    [Test]
    public void Every_relative_link_of_every_generated_page_resolves()
    {
        var docs = Path.Combine(MarkdownSamples.Folder, "docs");
        var broken = new List<string>();
        foreach (var (page, content) in GeneratedSite.Files.Where(f => f.Key.EndsWith(".md", StringComparison.Ordinal)))
        {
            foreach (Match link in Regex.Matches(content, @"\]\((?<target>[^)\s]+)\)"))
            {
                var target = link.Groups["target"].Value.Split('#')[0];
                if (target.Length == 0 || target.StartsWith("http", StringComparison.Ordinal)) continue;
                var resolved = Path.GetRelativePath(".", Path.Combine(Path.GetDirectoryName(page)!, target)).Replace('\\', '/');
                var exists = GeneratedSite.Files.ContainsKey(resolved)
                    || resolved.StartsWith("docs/", StringComparison.Ordinal) && File.Exists(Path.Combine(docs, resolved.Substring("docs/".Length)))
                    || resolved == "README.md";
                if (!exists) broken.Add(page + " → " + link.Groups["target"].Value);
            }
        }

        Assert.That(broken, Is.Empty, string.Join("\n", broken.Distinct().Take(30)));
    }

    [Test]
    public void The_search_index_is_one_JSON_entry_per_operation_and_callback()
    {
        const string Prefix = "window.wxpaySearchIndex = ";
        var script = GeneratedSite.Files[PageWriter.SearchIndex];
        Assert.That(script, Does.StartWith(Prefix).And.EndWith("];\n"));

        var entries = JArray.Parse(script.Substring(Prefix.Length, script.Length - Prefix.Length - 2));
        var jsapi = entries.Single(e => (string?)e["path"] == "POST v3/pay/transactions/jsapi");
        var callback = entries.Single(e => (string?)e["path"] == "v3/TRANSACTION.SUCCESS");

        Assert.That(entries, Has.Count.EqualTo(1147 + 112));
        Assert.That(entries.Select(e => (string?)e["url"]).Distinct().Count(), Is.EqualTo(1147 + 112));
        Assert.That((string?)jsapi["title"], Is.EqualTo("JSAPI下单"));
        Assert.That((string?)jsapi["url"], Is.EqualTo("operations/v3.pay.transactions.jsapi.post.html"));
        Assert.That(((string)jsapi["fields"]!).Split(' '), Does.Contain("out_trade_no").And.Contains("total").And.Contains("prepay_id"));
        Assert.That((string?)callback["url"], Is.EqualTo("callbacks/v3.TRANSACTION.SUCCESS.html"));
        Assert.That(entries.All(e => GeneratedSite.Files.ContainsKey(((string)e["url"]!).Replace(".html", ".md", StringComparison.Ordinal))), Is.True);
    }

    [Test]
    public void Every_entry_of_the_callback_table_names_a_prefix_with_operations_and_webhooks_that_exist()
    {
        var dead = CallbackLinks.Table.Where(entry =>
                !Catalog.Operations.Any(o => (o.Path == entry.Key || o.Path.StartsWith(entry.Key + "/", StringComparison.Ordinal)) && CallbackLinks.HasNotifyUrl(o.Request))
                || entry.Value.Any(target => !Catalog.Webhooks.Any(h => target.EndsWith('*') ? h.Name.StartsWith(target.TrimEnd('*'), StringComparison.Ordinal) : h.Name == target)))
            .Select(entry => entry.Key).ToList();

        Assert.That(dead, Is.Empty);
    }

    [Test]
    public void A_refund_leads_to_the_refund_callbacks_and_the_callback_page_links_back()
    {
        var refund = GeneratedSite.Section(GeneratedSite.Operation("POST", "v3/refund/domestic/refunds"), "Callbacks");
        var callback = GeneratedSite.Files["callbacks/v3.REFUND.SUCCESS.md"];

        Assert.That(refund.Where(l => l.StartsWith("- [", StringComparison.Ordinal)).Select(l => Regex.Match(l, @"\(\.\./callbacks/(?<s>[^)]+)\.md\)").Groups["s"].Value),
            Is.EqualTo(new[] { "v3.REFUND.ABNORMAL", "v3.REFUND.CLOSED", "v3.REFUND.SUCCESS" }));
        Assert.That(callback, Does.Contain("(../operations/v3.refund.domestic.refunds.post.md)"));
        Assert.That(callback, Does.Contain("notification.EventType == \"REFUND.SUCCESS\""));
        Assert.That(callback, Does.Contain("notification.ResourceJson?[\"out_refund_no\"]"), "a refund is read by its own number");
        Assert.That(GeneratedSite.Section(callback, "Notification").Count(l => l.Contains("in `Resource`", StringComparison.Ordinal)), Is.GreaterThan(5));
    }

    private static CatalogOperation.Details Details() =>
        new("title", null, null, null, Array.Empty<string>(), Array.Empty<FieldPath>(), Array.Empty<FieldPath>(), false, false, Array.Empty<CatalogField>(), Array.Empty<CatalogField>());
}
