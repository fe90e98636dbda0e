using System;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// A public key, of either scheme (a WeChat Pay platform certificate or public key, or the merchant key's public half):
/// verifies signatures and encrypts sensitive fields. Loaded once; thread-safe.
/// </summary>
internal abstract class VerifyingKey
{
    /// <summary>The prefix of WeChat Pay's deliberate signature probe; such a signature never verifies.</summary>
    internal const string SignTestPrefix = "WECHATPAY/SIGNTEST/";

    /// <summary>The scheme this key belongs to.</summary>
    public abstract Scheme Scheme { get; }

    /// <summary>Upper-case hex serial number (no leading zeros) when loaded from a certificate, else null.</summary>
    public abstract string? CertificateSerial { get; }

    /// <summary>Start of the certificate's validity (UTC) when loaded from a certificate, else null.</summary>
    public abstract DateTimeOffset? NotBefore { get; }

    /// <summary>End of the certificate's validity (UTC) when loaded from a certificate, else null.</summary>
    public abstract DateTimeOffset? NotAfter { get; }

    /// <summary>Verifies a base64 signature over <paramref name="message"/>.</summary>
    /// <returns>True only for a valid signature; false, never an exception, for anything else (the <c>WECHATPAY/SIGNTEST/</c> probe included).</returns>
    public abstract bool Verify(byte[] message, string? signatureBase64);

    /// <summary>Encrypts <paramref name="plaintext"/> (UTF-8) as the scheme documents for sensitive fields; returns base64.</summary>
    /// <exception cref="ArgumentException">The plaintext cannot be encrypted with this key (too long, not valid Unicode); the message holds sizes only.</exception>
    public abstract string Encrypt(string plaintext);

    /// <summary>True when <paramref name="value"/> has the shape of what <see cref="Encrypt"/> returns, which no plaintext it takes has.</summary>
    public abstract bool IsCiphertext(string value);

    /// <summary>True when <paramref name="other"/> is the same public key.</summary>
    public abstract bool SameKeyAs(VerifyingKey other);
}
