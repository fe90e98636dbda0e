using System.Globalization;
using System.Text;

namespace WeChatPay.Chain;

/// <summary>
/// How far this client's move from platform certificates to the WeChat Pay public key has got, counted since it started
/// (<see cref="WeChatPayClient.Migration"/>): which kind of key verified each answer and each callback, which kind each
/// request named in <c>Wechatpay-Serial</c>, how often certificates were downloaded, and the step still missing.
/// </summary>
public sealed class WeChatPayMigrationSnapshot
{
    internal WeChatPayMigrationSnapshot(WeChatPayKeyUse answers, WeChatPayKeyUse callbacks, WeChatPayKeyUse requests, long certificateDownloads, string? nextStep)
    {
        Answers = answers;
        Callbacks = callbacks;
        Requests = requests;
        CertificateDownloads = certificateDownloads;
        NextStep = nextStep;
    }

    /// <summary>The answers verified, by the kind of key that signed them.</summary>
    public WeChatPayKeyUse Answers { get; }

    /// <summary>The callbacks verified, by the kind of key that signed them.</summary>
    public WeChatPayKeyUse Callbacks { get; }

    /// <summary>The requests that named a platform key in <c>Wechatpay-Serial</c> (those with encrypted fields, and those that set the header themselves), by its kind.</summary>
    public WeChatPayKeyUse Requests { get; }

    /// <summary>How many times the client downloaded the platform certificates (<c>GET v3/certificates</c>) to refresh them.</summary>
    public long CertificateDownloads { get; }

    /// <summary>What is still to do to use the public key alone, as one sentence; null when nothing is (the configuration holds public keys only and nothing used a certificate).</summary>
    public string? NextStep { get; }

    /// <summary>Whether the migration is complete: nothing used a certificate and the configuration holds public keys only.</summary>
    public bool Complete => NextStep is null;

    /// <summary>
    /// One line per use, then the step still missing: <c>99.2% of answers verified with the public key since start (124 of 125)</c>.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Line("answers verified", Answers)).Append('\n');
        text.Append(Line("callbacks verified", Callbacks)).Append('\n');
        text.Append(Line("requests that named a key in Wechatpay-Serial", Requests)).Append('\n');
        text.Append("certificate downloads since start: ").Append(CertificateDownloads.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append(NextStep is null ? "complete: the public key alone is configured and used" : "still to do: " + NextStep);
        return text.ToString();
    }

    private static string Line(string what, WeChatPayKeyUse use) => use.PublicKeyShare is { } share
        ? $"{WeChatPayKeyUse.Percent(share)} of {what} with the public key since start ({use.PublicKey.ToString(CultureInfo.InvariantCulture)} of {use.Total.ToString(CultureInfo.InvariantCulture)})"
        : $"no {what} since start";
}
