namespace WeChatPay.Chain;

/// <summary>One check of a <see cref="WeChatPayDiagnosis"/>: what was checked, how it ended, what was found, and what to do. It never holds key material.</summary>
public sealed class WeChatPayCheck
{
    internal WeChatPayCheck(string name, WeChatPayCheckOutcome outcome, string finding, string? fix = null)
    {
        Name = name;
        Outcome = outcome;
        Finding = finding;
        Fix = fix;
    }

    /// <summary>The check's stable name, e.g. <c>merchant-key</c>, <c>platform-keys</c>, <c>clock</c> (docs/doctor.md lists them).</summary>
    public string Name { get; }

    /// <summary>How it ended.</summary>
    public WeChatPayCheckOutcome Outcome { get; }

    /// <summary>What was found, as a sentence: <c>RSA-2048 private key (WECHATPAY2-SHA256-RSA2048)</c>.</summary>
    public string Finding { get; }

    /// <summary>What to do, for a check that failed or warns; null otherwise.</summary>
    public string? Fix { get; }

    /// <summary><c>[FAIL] merchant-key: … Fix: …</c>.</summary>
    public override string ToString() =>
        $"[{Label(Outcome)}] {Name}: {Finding}{(Fix is null ? string.Empty : " Fix: " + Fix)}";

    internal static string Label(WeChatPayCheckOutcome outcome) => outcome switch
    {
        WeChatPayCheckOutcome.Passed => "ok",
        WeChatPayCheckOutcome.Warning => "warn",
        WeChatPayCheckOutcome.Failed => "FAIL",
        _ => "skip",
    };
}
