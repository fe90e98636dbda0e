using System;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.X509;

namespace WeChatPay.Chain.Crypto;

/// <summary>An SM2 public key (国密 WeChat Pay platform key or certificate): verifies SM2-with-SM3 signatures, encrypts sensitive fields with SM2.</summary>
/// <remarks>
/// Parsed and checked once (a finite point on the SM2 curve); no call re-reads anything. BouncyCastle on every target
/// (.NET has no SM2). Thread-safe: each call builds its own signer or engine around the immutable key.
/// Signatures use the distinguishing ID <c>1234567812345678</c> and are base64 of DER <c>SEQUENCE { r, s }</c>.
/// Ciphertexts are base64 of the C1C3C2 DER form (see <see cref="Sm2Support"/>). There is no size limit on what
/// <see cref="Encrypt"/> takes, as SM2 has no block size: the ciphertext is the plaintext's length plus about
/// 110 bytes. The empty text is refused (SM2 is not defined for it).
/// </remarks>
internal sealed class Sm2PublicKey : VerifyingKey
{
    // A DER SEQUENCE { r, s } of two 256-bit numbers is at most 72 bytes; base64 of anything longer is not a signature.
    private const int MaxSignatureBase64 = 96;

    private readonly ECPublicKeyParameters _key;

    /// <summary>Wraps a point already checked to be a finite point of the SM2 curve, with the certificate it came from, if any.</summary>
    internal Sm2PublicKey(ECPoint point, X509Certificate? certificate)
    {
        _key = new ECPublicKeyParameters(point.Normalize(), Sm2Support.Domain);
        if (certificate is not null)
        {
            CertificateSerial = certificate.SerialNumber.ToString(16).ToUpperInvariant();
            NotBefore = AsUtc(certificate.NotBefore);
            NotAfter = AsUtc(certificate.NotAfter);
        }
    }

    /// <inheritdoc />
    public override Scheme Scheme => Scheme.Sm;

    /// <inheritdoc />
    public override string? CertificateSerial { get; }

    /// <inheritdoc />
    public override DateTimeOffset? NotBefore { get; }

    /// <inheritdoc />
    public override DateTimeOffset? NotAfter { get; }

    /// <summary>The key's point, uncompressed (<c>04‖x‖y</c>, 65 bytes): public, not secret.</summary>
    internal byte[] EncodedPoint => _key.Q.GetEncoded(false);

    /// <summary>Loads an SM2 public key from PEM text or the path of a PEM file.</summary>
    /// <param name="textOrPath">SPKI (<c>PUBLIC KEY</c>) or X.509 (<c>CERTIFICATE</c>) PEM text of a key on the SM2 curve,
    /// or the path of such a file. Text is taken as PEM when it contains <c>-----BEGIN</c>.</param>
    /// <param name="optionName">The configuration option the value came from; named in every error.</param>
    /// <exception cref="ArgumentException">The value is not a usable SM2 public key; <see cref="ArgumentException.ParamName"/>
    /// is <paramref name="optionName"/> and the message says what to fix, without echoing key material.</exception>
    public static Sm2PublicKey Load(string textOrPath, string optionName)
    {
        if (optionName is null) throw new ArgumentNullException(nameof(optionName));
        string pem = PemKeyReader.ReadPublicKeyText(textOrPath, optionName);
        ECPublicKeyParameters? sm2 = PemKeyReader.ReadAnyPublicKey(pem, optionName, acceptSm2: true, out X509Certificate? certificate, out _);
        return sm2 is null ? throw PemKeyReader.NotSm2(optionName, "an RSA key") : new Sm2PublicKey(sm2.Q, certificate);
    }

    /// <summary>Verifies a base64 SM2-with-SM3 signature (ID <c>1234567812345678</c>, DER <c>SEQUENCE { r, s }</c>) over <paramref name="message"/>.</summary>
    /// <returns>True only for a valid signature. False, never an exception, for a null, empty or non-base64 signature,
    /// one that is not strict DER or has bytes after it, r or s out of range, a signature made with another ID or key,
    /// and WeChat Pay's <c>WECHATPAY/SIGNTEST/</c> probe.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public override bool Verify(byte[] message, string? signatureBase64)
    {
        if (message is null) throw new ArgumentNullException(nameof(message));
        if (string.IsNullOrEmpty(signatureBase64) || signatureBase64!.Length > MaxSignatureBase64
            || signatureBase64.StartsWith(SignTestPrefix, StringComparison.Ordinal))
        {
            return false;
        }
        byte[]? signature = RsaSupport.TryDecodeBase64(signatureBase64);
        if (signature is null || signature.Length < 8 || signature[0] != 0x30)
        {
            return false;
        }
        try
        {
            var verifier = Sm2Support.CreateSigner();
            verifier.Init(false, new ParametersWithID(_key, Sm2Support.IdBytes()));
            verifier.BlockUpdate(message, 0, message.Length);
            return verifier.VerifySignature(signature);
        }
        catch (Exception ex) when (!(ex is OutOfMemoryException))
        {
            // BouncyCastle refuses a malformed signature by throwing: that is a signature that does not verify.
            return false;
        }
    }

    /// <summary>Encrypts <paramref name="plaintext"/> (UTF-8) with SM2 (C1C3C2, SM3) and returns base64 of the DER form WeChat Pay uses.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="plaintext"/> is null.</exception>
    /// <exception cref="ArgumentException">The plaintext is empty or is not valid Unicode. The message never holds the plaintext.</exception>
    public override string Encrypt(string plaintext)
    {
        if (plaintext is null) throw new ArgumentNullException(nameof(plaintext));
        byte[] bytes;
        try
        {
            bytes = RsaSupport.StrictUtf8.GetBytes(plaintext);
        }
        catch (EncoderFallbackException)
        {
            throw new ArgumentException("The plaintext is not valid Unicode text (it holds a lone surrogate).", nameof(plaintext));
        }
        if (bytes.Length == 0)
        {
            throw new ArgumentException("The plaintext is empty: SM2 encryption is not defined for an empty text.", nameof(plaintext));
        }
        try
        {
            var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
            engine.Init(true, new ParametersWithRandom(_key, RsaSupport.Random));
            return Convert.ToBase64String(Sm2Support.ToDer(engine.ProcessBlock(bytes, 0, bytes.Length)));
        }
        finally
        {
            Array.Clear(bytes, 0, bytes.Length);
        }
    }

    /// <summary>
    /// True when <paramref name="value"/> is base64 of the DER form <see cref="Encrypt"/> returns: a SEQUENCE of a point on
    /// the SM2 curve, a 32-byte hash and a non-empty ciphertext, strictly DER, nothing after it. Text a person typed
    /// (a name, a number) never has that shape.
    /// </summary>
    public override bool IsCiphertext(string value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < 60)
        {
            return false; // the smallest such DER is 45 bytes
        }
        byte[]? bytes = RsaSupport.TryDecodeBase64(value);
        return bytes is not null && Sm2Support.TryFromDer(bytes) is not null;
    }

    /// <summary>True when <paramref name="other"/> is an SM2 key with the same point.</summary>
    public override bool SameKeyAs(VerifyingKey other)
    {
        if (other is null) throw new ArgumentNullException(nameof(other));
        return ReferenceEquals(this, other) || (other is Sm2PublicKey sm2 && _key.Q.Equals(sm2._key.Q));
    }

    /// <summary>Describes the key without any key material.</summary>
    public override string ToString() => CertificateSerial is null ? "SM2 public key" : $"SM2 certificate {CertificateSerial}";

    private static DateTimeOffset AsUtc(DateTime value) =>
        new DateTimeOffset(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);
}
