using System;
using System.CommandLine;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Cli;

/// <summary><c>wxpay doctor [--json]</c>: the configuration checked item by item and against WeChat Pay (<see cref="WeChatPayClient.DiagnoseAsync(WeChatPayOptions, System.Threading.CancellationToken)"/>).</summary>
internal static class DoctorCommand
{
    /// <summary>The exit code when a check failed (a configuration that cannot be read at all exits 1 too, with one line on standard error).</summary>
    public const int Failed = 1;

    public static Command Create(Func<ParseResult, Func<Task<int>>, Task<int>> run)
    {
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (checks, outcomes, what to do, the migration report)." };
        var doctor = new Command("doctor",
            "Check the configuration: the merchant key, certificate and serial, the platform keys, the APIv3 and APIv2 keys, then one signed call " +
            "(signature accepted, answer verified, which key signed it, the clock), the backup domain, and the public-key migration. Exits 1 when a check fails.");
        doctor.Options.Add(json);
        doctor.SetAction((result, token) => run(result, async () =>
        {
            var options = ConfigurationFlags.Options(result);
            var report = await WeChatPayClient.DiagnoseAsync(options, token).ConfigureAwait(false);
            Console.Out.WriteLine(result.GetValue(json) ? report.ToJson() : report.ToString());
            return report.Passed ? 0 : Failed;
        }));
        return doctor;
    }
}
