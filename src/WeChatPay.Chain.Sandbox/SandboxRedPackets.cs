using System;
using System.Collections.Generic;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// The red packets that answered <c>SYSTEMERROR</c> and await their retry. WeChat Pay's rule: a <c>SYSTEMERROR</c> is
/// retried with the same <c>mch_billno</c>; the sandbox answers that retry SUCCESS, and refuses the same packet (the same
/// recipient, app, amount and count) sent under another <c>mch_billno</c> while one is pending, which would pay twice.
/// </summary>
internal sealed class SandboxRedPackets
{
    /// <summary>The most pending packets kept; older ones are forgotten first.</summary>
    public const int Capacity = 10_000;

    private readonly object _gate = new();
    private readonly Dictionary<string, string> _pending = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>What a red packet request is, given the pending ones.</summary>
    public enum Verdict
    {
        /// <summary>A packet not seen failing.</summary>
        New,

        /// <summary>The retry of a pending packet, with its <c>mch_billno</c>: no longer pending.</summary>
        Retry,

        /// <summary>A pending packet sent again under another <c>mch_billno</c>.</summary>
        ChangedNumber,
    }

    /// <summary>Whether <paramref name="path"/> (without <c>v2/</c>) sends a red packet keyed by <c>mch_billno</c>.</summary>
    public static bool Sends(string path) => path.StartsWith("mmpaymkttransfers/send", StringComparison.Ordinal);

    /// <summary>What identifies the packet apart from its business number.</summary>
    public static string Fingerprint(IReadOnlyDictionary<string, string> fields) =>
        string.Join("\n", Get(fields, "wxappid"), Get(fields, "re_openid"), Get(fields, "total_amount"), Get(fields, "total_num"), Get(fields, "send_name"));

    /// <summary>Remembers a packet that answered <c>SYSTEMERROR</c>.</summary>
    public void Failed(string billNumber, string fingerprint)
    {
        lock (_gate)
        {
            if (!_pending.TryAdd(billNumber, fingerprint)) return;
            _order.Enqueue(billNumber);
            while (_order.Count > Capacity) _pending.Remove(_order.Dequeue());
        }
    }

    /// <summary>Judges a packet against the pending ones (a retry with its number is taken off the list).</summary>
    public Verdict Judge(string billNumber, string fingerprint)
    {
        lock (_gate)
        {
            if (_pending.Remove(billNumber)) return Verdict.Retry;
            return _pending.ContainsValue(fingerprint) ? Verdict.ChangedNumber : Verdict.New;
        }
    }

    private static string Get(IReadOnlyDictionary<string, string> fields, string name) => fields.TryGetValue(name, out var value) ? value : string.Empty;
}
