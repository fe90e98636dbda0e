using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Tests.Catalog;

[TestFixture]
public class OperationCatalogBelowAndSearchTests
{
    private static OperationCatalog Catalog => OperationCatalog.Default;

    [Test]
    public void Below_lists_every_operation_under_a_prefix_by_path_then_method()
    {
        Assert.That(Catalog.Below("v3/papay/sign").Select(o => o.ToString()), Is.EqualTo(new[]
        {
            "GET v3/papay/sign/contracts/harmony-plan-id/{plan_id}/out-contract-code/{out_contract_code}",
            "GET v3/papay/sign/contracts/plan-id/{plan_id}/out-contract-code/{out_contract_code}",
            "POST v3/papay/sign/contracts/plan-id/{plan_id}/out-contract-code/{out_contract_code}/terminate",
            "POST v3/papay/sign/contracts/pre-entrust-sign",
            "GET v3/papay/sign/partner/contracts/plan-id/{plan_id}/out-contract-code/{out_contract_code}",
            "POST v3/papay/sign/partner/contracts/plan-id/{plan_id}/out-contract-code/{out_contract_code}/terminate",
        }));
    }

    [TestCase("v3/papay/sign")]
    [TestCase("v3/marketing/busifavor")]
    [TestCase("v3/applyment4sub")]
    [TestCase("v3/merchant-service")]
    [TestCase("v2/pay")]
    [TestCase("v3")]
    public void Below_a_literal_prefix_agrees_with_the_input(string prefix)
    {
        var expected = InputOperations()
            .Where(o => o.Path == prefix || o.Path.StartsWith(prefix + "/", StringComparison.Ordinal))
            .Select(o => o.Method + " " + o.Path);

        Assert.That(Catalog.Below(prefix).Select(o => o.ToString()), Is.EqualTo(expected));
    }

    [TestCase("v3/papay/sign/contracts/plan-id/12535/out-contract-code")]
    [TestCase("v3/papay/sign/contracts/plan-id/{plan_id}/out-contract-code")]
    [TestCase("v3/papay/sign/contracts/plan-id/{any}/out-contract-code/")]
    [TestCase("/v3/papay/sign/contracts/plan-id/12535/out-contract-code/wx1234")]
    public void Below_accepts_concrete_values_and_placeholders_in_the_prefix(string prefix)
    {
        Assert.That(Catalog.Below(prefix).Select(o => o.ToString()), Is.EqualTo(new[]
        {
            "GET v3/papay/sign/contracts/plan-id/{plan_id}/out-contract-code/{out_contract_code}",
            "POST v3/papay/sign/contracts/plan-id/{plan_id}/out-contract-code/{out_contract_code}/terminate",
        }));
    }

    [Test]
    public void Below_the_trailing_slash_page_includes_it_and_its_siblings()
    {
        Assert.That(Catalog.Below("v3/applyment4sub/applyment").Select(o => o.ToString()), Is.EqualTo(new[]
        {
            "POST v3/applyment4sub/applyment/",
            "GET v3/applyment4sub/applyment/applyment_id/{applyment_id}",
            "GET v3/applyment4sub/applyment/business_code/{business_code}",
        }));
    }

    [TestCase("v3/papay/si")]
    [TestCase("v3/no-such-product")]
    [TestCase("v3/papay/sign/contracts/pre-entrust-sign/more")]
    public void Below_an_unknown_prefix_is_empty(string prefix)
    {
        Assert.That(Catalog.Below(prefix), Is.Empty);
    }

    [TestCase("")]
    [TestCase("/")]
    public void Below_the_root_is_the_whole_catalog(string prefix)
    {
        Assert.That(Catalog.Below(prefix), Has.Count.EqualTo(1147));
    }

    [TestCase("预签约")]
    [TestCase("pre-entrust")]
    [TestCase("PRE-ENTRUST")]
    [TestCase("查询申请单")]
    [TestCase("combine-papay")]
    public void Search_matches_path_fragments_and_titles_case_insensitively(string text)
    {
        var expected = InputOperations()
            .Where(o => Contains(o.Path, text) || Contains(o.Title, text) || Contains(o.PageTitle, text))
            .Select(o => o.Method + " " + o.Path)
            .ToList();

        Assert.That(expected, Is.Not.Empty);
        Assert.That(Catalog.Search(text).Select(o => o.ToString()), Is.EqualTo(expected));
    }

    [Test]
    public void Search_for_pre_signing_finds_the_seed_operations()
    {
        var found = Catalog.Search("预签约").Select(o => o.ToString()).ToList();

        Assert.That(found, Has.Count.EqualTo(35));
        Assert.That(found, Is.SupersetOf(new[]
        {
            "POST v3/eduschoolpay/contracts/presign",
            "POST v3/ecommerce/combine-papay/contracts/pre-entrust-sign",
            "POST v3/papay/scheduled-deduct-sign/partner/contracts/pre-entrust-sign/jsapi",
            "POST v3/papay/sign/contracts/pre-entrust-sign",
        }));
    }

    [Test]
    public void Search_also_matches_the_page_title_of_a_sub_operation()
    {
        var sub = Catalog.Operations.First(o => o.PageTitle != null);

        Assert.That(Catalog.Search(sub.PageTitle!), Does.Contain(sub));
    }

    [Test]
    public void Search_for_nothing_known_is_empty()
    {
        Assert.That(Catalog.Search("no-such-thing-anywhere"), Is.Empty);
    }

    private static bool Contains(string? value, string text) =>
        value != null && value.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0;

    // The input operations, read independently, in the documented order: path, then method (ordinal).
    private static IEnumerable<(string Method, string Path, string Title, string? PageTitle)> InputOperations() =>
        CatalogInput.Input.operations
            .Select(o => (Method: o.method, Path: o.path, Title: o.title, PageTitle: o.page_title))
            .OrderBy(o => o.Path, StringComparer.Ordinal)
            .ThenBy(o => o.Method, StringComparer.Ordinal);
}
