#if !NETSTANDARD2_0
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WeChatPay.Chain.Telemetry;

/// <summary>
/// The one activity source and the one meter of <see cref="WeChatPayTelemetry.Name"/>, and every instrument on it: the
/// exchanges (<see cref="Http.CallObserver"/>) and the platform keys used (<see cref="Diagnostics.MigrationCounters"/>).
/// </summary>
internal static class Instruments
{
    private static readonly string? Version = typeof(Instruments).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(WeChatPayTelemetry.Name, Version);

    public static readonly Meter Meter = new(WeChatPayTelemetry.Name, Version);

    public static readonly Counter<long> Requests = Meter.CreateCounter<long>(WeChatPayTelemetry.Requests, "{request}", "Exchanges with WeChat Pay.");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(WeChatPayTelemetry.Duration, "s", "Time of an exchange with WeChat Pay.");

    public static readonly Counter<long> Failures = Meter.CreateCounter<long>(WeChatPayTelemetry.Failures, "{failure}", "Exchanges with WeChat Pay that did not succeed.");

    public static readonly Counter<long> PlatformKeyUses = Meter.CreateCounter<long>(WeChatPayTelemetry.PlatformKeyUses, "{use}",
        "Answers and callbacks verified, and requests that named a platform key in Wechatpay-Serial, by kind of key (certificate or public_key).");
}
#endif
