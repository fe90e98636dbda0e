using System;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace WeChatPay.Chain.Crypto;

/// <summary>An RSA private key (the merchant key): signs requests and decrypts fields encrypted for the merchant.</summary>
/// <remarks>
/// Parsed once by <see cref="Load"/>; no call re-reads or re-parses anything. On net8.0+ a plain PKCS#8 or PKCS#1
/// key is read by System.Security.Cryptography alone (<c>PlatformKeyImport</c>); every other form, and every
/// error, goes through <see cref="PemKeyReader"/> (BouncyCastle). Thread-safe: on net8.0+ every call
/// uses one shared platform <see cref="RSA"/> object; on the BouncyCastle path each call builds its own engine
/// around the immutable key numbers. The key numbers are not exposed and <see cref="ToString"/> shows none.
/// </remarks>
internal sealed class RsaPrivateKey : SigningKey
{
    private readonly int _modulusBytes;
    private readonly RsaPrivateCrtKeyParameters? _bouncyKey;
#if !NETSTANDARD2_0
    private readonly RSA? _platformKey;
#endif

    private RsaPrivateKey(RsaPrivateCrtKeyParameters key)
    {
        _modulusBytes = RsaSupport.ModulusBytes(key);
        RsaPublic = RsaPublicKey.FromPrivate(key.Modulus.ToByteArrayUnsigned(), key.PublicExponent.ToByteArrayUnsigned(), null);
#if !NETSTANDARD2_0
        if (CryptoBackend.UsePlatform)
        {
            _platformKey = RsaSupport.TryCreatePlatformKey(key);
        }
        if (_platformKey is null)
        {
            _bouncyKey = key;
        }
#else
        _bouncyKey = key;
#endif
    }

#if !NETSTANDARD2_0
    // A key PlatformKeyImport read and checked: it never takes the BouncyCastle path.
    private RsaPrivateKey(RSA platformKey)
    {
        _platformKey = platformKey;
        RSAParameters numbers = platformKey.ExportParameters(false);
        _modulusBytes = numbers.Modulus!.Length;
        RsaPublic = RsaPublicKey.FromPrivate(numbers.Modulus, numbers.Exponent!, null);
    }
#endif

    /// <summary>The public half of this key.</summary>
    public RsaPublicKey RsaPublic { get; }

    /// <inheritdoc />
    public override VerifyingKey PublicKey => RsaPublic;

    /// <inheritdoc />
    public override Scheme Scheme => Scheme.Rsa;

    /// <summary>Size of the key in bits.</summary>
    public int KeySizeInBits => RsaPublic.KeySizeInBits;

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

    /// <summary>Loads an RSA private key from PEM text or the path of a PEM file.</summary>
    /// <param name="textOrPath">PKCS#1 (<c>RSA PRIVATE KEY</c>, also OpenSSL's legacy encrypted form), PKCS#8
    /// (<c>PRIVATE KEY</c>) or encrypted PKCS#8 (<c>ENCRYPTED PRIVATE KEY</c>) PEM text, or the path of such a file.
    /// Text is taken as PEM when it contains <c>-----BEGIN</c>.</param>
    /// <param name="passphrase">The passphrase of an encrypted key; ignored for an unencrypted one.</param>
    /// <param name="optionName">The configuration option the value came from (e.g. <c>MerchantPrivateKey</c>);
    /// named in every error, and <c>{optionName}Passphrase</c> is named as the passphrase option.</param>
    /// <exception cref="ArgumentException">The value is not a usable RSA private key of 2048 bits or more;
    /// <see cref="ArgumentException.ParamName"/> is <paramref name="optionName"/> and the message says what to fix,
    /// without echoing key material.</exception>
    public static RsaPrivateKey Load(string textOrPath, string? passphrase, string optionName)
    {
        if (optionName is null) throw new ArgumentNullException(nameof(optionName));
        string pem = PemKeyReader.ReadPrivateKeyText(textOrPath, optionName);
        return TryPlatform(pem) ?? new RsaPrivateKey(PemKeyReader.ReadPrivateKey(pem, passphrase, optionName));
    }

    /// <summary>The key of PEM text that System.Security.Cryptography reads alone (net8.0+, platform backend), or null.</summary>
    internal static RsaPrivateKey? TryPlatform(string pem)
    {
#if !NETSTANDARD2_0
        if (CryptoBackend.UsePlatform && PlatformKeyImport.TryPrivateKey(pem) is { } platform)
        {
            return new RsaPrivateKey(platform);
        }
#endif
        return null;
    }

    /// <summary>Wraps RSA numbers that <see cref="PemKeyReader"/> read and checked.</summary>
    internal static RsaPrivateKey FromChecked(RsaPrivateCrtKeyParameters key) => new RsaPrivateKey(key);

    /// <summary>Signs <paramref name="message"/> with SHA256withRSA (PKCS#1 v1.5); returns base64.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public override string Sign(byte[] message)
    {
        if (message is null) throw new ArgumentNullException(nameof(message));
#if !NETSTANDARD2_0
        if (_platformKey is not null)
        {
            Span<byte> signature = _modulusBytes <= RsaSupport.StackLimit ? stackalloc byte[_modulusBytes] : new byte[_modulusBytes];
            if (!_platformKey.TrySignData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out int written))
            {
                throw new CryptographicException("RSA signing failed.");
            }
            return Convert.ToBase64String(signature.Slice(0, written));
        }
#endif
        var signer = new RsaDigestSigner(new Sha256Digest());
        signer.Init(true, new ParametersWithRandom(BouncyKey, RsaSupport.Random));
        signer.BlockUpdate(message, 0, message.Length);
        return Convert.ToBase64String(signer.GenerateSignature());
    }

    /// <summary>Decrypts base64 RSA-OAEP (SHA-1/MGF1-SHA-1) ciphertext and returns the UTF-8 plaintext.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="ciphertextBase64"/> is null.</exception>
    /// <exception cref="CryptographicException">The ciphertext is not base64 of exactly the key's size, does not
    /// decrypt with this key and OAEP SHA-1, or the plaintext is not UTF-8. The message holds no key or plaintext
    /// material, and every padding failure reads the same.</exception>
    public override string Decrypt(string ciphertextBase64)
    {
        if (ciphertextBase64 is null) throw new ArgumentNullException(nameof(ciphertextBase64));

#if !NETSTANDARD2_0
        if (_platformKey is not null)
        {
            Span<byte> cipher = _modulusBytes <= RsaSupport.StackLimit ? stackalloc byte[_modulusBytes] : new byte[_modulusBytes];
            if (!Convert.TryFromBase64String(ciphertextBase64, cipher, out int length) || length != _modulusBytes)
            {
                throw BadLength();
            }
            Span<byte> plain = _modulusBytes <= RsaSupport.StackLimit ? stackalloc byte[_modulusBytes] : new byte[_modulusBytes];
            try
            {
                bool done;
                int written;
                try
                {
                    done = _platformKey.TryDecrypt(cipher, plain, RSAEncryptionPadding.OaepSHA1, out written);
                }
                catch (CryptographicException ex)
                {
                    throw DecryptionFailed(ex);
                }
                if (!done)
                {
                    throw DecryptionFailed(null);
                }
                return ToText(plain.Slice(0, written));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plain);
            }
        }
#endif
        byte[]? bytes = RsaSupport.TryDecodeBase64(ciphertextBase64);
        if (bytes is null || bytes.Length != _modulusBytes)
        {
            throw BadLength();
        }
        byte[] output;
        try
        {
            var oaep = new OaepEncoding(new RsaBlindedEngine(), new Sha1Digest(), new Sha1Digest(), null);
            oaep.Init(false, new ParametersWithRandom(BouncyKey, RsaSupport.Random));
            output = oaep.ProcessBlock(bytes, 0, bytes.Length);
        }
        catch (CryptoException ex)
        {
            throw DecryptionFailed(ex);
        }
        try
        {
            return ToText(output);
        }
        finally
        {
            Array.Clear(output, 0, output.Length);
        }
    }

    /// <summary>Describes the key without any key material.</summary>
    public override string ToString() => $"RSA-{KeySizeInBits} private key";

    /// <summary>The key numbers for a PKCS#12 bundle the client builds in memory (the merchant certificate with its key); never shown.</summary>
    internal RsaPrivateCrtKeyParameters Parameters()
    {
#if !NETSTANDARD2_0
        if (_platformKey is not null)
            return (RsaPrivateCrtKeyParameters)Org.BouncyCastle.Security.DotNetUtilities.GetRsaKeyPair(_platformKey.ExportParameters(true)).Private;
#endif
        return BouncyKey;
    }

    private RsaPrivateCrtKeyParameters BouncyKey =>
        _bouncyKey ?? throw new InvalidOperationException("The key has no BouncyCastle form.");

#if !NETSTANDARD2_0
    private static string ToText(ReadOnlySpan<byte> plain)
    {
        try
        {
            return RsaSupport.StrictUtf8.GetString(plain);
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8();
        }
    }
#else
    private static string ToText(byte[] plain)
    {
        try
        {
            return RsaSupport.StrictUtf8.GetString(plain);
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8();
        }
    }
#endif

    private CryptographicException BadLength() =>
        new CryptographicException(
            $"RSA-OAEP decryption failed: the ciphertext is not base64 of exactly {_modulusBytes} bytes (the size of this {KeySizeInBits}-bit key).");

    private static CryptographicException DecryptionFailed(Exception? inner) =>
        new CryptographicException(
            "RSA-OAEP decryption failed: the ciphertext was not encrypted for this key with OAEP SHA-1, or it was altered.",
            inner);

    private static CryptographicException NotUtf8() =>
        new CryptographicException("RSA-OAEP decryption succeeded but the plaintext is not UTF-8 text.");
}
