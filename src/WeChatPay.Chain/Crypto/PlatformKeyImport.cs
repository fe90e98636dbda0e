#if !NETSTANDARD2_0
using System;
using System.Security.Cryptography;
using Numbers = System.Numerics.BigInteger;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// The fast way in for the common keys on net8.0+: an unencrypted PKCS#8 or PKCS#1 private key and an SPKI or PKCS#1
/// public key, read by <see cref="PemEncoding"/> and imported by System.Security.Cryptography, with the same checks the
/// BouncyCastle reader makes (size, and for a private key that its numbers fit together). BouncyCastle is not loaded.
/// </summary>
/// <remarks>
/// Anything else — another label first, an encrypted or legacy key, a block .NET will not import, a key that fails a
/// check — returns null, and the caller reads the text with <see cref="PemKeyReader"/>, which accepts the rest and
/// words every error. So this path changes how fast a good key loads, never which keys load or what an error says.
/// </remarks>
internal static class PlatformKeyImport
{
    private const string Begin = "-----BEGIN ";

    /// <summary>The platform key for the first private key block of <paramref name="pem"/>, or null (see the remarks).</summary>
    public static RSA? TryPrivateKey(string pem)
    {
        if (!TryFirstKeyBlock(pem, isPrivate: true, out string label, out byte[] der)) return null;
        var rsa = RSA.Create();
        try
        {
            int read;
            if (label == "PRIVATE KEY") rsa.ImportPkcs8PrivateKey(der, out read);
            else rsa.ImportRSAPrivateKey(der, out read);
            if (read == der.Length && IsSound(rsa)) return Keep(ref rsa);
        }
        catch (CryptographicException)
        {
            // not a key .NET imports (another algorithm, damage): the BouncyCastle reader says which
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
            rsa?.Dispose();
        }
        return null;
    }

    /// <summary>The platform key for the first public key block of <paramref name="pem"/>, or null; certificates are left to the BouncyCastle reader, which reads their serial and validity.</summary>
    public static RSA? TryPublicKey(string pem)
    {
        if (!TryFirstKeyBlock(pem, isPrivate: false, out string label, out byte[] der)) return null;
        var rsa = RSA.Create();
        try
        {
            int read;
            if (label == "PUBLIC KEY") rsa.ImportSubjectPublicKeyInfo(der, out read);
            else rsa.ImportRSAPublicKey(der, out read);
            if (read == der.Length && IsSound(rsa.ExportParameters(false))) return Keep(ref rsa);
        }
        catch (CryptographicException)
        {
            // the BouncyCastle reader words the failure
        }
        finally
        {
            rsa?.Dispose();
        }
        return null;
    }

    private static RSA Keep(ref RSA? rsa)
    {
        RSA kept = rsa!;
        rsa = null;
        return kept;
    }

    // The first block with a key label decides, as in PemKeyReader; it must be the first "-----BEGIN" at or after
    // the blocks skipped, so that a block PemEncoding passes over as malformed is judged by the full reader.
    private static bool TryFirstKeyBlock(string pem, bool isPrivate, out string label, out byte[] der)
    {
        label = string.Empty;
        der = Array.Empty<byte>();
        ReadOnlySpan<char> rest = pem;
        while (true)
        {
            int begin = rest.IndexOf(Begin.AsSpan(), StringComparison.Ordinal);
            if (begin < 0 || !PemEncoding.TryFind(rest, out PemFields fields) || fields.Location.Start.Value != begin) return false;
            ReadOnlySpan<char> found = rest[fields.Label];
            bool privateLabel = found.SequenceEqual("PRIVATE KEY") || found.SequenceEqual("RSA PRIVATE KEY");
            bool publicLabel = found.SequenceEqual("PUBLIC KEY") || found.SequenceEqual("RSA PUBLIC KEY");
            if (isPrivate ? privateLabel : publicLabel)
            {
                label = found.ToString();
                der = new byte[fields.DecodedDataLength];
                return Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out int written) && written == der.Length;
            }
            // Blocks of the other kind are passed over (a certificate before a private key); anything else is the full reader's.
            bool otherKind = isPrivate ? publicLabel || found.SequenceEqual("CERTIFICATE") : privateLabel;
            if (!otherKind) return false;
            rest = rest[fields.Location.End..];
        }
    }

    // The private key's numbers, checked as PemKeyReader checks BouncyCastle's: n = pq, d·e ≡ 1 (mod p−1, q−1), the CRT
    // values. OpenSSL (Linux) refuses such a key on import already; other platforms' imports are not documented to.
    private static bool IsSound(RSA rsa)
    {
        RSAParameters p = rsa.ExportParameters(true);
        try
        {
            if (!IsSound(p)) return false;
            Numbers n = Unsigned(p.Modulus), e = Unsigned(p.Exponent), d = Unsigned(p.D);
            Numbers prime1 = Unsigned(p.P), prime2 = Unsigned(p.Q);
            if (prime1.Sign <= 0 || prime2.Sign <= 0 || prime1 * prime2 != n) return false;
            Numbers p1 = prime1 - 1, q1 = prime2 - 1;
            return (e * d % p1).IsOne && (e * d % q1).IsOne
                && Unsigned(p.DP) == d % p1
                && Unsigned(p.DQ) == d % q1
                && (Unsigned(p.InverseQ) * prime2 % prime1).IsOne;
        }
        finally
        {
            Clear(p.D);
            Clear(p.P);
            Clear(p.Q);
            Clear(p.DP);
            Clear(p.DQ);
            Clear(p.InverseQ);
        }
    }

    // Size within what the client accepts, an odd modulus and an odd exponent greater than one.
    private static bool IsSound(RSAParameters p)
    {
        if (p.Modulus is null || p.Exponent is null) return false;
        int bits = RsaSupport.BitLength(p.Modulus);
        return bits >= PemKeyReader.MinimumKeyBits && bits <= PemKeyReader.MaximumKeyBits
            && (p.Modulus[p.Modulus.Length - 1] & 1) == 1
            && (p.Exponent[p.Exponent.Length - 1] & 1) == 1
            && Unsigned(p.Exponent) > 1;
    }

    private static Numbers Unsigned(byte[]? bytes) => bytes is null ? Numbers.Zero : new Numbers(bytes, isUnsigned: true, isBigEndian: true);

    private static void Clear(byte[]? secret)
    {
        if (secret is not null) CryptographicOperations.ZeroMemory(secret);
    }
}
#endif
