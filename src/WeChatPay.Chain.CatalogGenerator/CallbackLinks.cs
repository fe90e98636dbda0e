using System;
using System.Collections.Generic;
using System.Linq;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.CatalogGenerator;

/// <summary>
/// Which callbacks an operation leads to. The catalog does not link operations and webhooks, so this is derived: an operation
/// that documents a notify-URL field (a request field whose name ends in <c>notify_url</c>: <c>notify_url</c>,
/// <c>contract_notify_url</c>, <c>transaction_notify_url</c>, …) leads to the webhooks that <see cref="Table"/> names for the
/// longest path prefix of the operation listed there. A table entry names a webhook (<c>v3/TRANSACTION.SUCCESS</c>) or, ending
/// in '*', every webhook whose name starts with what precedes it (<c>v3/REFUND.*</c>). The table is read from the webhooks' titles
/// and the products' pages; an operation under no listed prefix links no callback.
/// </summary>
internal static class CallbackLinks
{
    /// <summary>The operation path prefix → the webhooks its notify URL receives.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string[]>> Table = new[]
    {
        Entry("v3/pay/transactions", "v3/TRANSACTION.SUCCESS"),
        Entry("v3/pay/partner/transactions", "v3/TRANSACTION.SUCCESS"),
        Entry("v3/combine-transactions", "v3/TRANSACTION.SUCCESS"),
        Entry("v3/transactions", "v3/TRANSACTION.SUCCESS"),
        Entry("v3/global/transactions", "v3/TRANSACTION.SUCCESS"),
        Entry("v3/qrcode/transactions", "v3/TRANSACTION.SUCCESS"),
        Entry("v3/ebike/charge/transactions", "v3/TRANSACTION.SUCCESS"),
        Entry("v3/edu-papay/transactions", "v3/TRANSACTION.SUCCESS"),
        Entry("v3/eduschoolpay/transactions", "v3/TRANSACTION.INDUSTRY_*"),
        Entry("v3/repayment/combine-transactions", "v3/TRANSACTION.PAY_BACK"),
        Entry("v3/vehicle/transactions", "v3/TRANSACTION.SUCCESS", "v3/TRANSACTION.FAIL"),
        Entry("v3/vehicle/parking", "v3/VEHICLE.*"),
        Entry("v3/refund/domestic/refunds", "v3/REFUND.*"),
        Entry("v3/refunds", "v3/REFUND.*"),
        Entry("v3/global/refunds", "v3/REFUND.*"),
        Entry("v3/ecommerce/refunds", "v3/REFUND.*"),
        Entry("v3/papay/pay", "v3/TRANSACTION.SUCCESS"),
        Entry("v3/papay/insurance-pay", "v3/TRANSACTION.SUCCESS"),
        Entry("v3/papay/insurance-sign", "v3/INSURANCE_ENTRUST.*"),
        Entry("v3/papay", "v3/ENTRUST.SIGN", "v3/ENTRUST.TERMINATE"),
        Entry("v3/ecommerce/combine-papay", "v3/ECOMMERCE_ENTRUST.*"),
        Entry("v3/global/papay", "v3/PAPAY.*"),
        Entry("v3/payscore", "v3/PAYSCORE.*"),
        Entry("v3/discount-card", "v3/DISCOUNT_CARD.*"),
        Entry("v3/credit-repayment", "v3/CREDIT_REPAYMENT.*"),
        Entry("v3/fund-app/mch-transfer/partner/charity-budget", "v3/BUDGET.*"),
        Entry("v3/fund-app/mch-transfer", "v3/MCHTRANSFER.*"),
        Entry("v3/ecommerce/mch-transfer", "v3/MCHTRANSFER.*"),
        Entry("v3/platsolution/ecommerce/recharges", "v3/RECHARGE.*"),
        Entry("v3/platsolution/ecommerce/mch-transfer", "v3/MCHTRANSFER.*"),
        Entry("v3/platsolution/insurance/mch-transfer", "v3/MCHTRANSFER.*"),
        Entry("v3/platsolution/mch-transfer", "v3/MCHTRANSFER.*"),
        Entry("v3/transfer/batches", "v3/MCHTRANSFER.BATCH.*"),
        Entry("v3/merchant/fund/withdraw", "v3/MCHWITHDRAW.CHANGE"),
        Entry("v3/ecommerce/fund/withdraw", "v3/MCHWITHDRAW.CHANGE"),
        Entry("v3/hire-power-bank", "v3/HIRE_POWER_BANK.*"),
        Entry("v3/merchant-risk-manage/violation-notifications", "v3/VIOLATION.*"),
        Entry("v3/security/echo", "v3/SECURITY_ECHO.SUCCESS"),
        Entry("v3/abnormal-fund-processing", "v3/ABNORMAL_FUND_PROCESSING.*"),
        Entry("v3/global/merchant/h5/permission", "v3/APPLYMENT_STATE.APPROVED"),
        Entry("v3/marketing/favor/callbacks", "v3/COUPON.*"),
        Entry("v3/marketing/busifavor/callbacks", "v3/COUPON.*"),
        Entry("v3/marketing/membercard-open", "v3/MEMBERCARD.*"),
        Entry("v3/marketing/partner/delivery-plan", "v3/DELIVERY_PLAN.CHANGE"),
        Entry("v3/marketing/partner/product-coupon", "v3/PRODUCT_COUPON_SP.*"),
        Entry("v3/brand/partner/card-member", "v3/BRAND_MEMBER_CARD_SP.*"),
        Entry("v2/pay/unifiedorder", "v2/transaction-success"),
        Entry("v2/pay/combinedorder", "v2/combined-transactions-success"),
        Entry("v2/pay/contractorder", "v2/transaction-success", "v2/pap-contract-state-changed"),
        Entry("v2/pay/pappayapply", "v2/transaction-success"),
        Entry("v2/pay/partner/pappayapply", "v2/transaction-success"),
        Entry("v2/papay", "v2/pap-contract-state-changed"),
        Entry("v2/secapi/pay/refund", "v2/refund-processed"),
        Entry("v2/secapi/pay/refundv2", "v2/refund-processed"),
        Entry("v2/deposit/unifiedorder", "v2/transaction-success"),
        Entry("v2/deposit/refund", "v2/refund-processed"),
        Entry("v2/transit", "v2/transaction-success"),
        Entry("v2/vehicle", "v2/transaction-success", "v2/vehicle-state-changed-for-parking"),
    };

    /// <summary>The callbacks <paramref name="operation"/> leads to, by name; none without a notify-URL field.</summary>
    public static IReadOnlyList<CatalogWebhook> For(CatalogOperation operation, IReadOnlyList<CatalogWebhook> webhooks)
    {
        if (!HasNotifyUrl(operation.Request)) return Array.Empty<CatalogWebhook>();
        var entry = Table.Where(e => operation.Path == e.Key || operation.Path.StartsWith(e.Key + "/", StringComparison.Ordinal))
            .OrderByDescending(e => e.Key.Length).FirstOrDefault();
        if (entry.Value is null) return Array.Empty<CatalogWebhook>();
        return webhooks.Where(hook => entry.Value.Any(target => Matches(target, hook.Name))).OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether a request row, or one inside it, is a notify URL: its name ends in <c>notify_url</c>.</summary>
    public static bool HasNotifyUrl(IReadOnlyList<CatalogField> rows) =>
        rows.Any(row => row.Name.EndsWith("notify_url", StringComparison.Ordinal) || HasNotifyUrl(row.Children));

    private static bool Matches(string target, string name) =>
        target.EndsWith("*", StringComparison.Ordinal) ? name.StartsWith(target.Substring(0, target.Length - 1), StringComparison.Ordinal) : name == target;

    private static KeyValuePair<string, string[]> Entry(string prefix, params string[] webhooks) => new(prefix, webhooks);
}
