using System;
using Org.BouncyCastle.Crypto.Digests;

namespace WeChatPay.Chain.Crypto;

/// <summary>The SM3 digest (GB/T 32905), a 32-byte hash, as 国密 <c>WECHATPAY2-SM2-WITH-SM3</c> uses it.</summary>
/// <remarks>BouncyCastle's <see cref="SM3Digest"/>; .NET has no SM3. Thread-safe: each call uses its own digest.</remarks>
internal static class Sm3
{
    /// <summary>Length of an SM3 digest in bytes.</summary>
    internal const int DigestBytes = 32;

    /// <summary>The SM3 digest of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public static byte[] Hash(byte[] data)
    {
        if (data is null) throw new ArgumentNullException(nameof(data));
        var digest = new SM3Digest();
        digest.BlockUpdate(data, 0, data.Length);
        byte[] result = new byte[DigestBytes];
        digest.DoFinal(result, 0);
        return result;
    }
}
