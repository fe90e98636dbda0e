using System;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Security;
#if !NETSTANDARD2_0
using System.Security.Cryptography;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Utilities;
#endif

namespace WeChatPay.Chain.Crypto;

/// <summary>Shared pieces of <see cref="RsaPrivateKey"/> and <see cref="RsaPublicKey"/>.</summary>
internal static class RsaSupport
{
    /// <summary>Bytes of overhead of RSA-OAEP with SHA-1: 2 × 20 + 2.</summary>
    internal const int OaepSha1Overhead = 2 * 20 + 2;

    /// <summary>Largest modulus (in bytes) whose buffers go on the stack.</summary>
    internal const int StackLimit = 1024;

    /// <summary>
    /// Randomness for BouncyCastle's blinding and OAEP padding. Thread-safe: it draws from the platform CSPRNG
    /// (<c>RandomNumberGenerator</c>) and holds no state of its own. Created on first use, so that the platform path
    /// never loads BouncyCastle through this class.
    /// </summary>
    internal static SecureRandom Random => BouncyCastleRandom.Instance;

    /// <summary>UTF-8 that throws on invalid input instead of substituting U+FFFD.</summary>
    internal static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Size of the modulus in bytes (the length of every signature and ciphertext).</summary>
    internal static int ModulusBytes(RsaKeyParameters key) => (key.Modulus.BitLength + 7) / 8;

    /// <summary>An unsigned big-endian number without leading zero bytes (the same array when it has none).</summary>
    internal static byte[] Minimal(byte[] value)
    {
        int start = 0;
        while (start < value.Length - 1 && value[start] == 0) start++;
        if (start == 0) return value;
        var trimmed = new byte[value.Length - start];
        Array.Copy(value, start, trimmed, 0, trimmed.Length);
        return trimmed;
    }

    /// <summary>The bit length of an unsigned big-endian number.</summary>
    internal static int BitLength(byte[] value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            int b = value[i];
            if (b == 0) continue;
            int bits = 0;
            while (b != 0)
            {
                bits++;
                b >>= 1;
            }
            return (value.Length - i - 1) * 8 + bits;
        }
        return 0;
    }

    /// <summary>Decodes base64, or returns null when it is not base64.</summary>
    internal static byte[]? TryDecodeBase64(string value)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }

#if !NETSTANDARD2_0
    /// <summary>
    /// Creates the platform RSA object for a key, once. Returns null when the platform refuses the numbers (for
    /// example primes of unequal length on Windows); the caller then keeps using BouncyCastle for that key.
    /// </summary>
    /// <remarks>
    /// The instance is shared by all callers of its key. This relies on .NET's RSA implementations (RSABCrypt on
    /// Windows, RSAOpenSsl on Linux, the Security-framework one on macOS) holding an immutable native key after the
    /// import and creating per-operation native contexts, so that concurrent SignData/VerifyData/Encrypt/Decrypt on
    /// one instance are safe as long as no key is re-imported into it (nothing does: the instance never leaves its
    /// owner). That is how .NET behaves and what much code relies on, but it is not a documented contract
    /// (see dotnet/corefx#9708); ThreadSafetyTests checks it on every run.
    /// </remarks>
    internal static RSA? TryCreatePlatformKey(RsaPrivateCrtKeyParameters key)
    {
        int size = ModulusBytes(key);
        int half = (size + 1) / 2;
        var parameters = new RSAParameters
        {
            Modulus = BigIntegers.AsUnsignedByteArray(size, key.Modulus),
            Exponent = BigIntegers.AsUnsignedByteArray(key.PublicExponent),
            D = BigIntegers.AsUnsignedByteArray(size, key.Exponent),
            P = AsUnsigned(half, key.P),
            Q = AsUnsigned(half, key.Q),
            DP = AsUnsigned(half, key.DP),
            DQ = AsUnsigned(half, key.DQ),
            InverseQ = AsUnsigned(half, key.QInv),
        };
        try
        {
            return parameters.P is null || parameters.Q is null || parameters.DP is null || parameters.DQ is null || parameters.InverseQ is null
                ? null
                : TryImport(parameters);
        }
        finally
        {
            Clear(parameters.D);
            Clear(parameters.P);
            Clear(parameters.Q);
            Clear(parameters.DP);
            Clear(parameters.DQ);
            Clear(parameters.InverseQ);
        }
    }

    /// <summary>A platform public key from its modulus and public exponent (unsigned big-endian), or null where the platform refuses it.</summary>
    internal static RSA? TryCreatePlatformKey(byte[] modulus, byte[] exponent) =>
        TryImport(new RSAParameters { Modulus = modulus, Exponent = exponent });

    private static RSA? TryImport(RSAParameters parameters)
    {
        RSA? rsa = null;
        try
        {
            rsa = RSA.Create();
            rsa.ImportParameters(parameters);
            return rsa;
        }
        catch (CryptographicException)
        {
            rsa?.Dispose();
            return null;
        }
    }

    private static byte[]? AsUnsigned(int length, BigInteger value) =>
        (value.BitLength + 7) / 8 > length ? null : BigIntegers.AsUnsignedByteArray(length, value);

    private static void Clear(byte[]? secret)
    {
        if (secret is not null)
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
#endif
}

/// <summary>Holds <see cref="RsaSupport.Random"/>, so that it is created only when a BouncyCastle path asks for it.</summary>
internal static class BouncyCastleRandom
{
    internal static readonly SecureRandom Instance = new SecureRandom(new CryptoApiRandomGenerator());
}
