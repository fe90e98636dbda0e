using System;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Engines;

namespace WeChatPay.Chain.Crypto;

/// <summary>AEAD_SM4_GCM as 国密 WeChat Pay uses it for callback resources and <c>/v3/certificates?algorithm_type=SM2</c>.</summary>
/// <remarks>
/// Key: the first 16 bytes of SM3 over the UTF-8 bytes of the 32-character APIv3 key (as WeChat Pay documents).
/// Nonce: the UTF-8 bytes of the 12-character nonce. Associated data: UTF-8 (may be empty; null counts as empty).
/// Ciphertext: base64 of ciphertext‖16-byte tag. BouncyCastle's GCM over its SM4 engine (.NET has no SM4), on every
/// target. Thread-safe: no state is shared between calls.
/// </remarks>
internal static class Sm4Gcm
{
    /// <summary>Length in bytes of the APIv3 key the SM4 key is derived from.</summary>
    internal const int ApiV3KeyBytes = 32;

    /// <summary>SM4 key length in bytes.</summary>
    internal const int KeyBytes = 16;

    /// <summary>Nonce length in bytes.</summary>
    internal const int NonceBytes = 12;

    /// <summary>Authentication tag length in bytes.</summary>
    internal const int TagBytes = 16;

    private const string Aead = "AEAD_SM4_GCM";

    private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decrypts and authenticates <paramref name="ciphertextBase64"/>, returning the UTF-8 plaintext.</summary>
    /// <param name="apiV3Key">The APIv3 key: 32 bytes of UTF-8 (ASCII) text; the SM4 key is derived from it.</param>
    /// <param name="nonce">The 12-character nonce (<c>resource.nonce</c>).</param>
    /// <param name="associatedData">The associated data (<c>resource.associated_data</c>); null or empty for none.</param>
    /// <param name="ciphertextBase64">base64 of ciphertext‖tag (<c>resource.ciphertext</c>).</param>
    /// <exception cref="ArgumentNullException">The key, nonce or ciphertext is null.</exception>
    /// <exception cref="ArgumentException">The APIv3 key is not 32 bytes (a configuration error).</exception>
    /// <exception cref="CryptographicException">The ciphertext is not base64, is shorter than the tag, the nonce is
    /// not 12 bytes, the tag does not match (wrong key, nonce, associated data or tampered data), or the plaintext is
    /// not UTF-8. The message holds no key or plaintext material.</exception>
    public static string Decrypt(string apiV3Key, string nonce, string? associatedData, string ciphertextBase64)
    {
        if (apiV3Key is null) throw new ArgumentNullException(nameof(apiV3Key));
        if (nonce is null) throw new ArgumentNullException(nameof(nonce));
        if (ciphertextBase64 is null) throw new ArgumentNullException(nameof(ciphertextBase64));
        associatedData ??= string.Empty;
        CheckKey(apiV3Key);
        if (StrictByteCount(nonce) != NonceBytes)
        {
            throw new CryptographicException("AEAD_SM4_GCM decryption failed: the nonce is not 12 bytes.");
        }
        if (StrictByteCount(associatedData) < 0)
        {
            throw new CryptographicException("AEAD_SM4_GCM decryption failed: the associated data is not valid Unicode text.");
        }
        byte[] key = DeriveKey(apiV3Key);
        try
        {
            return BouncyGcm.Open(Aead, new SM4Engine(), key, nonce, associatedData, ciphertextBase64);
        }
        finally
        {
            Array.Clear(key, 0, key.Length);
        }
    }

    /// <summary>Encrypts <paramref name="plaintext"/>, returning base64 of ciphertext‖tag.</summary>
    /// <param name="apiV3Key">The APIv3 key: 32 bytes of UTF-8 (ASCII) text; the SM4 key is derived from it.</param>
    /// <param name="nonce">A 12-character nonce; never reuse one with the same key.</param>
    /// <param name="associatedData">The associated data; null or empty for none.</param>
    /// <param name="plaintext">The text to encrypt (UTF-8).</param>
    /// <exception cref="ArgumentNullException">The key, nonce or plaintext is null.</exception>
    /// <exception cref="ArgumentException">The APIv3 key is not 32 bytes, the nonce is not 12 bytes, or a text is
    /// not valid Unicode.</exception>
    public static string Encrypt(string apiV3Key, string nonce, string? associatedData, string plaintext)
    {
        if (apiV3Key is null) throw new ArgumentNullException(nameof(apiV3Key));
        if (nonce is null) throw new ArgumentNullException(nameof(nonce));
        if (plaintext is null) throw new ArgumentNullException(nameof(plaintext));
        associatedData ??= string.Empty;
        CheckKey(apiV3Key);
        if (StrictByteCount(nonce) != NonceBytes)
        {
            throw new ArgumentException("The AEAD_SM4_GCM nonce must be 12 bytes of UTF-8 text.", nameof(nonce));
        }
        if (StrictByteCount(associatedData) < 0)
        {
            throw new ArgumentException("The associated data is not valid Unicode text.", nameof(associatedData));
        }
        if (StrictByteCount(plaintext) < 0)
        {
            throw new ArgumentException("The plaintext is not valid Unicode text (it holds a lone surrogate).", nameof(plaintext));
        }

        byte[] key = DeriveKey(apiV3Key);
        try
        {
            return BouncyGcm.Seal(new SM4Engine(), key, nonce, associatedData, plaintext);
        }
        finally
        {
            Array.Clear(key, 0, key.Length);
        }
    }

    /// <summary>The SM4 key WeChat Pay documents: the first 16 bytes of SM3 over the UTF-8 APIv3 key.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="apiV3Key"/> is null.</exception>
    /// <exception cref="ArgumentException">The APIv3 key is not 32 bytes of UTF-8.</exception>
    internal static byte[] DeriveKey(string apiV3Key)
    {
        if (apiV3Key is null) throw new ArgumentNullException(nameof(apiV3Key));
        CheckKey(apiV3Key);
        byte[] keyText = StrictUtf8.GetBytes(apiV3Key);
        byte[] digest = Sm3.Hash(keyText);
        try
        {
            byte[] key = new byte[KeyBytes];
            Array.Copy(digest, key, KeyBytes);
            return key;
        }
        finally
        {
            Array.Clear(keyText, 0, keyText.Length);
            Array.Clear(digest, 0, digest.Length);
        }
    }

    private static void CheckKey(string apiV3Key)
    {
        int count = StrictByteCount(apiV3Key);
        if (count != ApiV3KeyBytes)
        {
            throw new ArgumentException(
                "The APIv3 key must be 32 characters (32 bytes of UTF-8); this one is "
                + (count < 0 ? "not valid text" : count + " bytes")
                + ". Check that the APIv3 key (not the APIv2 key) was configured.",
                nameof(apiV3Key));
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
}
