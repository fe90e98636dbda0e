using System;
using System.Collections.Generic;
using System.Linq;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.CatalogGenerator;

/// <summary>
/// What a caller gives of a documented request: the catalog's required flags, less what the client fills in and less either-or
/// identifiers. One rule for the generated request types (ModelWriter) and the analyzer's data (AnalyzerDataWriter), so that a
/// request type never demands what the analyzer calls optional, or the reverse.
/// </summary>
internal static class CallerFields
{
    // An APIv2 request's nonce and sign are the client's: it adds nonce_str (unless given) and always computes sign.
    private static readonly string[] FilledByTheClient = { "nonce_str", "sign" };

    // Identifiers the pages mark required side by side where either one names the order (or refund): one of them suffices.
    private static readonly string[][] Alternatives = { new[] { "transaction_id", "out_trade_no" }, new[] { "refund_id", "out_refund_no" } };

    /// <summary>Whether a caller must give <paramref name="field"/>, one of <paramref name="siblings"/>.</summary>
    /// <param name="field">The field.</param>
    /// <param name="siblings">The fields of the same object (the body's or the query's top level, or a nested object's).</param>
    /// <param name="v2TopLevel">Whether these are the top-level fields of an APIv2 request (its XML body or its query).</param>
    public static bool Required(CatalogField field, IReadOnlyList<CatalogField> siblings, bool v2TopLevel) =>
        field.Required
        && !(v2TopLevel && FilledByTheClient.Contains(field.Name, StringComparer.Ordinal))
        && !Alternatives.Any(pair => pair.Contains(field.Name, StringComparer.Ordinal) && pair.All(name => siblings.Any(f => f.Name == name && f.Required)));

    /// <summary>Whether the client computes <paramref name="field"/> itself and refuses a caller's: an APIv2 request's <c>sign</c>.</summary>
    public static bool ComputedByTheClient(CatalogField field, bool v2TopLevel) => v2TopLevel && field.Name == "sign";

    /// <summary>Whether <paramref name="operation"/> is an APIv2 one.</summary>
    public static bool IsV2(CatalogOperation operation) => operation.Path.StartsWith("v2/", StringComparison.Ordinal);
}
