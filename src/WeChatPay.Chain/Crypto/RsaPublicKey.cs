using System;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.X509;

namespace WeChatPay.Chain.Crypto;

/// <summary>An RSA public key (WeChat Pay platform key or certificate): verifies signatures, encrypts sensitive fields.</summary>
/// <remarks>
/// Parsed once by <see cref="Load"/>; no call re-reads or re-parses anything. Thread-safe: on net8.0+ every call
/// uses one shared platform <see cref="RSA"/> object; on the BouncyCastle path each call builds its own engine
/// around the immutable key numbers.
/// </remarks>
internal sealed class RsaPublicKey : VerifyingKey
{
    private readonly byte[] _modulus;   // unsigned big-endian, no leading zero byte
    private readonly byte[] _exponent;
    private RsaKeyParameters? _key;
    private readonly int _modulusBytes;
#if !NETSTANDARD2_0
    private readonly RSA? _platformKey;
#endif

    // BouncyCastle's parameters are built on first use of its path (they run a 30–40 ms primality test of the modulus),
    // which a platform key never takes. platformKey: an RSA object already holding these numbers, or null.
    private RsaPublicKey(byte[] modulus, byte[] exponent, X509Certificate? certificate, RSA? platformKey)
    {
        _modulus = RsaSupport.Minimal(modulus);
        _exponent = RsaSupport.Minimal(exponent);
        _modulusBytes = _modulus.Length;
        KeySizeInBits = RsaSupport.BitLength(_modulus);
#if !NETSTANDARD2_0
        _platformKey = platformKey;
        if (_platformKey is null && CryptoBackend.UsePlatform)
        {
            _platformKey = RsaSupport.TryCreatePlatformKey(_modulus, _exponent);
        }
#endif
        if (certificate is not null)
        {
            CertificateSerial = certificate.SerialNumber.ToString(16).ToUpperInvariant();
            NotBefore = AsUtc(certificate.NotBefore);
            NotAfter = AsUtc(certificate.NotAfter);
        }
    }

    /// <inheritdoc />
    public override Scheme Scheme => Scheme.Rsa;

    /// <inheritdoc />
    public override string? CertificateSerial { get; }

    /// <inheritdoc />
    public override DateTimeOffset? NotBefore { get; }

    /// <inheritdoc />
    public override DateTimeOffset? NotAfter { get; }

    /// <summary>Size of the key in bits.</summary>
    public int KeySizeInBits { get; }

    // BouncyCastle's form of the key, built on first use.
    private RsaKeyParameters BouncyKey
    {
        get
        {
            var key = System.Threading.Volatile.Read(ref _key);
            if (key is null)
            {
                key = new RsaKeyParameters(false, new Org.BouncyCastle.Math.BigInteger(1, _modulus), new Org.BouncyCastle.Math.BigInteger(1, _exponent));
                System.Threading.Interlocked.CompareExchange(ref _key, key, null);
            }
            return key;
        }
    }

    /// <summary>True when this key runs on System.Security.Cryptography, false when on BouncyCastle.</summary>
    internal bool UsesPlatformCrypto
    {
        get
        {
#if NETSTANDARD2_0
            return false;
#else
            return _platformKey is not null;
#endif
        }
    }

    /// <summary>The most UTF-8 bytes <see cref="Encrypt"/> takes: the modulus size minus 42 (214 for 2048 bits).</summary>
    public int MaxPlaintextBytes => _modulusBytes - RsaSupport.OaepSha1Overhead;

    /// <summary>Loads an RSA public key from PEM text or the path of a PEM file.</summary>
    /// <param name="textOrPath">SPKI (<c>PUBLIC KEY</c>), PKCS#1 (<c>RSA PUBLIC KEY</c>) or X.509 (<c>CERTIFICATE</c>)
    /// PEM text, or the path of such a file. Text is taken as PEM when it contains <c>-----BEGIN</c>.</param>
    /// <param name="optionName">The configuration option the value came from; named in every error.</param>
    /// <exception cref="ArgumentException">The value is not a usable RSA public key; <see cref="ArgumentException.ParamName"/>
    /// is <paramref name="optionName"/> and the message says what to fix, without echoing key material.</exception>
    public static RsaPublicKey Load(string textOrPath, string optionName)
    {
        if (optionName is null) throw new ArgumentNullException(nameof(optionName));
        string pem = PemKeyReader.ReadPublicKeyText(textOrPath, optionName);
        if (TryPlatform(pem) is { } platform)
        {
            return platform;
        }
        var (modulus, exponent) = PemKeyReader.ReadPublicKey(pem, optionName, out X509Certificate? certificate);
        return FromChecked(modulus, exponent, certificate, optionName);
    }

    /// <summary>The key of PEM text that System.Security.Cryptography reads alone (net8.0+, platform backend), or null.</summary>
    internal static RsaPublicKey? TryPlatform(string pem)
    {
#if !NETSTANDARD2_0
        if (CryptoBackend.UsePlatform && PlatformKeyImport.TryPublicKey(pem) is { } platform)
        {
            RSAParameters numbers = platform.ExportParameters(false);
            return new RsaPublicKey(numbers.Modulus!, numbers.Exponent!, null, platform);
        }
#endif
        return null;
    }

    /// <summary>Wraps RSA numbers (and their certificate) that <see cref="PemKeyReader"/> read and checked.</summary>
    /// <exception cref="ArgumentException">BouncyCastle refuses the modulus (ParamName <paramref name="optionName"/>).</exception>
    internal static RsaPublicKey FromChecked(Org.BouncyCastle.Math.BigInteger modulus, Org.BouncyCastle.Math.BigInteger exponent,
        X509Certificate? certificate, string optionName)
    {
        var key = new RsaPublicKey(modulus.ToByteArrayUnsigned(), exponent.ToByteArrayUnsigned(), certificate, null);
        if (!key.UsesPlatformCrypto)
        {
            // The BouncyCastle path builds its parameters now, so that a modulus it refuses is a load error, not a failed call.
            try
            {
                _ = key.BouncyKey;
            }
            catch (ArgumentException)
            {
                throw PemKeyReader.Damaged(optionName);
            }
        }
        return key;
    }

    /// <summary>The public half of a parsed and checked private key (<see cref="RsaPrivateKey.PublicKey"/>).</summary>
    internal static RsaPublicKey FromPrivate(byte[] modulus, byte[] exponent, RSA? platformKey) => new RsaPublicKey(modulus, exponent, null, platformKey);

    /// <summary>Verifies a base64 SHA256withRSA (PKCS#1 v1.5) signature over <paramref name="message"/>.</summary>
    /// <returns>True only for a valid signature. False, never an exception, for a null, empty, non-base64 or
    /// wrong-length signature and for WeChat Pay's <c>WECHATPAY/SIGNTEST/</c> probe.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public override bool Verify(byte[] message, string? signatureBase64)
    {
        if (message is null) throw new ArgumentNullException(nameof(message));
        if (string.IsNullOrEmpty(signatureBase64) || signatureBase64!.StartsWith(SignTestPrefix, StringComparison.Ordinal))
        {
            return false;
        }

#if !NETSTANDARD2_0
        if (_platformKey is not null)
        {
            Span<byte> signature = _modulusBytes <= RsaSupport.StackLimit ? stackalloc byte[_modulusBytes] : new byte[_modulusBytes];
            if (!Convert.TryFromBase64String(signatureBase64, signature, out int length) || length != _modulusBytes)
            {
                return false;
            }
            try
            {
                return _platformKey.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
            catch (CryptographicException)
            {
                return false;
            }
        }
#endif
        byte[]? bytes = RsaSupport.TryDecodeBase64(signatureBase64);
        if (bytes is null || bytes.Length != _modulusBytes)
        {
            return false;
        }
        try
        {
            var verifier = new RsaDigestSigner(new Sha256Digest());
            verifier.Init(false, BouncyKey);
            verifier.BlockUpdate(message, 0, message.Length);
            return verifier.VerifySignature(bytes);
        }
        catch (CryptoException)
        {
            return false;
        }
    }

    /// <summary>Encrypts <paramref name="plaintext"/> (UTF-8) with RSA-OAEP SHA-1/MGF1-SHA-1; returns base64.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="plaintext"/> is null.</exception>
    /// <exception cref="ArgumentException">The UTF-8 plaintext is longer than <see cref="MaxPlaintextBytes"/>, or is
    /// not valid Unicode. The message gives sizes only, never the plaintext.</exception>
    public override string Encrypt(string plaintext)
    {
        if (plaintext is null) throw new ArgumentNullException(nameof(plaintext));
        int length;
        try
        {
            length = RsaSupport.StrictUtf8.GetByteCount(plaintext);
        }
        catch (EncoderFallbackException)
        {
            throw new ArgumentException("The plaintext is not valid Unicode text (it holds a lone surrogate).", nameof(plaintext));
        }
        if (length > MaxPlaintextBytes)
        {
            throw new ArgumentException(
                $"The plaintext is {length} bytes of UTF-8; RSA-OAEP (SHA-1) with this {KeySizeInBits}-bit key encrypts at most {MaxPlaintextBytes} bytes.",
                nameof(plaintext));
        }

#if !NETSTANDARD2_0
        if (_platformKey is not null)
        {
            Span<byte> plain = stackalloc byte[length];
            Span<byte> cipher = _modulusBytes <= RsaSupport.StackLimit ? stackalloc byte[_modulusBytes] : new byte[_modulusBytes];
            try
            {
                RsaSupport.StrictUtf8.GetBytes(plaintext, plain);
                if (!_platformKey.TryEncrypt(plain, cipher, RSAEncryptionPadding.OaepSHA1, out int written))
                {
                    throw new CryptographicException("RSA-OAEP encryption failed.");
                }
                return Convert.ToBase64String(cipher.Slice(0, written));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plain);
            }
        }
#endif
        byte[] bytes = RsaSupport.StrictUtf8.GetBytes(plaintext);
        try
        {
            var oaep = new OaepEncoding(new RsaBlindedEngine(), new Sha1Digest(), new Sha1Digest(), null);
            oaep.Init(true, new ParametersWithRandom(BouncyKey, RsaSupport.Random));
            return Convert.ToBase64String(oaep.ProcessBlock(bytes, 0, bytes.Length));
        }
        finally
        {
            Array.Clear(bytes, 0, bytes.Length);
        }
    }

    /// <summary>
    /// True when <paramref name="value"/> is base64 of exactly one modulus-sized block: what <see cref="Encrypt"/> returns. No
    /// plaintext this key can encrypt looks like that, since such text is longer than <see cref="MaxPlaintextBytes"/>.
    /// </summary>
    public override bool IsCiphertext(string value)
    {
        if (value.Length != (_modulusBytes + 2) / 3 * 4) return false;
        var bytes = RsaSupport.TryDecodeBase64(value);
        return bytes is not null && bytes.Length == _modulusBytes;
    }

    /// <summary>True when <paramref name="other"/> has the same modulus and public exponent.</summary>
    public override bool SameKeyAs(VerifyingKey other)
    {
        if (other is null) throw new ArgumentNullException(nameof(other));
        return ReferenceEquals(this, other) || (other is RsaPublicKey rsa
            && _modulus.AsSpan().SequenceEqual(rsa._modulus) && _exponent.AsSpan().SequenceEqual(rsa._exponent));
    }

    /// <summary>Describes the key without any key material.</summary>
    public override string ToString() =>
        CertificateSerial is null ? $"RSA-{KeySizeInBits} public key" : $"RSA-{KeySizeInBits} certificate {CertificateSerial}";

    private static DateTimeOffset AsUtc(DateTime value) =>
        new DateTimeOffset(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);
}
