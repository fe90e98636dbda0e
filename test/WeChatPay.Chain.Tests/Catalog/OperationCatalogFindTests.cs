using System;
using System.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Tests.Catalog;

[TestFixture]
public class OperationCatalogFindTests
{
    private static OperationCatalog Catalog => OperationCatalog.Default;

    [TestCase("POST", "v3/eduschoolpay/contracts/presign", true, new[] { "json.identity.real_name", "json.identity.credential_type", "json.identity.id_card_number", "json.bank_card.bank_card_no", "json.bank_card.phone" })]
    [TestCase("POST", "v3/ecommerce/combine-papay/contracts/pre-entrust-sign", false, new string[0])]
    [TestCase("POST", "v3/papay/scheduled-deduct-sign/partner/contracts/pre-entrust-sign/jsapi", false, new string[0])]
    [TestCase("POST", "v3/papay/sign/contracts/pre-entrust-sign", false, new string[0])]
    public void A_seed_operation_is_found_with_its_encrypted_fields(string method, string path, bool serialHeader, string[] encrypt)
    {
        var op = Catalog.Find(method, path);

        Assert.That(op, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(op!.Method, Is.EqualTo(method));
            Assert.That(op.Path, Is.EqualTo(path));
            Assert.That(op.Encrypt.Select(e => e.ToString()), Is.EqualTo(encrypt));
            Assert.That(op.Decrypt, Is.Empty);
            Assert.That(op.SerialHeader, Is.EqualTo(serialHeader));
            Assert.That(op.RequestBody, Is.EqualTo("json"));
            Assert.That(op.Download, Is.False);
        });
    }

    [TestCase("GET", "v3/pay/transactions/id/4200000001", "v3/pay/transactions/id/{transaction_id}")]
    [TestCase("GET", "v3/pay/transactions/out-trade-no/ABC_123", "v3/pay/transactions/out-trade-no/{out_trade_no}")]
    [TestCase("get", "v3/pay/transactions/out-trade-no/ABC_123", "v3/pay/transactions/out-trade-no/{out_trade_no}")]
    [TestCase("GET", "/v3/pay/transactions/out-trade-no/ABC_123?mchid=1230000109", "v3/pay/transactions/out-trade-no/{out_trade_no}")]
    [TestCase("GET", "v3/pay/transactions/out-trade-no/ABC%2F123", "v3/pay/transactions/out-trade-no/{out_trade_no}")]
    [TestCase("GET", "v3/pay/transactions/out-trade-no/%E8%AE%A2%E5%8D%95", "v3/pay/transactions/out-trade-no/{out_trade_no}")]
    [TestCase("GET", "v3/pay/transactions/out%2Dtrade%2Dno/ABC_123", "v3/pay/transactions/out-trade-no/{out_trade_no}")]
    [TestCase("GET", "v3/pay/transactions/id/{transaction_id}", "v3/pay/transactions/id/{transaction_id}")]
    [TestCase("POST", "v3/applyment4sub/applyment/", "v3/applyment4sub/applyment/")]
    [TestCase("GET", "v3/papay/sign/contracts/plan-id/12535/out-contract-code/wx1234", "v3/papay/sign/contracts/plan-id/{plan_id}/out-contract-code/{out_contract_code}")]
    [TestCase("POST", "v3/papay/sign/contracts/plan-id/12535/out-contract-code/wx1234/terminate", "v3/papay/sign/contracts/plan-id/{plan_id}/out-contract-code/{out_contract_code}/terminate")]
    public void A_concrete_path_finds_its_template(string method, string path, string template)
    {
        Assert.That(Catalog.Find(method, path)?.Path, Is.EqualTo(template));
    }

    [TestCase("POST", "v3/marketing/busifavor/coupons/send", "v3/marketing/busifavor/coupons/send")]
    [TestCase("POST", "v3/marketing/busifavor/coupons/CARD_1/send", "v3/marketing/busifavor/coupons/{card_id}/send")]
    [TestCase("POST", "v3/marketing/busifavor/coupons/return/send", "v3/marketing/busifavor/coupons/{card_id}/send")]
    [TestCase("POST", "v3/marketing/partner/delivery-plan/delivery-plans", "v3/marketing/partner/delivery-plan/delivery-plans")]
    [TestCase("POST", "v3/marketing/partner/delivery-plan/1900000109/notify-url", "v3/marketing/partner/delivery-plan/{sp_mchid}/notify-url")]
    [TestCase("PATCH", "v3/marketing/partner/delivery-plan/delivery-plans/notify-url", "v3/marketing/partner/delivery-plan/delivery-plans/{plan_id}")]
    [TestCase("POST", "v3/marketing/partner/delivery-plan/delivery-plans/notify-url", "v3/marketing/partner/delivery-plan/{sp_mchid}/notify-url")]
    [TestCase("GET", "v3/eduschoolpay/contracts/presign", "v3/eduschoolpay/contracts/{contract_id}")]
    public void A_literal_segment_wins_over_a_template_and_falls_back_when_it_dead_ends(string method, string path, string template)
    {
        Assert.That(Catalog.Find(method, path)?.Path, Is.EqualTo(template));
    }

    [TestCase("POST", "v3/apply4subject/applyment/{business_code}/cancel", "v3/apply4subject/applyment/{business_code}/cancel")]
    [TestCase("POST", "v3/apply4subject/applyment/{applyment_id}/cancel", "v3/apply4subject/applyment/{applyment_id}/cancel")]
    [TestCase("POST", "v3/apply4subject/applyment/2000000001/cancel", "v3/apply4subject/applyment/{applyment_id}/cancel")]
    [TestCase("GET", "v3/refund/domestic/refunds/{out_refund_no}", "v3/refund/domestic/refunds/{out_refund_no}")]
    [TestCase("POST", "v3/refund/domestic/refunds/50000000382019052709732678859/apply-abnormal-refund", "v3/refund/domestic/refunds/{refund_id}/apply-abnormal-refund")]
    public void Sibling_templates_resolve_by_placeholder_name_then_by_name_order(string method, string path, string template)
    {
        Assert.That(Catalog.Find(method, path)?.Path, Is.EqualTo(template));
    }

    [TestCase("GET", "v3/no/such/path")]
    [TestCase("GET", "")]
    [TestCase("GET", "/")]
    [TestCase("DELETE", "v3/pay/transactions/id/4200000001")]
    [TestCase("POST", "v3/applyment4sub/applyment")]
    [TestCase("POST", "v3/eduschoolpay/contracts/presign/")]
    [TestCase("GET", "v3/pay/transactions/id/")]
    [TestCase("GET", "v3/pay/transactions/id//")]
    [TestCase("GET", "v3/pay/transactions/id/4200000001/more")]
    [TestCase("GET", "V3/pay/transactions/id/4200000001")]
    [TestCase("GET", "v3/pay/transactions")]
    public void An_undocumented_method_or_path_finds_nothing(string method, string path)
    {
        Assert.That(Catalog.Find(method, path), Is.Null);
    }

    [TestCase("POST", "v2/pay/downloadbill")]
    [TestCase("POST", "v2/pay/downloadfundflow")]
    [TestCase("GET", "v3/billdownload/file?token=6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2wMMR8cNXqaA_Cv_isgaUtBzp4QtiozLO")]
    [TestCase("GET", "v3/global/merchant-service/images/ChsyMDAwMDAwMjAxOTA4MjMxNzU4NTcyMzQzMDA")]
    [TestCase("GET", "v3/global/statements")]
    [TestCase("GET", "v3/merchant-service/images/ChsyMDAwMDAwMjAxOTA4MjMxNzU4NTcyMzQzMDA%3D")]
    [TestCase("GET", "v3/new-tax-control-fapiao/download")]
    [TestCase("GET", "v3/statements")]
    [TestCase("GET", "v3/transferdownload/elecvoucherfile")]
    [TestCase("GET", "v3/transferdownload/signfile")]
    public void A_download_operation_is_flagged(string method, string path)
    {
        Assert.That(Catalog.Find(method, path)?.Download, Is.True);
    }

    [Test]
    public void Exactly_the_ten_download_operations_are_flagged()
    {
        Assert.That(Catalog.Operations.Count(o => o.Download), Is.EqualTo(10));
        Assert.That(Catalog.Find("GET", "v3/bill/tradebill")?.Download, Is.False, "returns a download URL, not a file");
    }

    [Test]
    public void Find_rejects_null_arguments()
    {
        Assert.That(() => Catalog.Find(null!, "v3/statements"), Throws.ArgumentNullException);
        Assert.That(() => Catalog.Find("GET", null!), Throws.ArgumentNullException);
    }

    [Test]
    public void Find_walks_one_trie_branch_per_segment()
    {
        // Guards the O(path length) shape: a long unknown path dead-ends at its first segment.
        var path = "v9/" + string.Join("/", Enumerable.Repeat("x", 10_000));

        Assert.That(Catalog.Find("GET", path), Is.Null);
        Assert.That(Catalog.Find("GET", "v3/pay/transactions/id/" + new string('9', 100_000)), Is.Not.Null);
    }

    [TestCase("POST", "v3/papay/sign/contracts/pre-entrust-sign")]
    [TestCase("GET", "/v3/papay/sign/contracts/plan-id/12535/out-contract-code/wx1234?x=1")]
    [TestCase("POST", "v3/marketing/partner/delivery-plan/delivery-plans/notify-url")]
    [TestCase("GET", "v3/no/such/path")]
    public void Find_allocates_nothing_for_an_unescaped_path(string method, string path)
    {
        Catalog.Find(method, path);
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 100; i++) Catalog.Find(method, path);

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
