using System;
using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Crypto;

/// <summary>AEAD_AES_256_GCM as WeChat Pay uses it for callback resources and <c>/v3/certificates</c>.</summary>
/// <remarks>
/// Key: the UTF-8 bytes of the 32-character APIv3 key. Nonce: the UTF-8 bytes of the 12-character nonce.
/// Associated data: UTF-8 (may be empty; null counts as empty). Ciphertext: base64 of ciphertext‖16-byte tag.
/// Uses <c>System.Security.Cryptography.AesGcm</c> on net8.0+ and BouncyCastle on netstandard2.0 (or when
/// <see cref="CryptoBackend.ForceBouncyCastle"/> is set); each backend lives in its own file. Thread-safe: no state is shared between calls.
/// </remarks>
internal static partial class AesGcm256
{
    /// <summary>Key length in bytes.</summary>
    internal const int KeyBytes = 32;

    /// <summary>Nonce length in bytes.</summary>
    internal const int NonceBytes = 12;

    /// <summary>Authentication tag length in bytes.</summary>
    internal const int TagBytes = 16;

    private const int StackLimit = 256;

    private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decrypts and authenticates <paramref name="ciphertextBase64"/>, returning the UTF-8 plaintext.</summary>
    /// <param name="key">The APIv3 key: 32 bytes of UTF-8 (ASCII) text.</param>
    /// <param name="nonce">The 12-character nonce (<c>resource.nonce</c>).</param>
    /// <param name="associatedData">The associated data (<c>resource.associated_data</c>); null or empty for none.</param>
    /// <param name="ciphertextBase64">base64 of ciphertext‖tag (<c>resource.ciphertext</c>).</param>
    /// <exception cref="ArgumentNullException">key, nonce or ciphertext is null.</exception>
    /// <exception cref="ArgumentException">The key is not 32 bytes (a configuration error).</exception>
    /// <exception cref="CryptographicException">The ciphertext is not base64, is shorter than the tag, the nonce is
    /// not 12 bytes, the tag does not match (wrong key, nonce, associated data or tampered data), or the plaintext is
    /// not UTF-8. The message holds no key or plaintext material.</exception>
    public static string Decrypt(string key, string nonce, string associatedData, string ciphertextBase64)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        if (nonce is null) throw new ArgumentNullException(nameof(nonce));
        if (ciphertextBase64 is null) throw new ArgumentNullException(nameof(ciphertextBase64));
        associatedData ??= string.Empty;
        CheckKey(key);
        if (StrictByteCount(nonce) != NonceBytes)
        {
            throw new CryptographicException("AEAD_AES_256_GCM decryption failed: the nonce is not 12 bytes.");
        }
        if (StrictByteCount(associatedData) < 0)
        {
            throw new CryptographicException("AEAD_AES_256_GCM decryption failed: the associated data is not valid Unicode text.");
        }

#if !NETSTANDARD2_0
        if (CryptoBackend.UsePlatform && AesGcm.IsSupported)
        {
            return DecryptPlatform(key, nonce, associatedData, ciphertextBase64);
        }
#endif
        return DecryptBouncyCastle(key, nonce, associatedData, ciphertextBase64);
    }

    /// <summary>Encrypts <paramref name="plaintext"/>, returning base64 of ciphertext‖tag.</summary>
    /// <param name="key">The APIv3 key: 32 bytes of UTF-8 (ASCII) text.</param>
    /// <param name="nonce">A 12-character nonce; never reuse one with the same key.</param>
    /// <param name="associatedData">The associated data; null or empty for none.</param>
    /// <param name="plaintext">The text to encrypt (UTF-8).</param>
    /// <exception cref="ArgumentNullException">key, nonce or plaintext is null.</exception>
    /// <exception cref="ArgumentException">The key is not 32 bytes, the nonce is not 12 bytes, or a text is not
    /// valid Unicode.</exception>
    public static string Encrypt(string key, string nonce, string associatedData, string plaintext)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        if (nonce is null) throw new ArgumentNullException(nameof(nonce));
        if (plaintext is null) throw new ArgumentNullException(nameof(plaintext));
        associatedData ??= string.Empty;
        CheckKey(key);
        if (StrictByteCount(nonce) != NonceBytes)
        {
            throw new ArgumentException("The AEAD_AES_256_GCM nonce must be 12 bytes of UTF-8 text.", nameof(nonce));
        }
        if (StrictByteCount(associatedData) < 0)
        {
            throw new ArgumentException("The associated data is not valid Unicode text.", nameof(associatedData));
        }
        if (StrictByteCount(plaintext) < 0)
        {
            throw new ArgumentException("The plaintext is not valid Unicode text (it holds a lone surrogate).", nameof(plaintext));
        }

#if !NETSTANDARD2_0
        if (CryptoBackend.UsePlatform && AesGcm.IsSupported)
        {
            return EncryptPlatform(key, nonce, associatedData, plaintext);
        }
#endif
        return EncryptBouncyCastle(key, nonce, associatedData, plaintext);
    }

    private static void CheckKey(string key)
    {
        int count = StrictByteCount(key);
        if (count != KeyBytes)
        {
            throw new ArgumentException(
                "The APIv3 key must be 32 characters (32 bytes of UTF-8); this one is "
                + (count < 0 ? "not valid text" : count + " bytes")
                + ". Check that the APIv3 key (not the APIv2 key) was configured.",
                nameof(key));
        }
    }

    /// <summary>UTF-8 byte count of <paramref name="text"/>, or -1 when it is not valid Unicode.</summary>
    private static int StrictByteCount(string text)
    {
        try
        {
            return StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            return -1;
        }
    }

    private const string Aead = "AEAD_AES_256_GCM";

    private static CryptographicException TagMismatch(Exception? inner) => BouncyGcm.TagMismatch(Aead, inner);

    private static CryptographicException NotBase64() => BouncyGcm.NotBase64(Aead);

    private static CryptographicException TooShort() => BouncyGcm.TooShort(Aead);

    private static CryptographicException NotUtf8() => BouncyGcm.NotUtf8(Aead);
}
