using System;
using System.Globalization;

namespace WeChatPay.Chain;

/// <summary>How many times one use of the platform keys (answers verified, callbacks verified, requests naming a key) went to each kind of key.</summary>
public sealed class WeChatPayKeyUse
{
    internal WeChatPayKeyUse(long certificate, long publicKey)
    {
        Certificate = certificate;
        PublicKey = publicKey;
    }

    /// <summary>How many went to a platform certificate (named by its serial).</summary>
    public long Certificate { get; }

    /// <summary>How many went to the WeChat Pay public key (<c>PUB_KEY_ID_…</c>).</summary>
    public long PublicKey { get; }

    /// <summary>Both kinds together.</summary>
    public long Total => Certificate + PublicKey;

    /// <summary>The share that went to the public key, from 0 to 1; null when there were none.</summary>
    public double? PublicKeyShare => Total == 0 ? null : (double)PublicKey / Total;

    /// <summary><c>99.2% with the public key (124 of 125)</c>, or <c>none yet</c>.</summary>
    public override string ToString() => PublicKeyShare is { } share
        ? $"{Percent(share)} with the public key ({PublicKey.ToString(CultureInfo.InvariantCulture)} of {Total.ToString(CultureInfo.InvariantCulture)})"
        : "none yet";

    /// <summary>A share as a percentage with one decimal when it is not whole: <c>99.2%</c>, <c>100%</c>; never 100% unless it is all.</summary>
    internal static string Percent(double share)
    {
        var percent = Math.Round(share * 100, 1, MidpointRounding.AwayFromZero); // 0.57 * 100 is 56.99999999999999: "57%"
        if (share < 1 && percent > 99.9) percent = 99.9; // 1999 of 2000 is not "100%"
        if (share > 0 && percent < 0.1) percent = 0.1;
        return percent.ToString(percent % 1 == 0 ? "0" : "0.0", CultureInfo.InvariantCulture) + "%";
    }
}
