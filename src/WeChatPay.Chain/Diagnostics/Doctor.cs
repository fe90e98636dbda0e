using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Diagnostics;

/// <summary>
/// <see cref="WeChatPayClient.DiagnoseAsync(System.Threading.CancellationToken)"/>: the offline checks of the options
/// (<see cref="ConfigurationChecks"/>), then — when they build a client — the online ones (<see cref="ConnectionChecks"/>),
/// then the migration report of that client.
/// </summary>
internal static class Doctor
{
    /// <summary>Checks options that may not build a client; the client it builds for the online checks is disposed after.</summary>
    public static async Task<WeChatPayDiagnosis> RunAsync(WeChatPayOptions options, CancellationToken cancellationToken)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        var checks = new List<WeChatPayCheck>(new ConfigurationChecks(options).Run());
        if (checks.Any(c => c.Outcome == WeChatPayCheckOutcome.Failed))
        {
            checks.Add(new WeChatPayCheck("online", WeChatPayCheckOutcome.Skipped, "not run: the configuration does not build a client until the failures above are fixed."));
            return new WeChatPayDiagnosis(options.BaseUrl, checks, null);
        }
        WeChatPayClient client;
        try
        {
            client = new WeChatPayClient(options);
        }
        catch (ArgumentException e)
        {
            checks.Add(new WeChatPayCheck("configuration", WeChatPayCheckOutcome.Failed, OptionMistake.Finding(e), $"correct WeChatPayOptions.{e.ParamName ?? "(the option named)"}."));
            checks.Add(new WeChatPayCheck("online", WeChatPayCheckOutcome.Skipped, "not run: the configuration does not build a client."));
            return new WeChatPayDiagnosis(options.BaseUrl, checks, null);
        }
        using (client) return await OnlineAsync(client, checks, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks a client's own configuration (as given to it) and its connection; its migration counts are those since it started.</summary>
    public static Task<WeChatPayDiagnosis> RunAsync(WeChatPayClient client, CancellationToken cancellationToken) =>
        OnlineAsync(client, new List<WeChatPayCheck>(new ConfigurationChecks(client.Setup.Options).Run()), cancellationToken);

    private static async Task<WeChatPayDiagnosis> OnlineAsync(WeChatPayClient client, List<WeChatPayCheck> checks, CancellationToken cancellationToken)
    {
        checks.Add(new WeChatPayCheck("configuration", WeChatPayCheckOutcome.Passed, "the options build a client."));
        checks.AddRange(await new ConnectionChecks(client).RunAsync(cancellationToken).ConfigureAwait(false));
        var migration = client.Migration;
        checks.Add(Migration(migration));
        return new WeChatPayDiagnosis(client.BaseUrl, checks, migration);
    }

    private static WeChatPayCheck Migration(WeChatPayMigrationSnapshot migration)
    {
        var answers = migration.Answers.PublicKeyShare is { } share
            ? $"{WeChatPayKeyUse.Percent(share)} of answers verified with the public key since start ({migration.Answers.PublicKey} of {migration.Answers.Total})"
            : "no answer verified since start";
        return migration.Complete
            ? new WeChatPayCheck("migration", WeChatPayCheckOutcome.Passed, answers + "; complete: the public key alone is configured and used.")
            : new WeChatPayCheck("migration", WeChatPayCheckOutcome.Warning, answers + ".", migration.NextStep);
    }
}
