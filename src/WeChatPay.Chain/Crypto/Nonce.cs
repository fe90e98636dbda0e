using System;
using System.Security.Cryptography;

namespace WeChatPay.Chain.Crypto;

/// <summary>Creates the 32-character <c>[0-9A-Za-z]</c> nonces that request signatures carry.</summary>
internal static class Nonce
{
    /// <summary>The length of every nonce.</summary>
    internal const int Length = 32;

    /// <summary>The nonce alphabet, 62 symbols.</summary>
    internal const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // 248 = 4 * 62: a random byte below it maps to each symbol with probability 4/248 exactly; bytes from
    // 248 to 255 are rejected (rejection sampling), so there is no modulo bias.
    private const int AcceptBelow = 248;

    // 48 bytes: ~97% of draws need a single fill (32 accepted out of 48 at p = 248/256).
    private const int BufferLength = 48;

#if NETSTANDARD2_0
    private static readonly RandomNumberGenerator Rng = RandomNumberGenerator.Create();
#endif

    /// <summary>Returns a new nonce: 32 characters of <c>[0-9A-Za-z]</c> from a CSPRNG, without modulo bias.</summary>
    public static string Create()
    {
#if NETSTANDARD2_0
        char[] chars = new char[Length];
        byte[] random = new byte[BufferLength];
        int filled = 0;
        while (filled < Length)
        {
            Rng.GetBytes(random);
            for (int i = 0; i < random.Length && filled < Length; i++)
            {
                byte b = random[i];
                if (b < AcceptBelow)
                {
                    chars[filled++] = Alphabet[b % Alphabet.Length];
                }
            }
        }
        return new string(chars);
#else
        return string.Create(Length, 0, static (chars, _) =>
        {
            Span<byte> random = stackalloc byte[BufferLength];
            int filled = 0;
            while (filled < chars.Length)
            {
                RandomNumberGenerator.Fill(random);
                for (int i = 0; i < random.Length && filled < chars.Length; i++)
                {
                    byte b = random[i];
                    if (b < AcceptBelow)
                    {
                        chars[filled++] = Alphabet[b % Alphabet.Length];
                    }
                }
            }
        });
#endif
    }
}
