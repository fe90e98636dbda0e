using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain;

/// <summary>
/// The report of <see cref="WeChatPayClient.DiagnoseAsync(System.Threading.CancellationToken)"/>: every check of the
/// configuration (offline first, then against <see cref="WeChatPayOptions.BaseUrl"/>) with what to do, and the public-key
/// migration report. It holds no key material: ids, sizes, dates and counts only.
/// </summary>
public sealed class WeChatPayDiagnosis
{
    internal WeChatPayDiagnosis(string baseUrl, IReadOnlyList<WeChatPayCheck> checks, WeChatPayMigrationSnapshot? migration)
    {
        BaseUrl = baseUrl;
        Checks = checks;
        Migration = migration;
    }

    /// <summary>The base URL the online checks ran against.</summary>
    public string BaseUrl { get; }

    /// <summary>Every check, in the order it ran.</summary>
    public IReadOnlyList<WeChatPayCheck> Checks { get; }

    /// <summary>The migration report of the client the checks ran with (its counts include the doctor's own call); null when the configuration does not build a client.</summary>
    public WeChatPayMigrationSnapshot? Migration { get; }

    /// <summary>Whether no check failed (warnings allowed): <c>wxpay doctor</c> exits 0 then.</summary>
    public bool Passed => Checks.All(c => c.Outcome != WeChatPayCheckOutcome.Failed);

    /// <summary>The checks that failed.</summary>
    public IReadOnlyList<WeChatPayCheck> Failures => Checks.Where(c => c.Outcome == WeChatPayCheckOutcome.Failed).ToArray();

    /// <summary>The check of that name.</summary>
    /// <exception cref="KeyNotFoundException">No check has that name.</exception>
    public WeChatPayCheck this[string name] =>
        Checks.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal))
            ?? throw new KeyNotFoundException($"No check is named {name}: the checks are {string.Join(", ", Checks.Select(c => c.Name))}.");

    /// <summary>The report as text, one check a line, then the migration report and a verdict.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("WeChat Pay configuration check against ").Append(BaseUrl).Append('\n');
        foreach (var check in Checks) text.Append(check).Append('\n');
        if (Migration is not null)
        {
            text.Append("Public-key migration:\n");
            foreach (var line in Migration.ToString().Split('\n')) text.Append("  ").Append(line).Append('\n');
        }
        var failed = Failures.Count;
        var warned = Checks.Count(c => c.Outcome == WeChatPayCheckOutcome.Warning);
        text.Append(failed == 0 ? "Passed" : $"{failed} check{(failed == 1 ? string.Empty : "s")} failed");
        if (warned > 0) text.Append($", {warned} warning{(warned == 1 ? string.Empty : "s")}");
        return text.Append('.').ToString();
    }

    /// <summary>The report as JSON, for machines: <c>{"base_url","passed","checks":[{"name","outcome","finding","fix"}],"migration":{…}}</c>.</summary>
    public string ToJson()
    {
        var checks = new JArray();
        foreach (var check in Checks)
            checks.Add(new JObject
            {
                ["name"] = check.Name,
                ["outcome"] = check.Outcome.ToString().ToLowerInvariant(),
                ["finding"] = check.Finding,
                ["fix"] = check.Fix,
            });
        var json = new JObject { ["base_url"] = BaseUrl, ["passed"] = Passed, ["checks"] = checks };
        if (Migration is { } m)
            json["migration"] = new JObject
            {
                ["answers"] = Use(m.Answers),
                ["callbacks"] = Use(m.Callbacks),
                ["requests"] = Use(m.Requests),
                ["certificate_downloads"] = m.CertificateDownloads,
                ["complete"] = m.Complete,
                ["next_step"] = m.NextStep,
            };
        return json.ToString(Formatting.Indented);
    }

    private static JObject Use(WeChatPayKeyUse use) => new()
    {
        ["certificate"] = use.Certificate,
        ["public_key"] = use.PublicKey,
        ["public_key_share"] = use.PublicKeyShare,
    };
}
