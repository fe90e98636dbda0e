namespace WeChatPay.Chain.Crypto;

/// <summary>Comparison whose time does not depend on where two byte strings differ (for authenticators).</summary>
internal static class FixedTime
{
    /// <summary>Whether <paramref name="left"/> and <paramref name="right"/> hold the same bytes; the time depends on their length only.</summary>
    public static bool Equals(byte[] left, byte[] right)
    {
        if (left.Length != right.Length) return false;
        var difference = 0;
        for (var i = 0; i < left.Length; i++) difference |= left[i] ^ right[i];
        return difference == 0;
    }
}
