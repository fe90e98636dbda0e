using System;
using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// The <c>req_info</c> of an APIv2 refund notification: base64 of AES-256-ECB with PKCS#7 padding, keyed with the 32 ASCII bytes
/// of the lower-case hex MD5 of the APIv2 key; the plaintext is an XML document (root <c>&lt;root&gt;</c>) of the refund's fields.
/// </summary>
/// <remarks>
/// ECB carries no integrity: only the padding of the last block is checked here, so a change in an earlier block is not
/// detected by decryption. Read the plaintext with <c>ApiV2XmlReader</c>, which refuses what is not a well-formed flat
/// document; what makes the notification credible is that only the holder of the APIv2 key can make a <c>req_info</c> that
/// decrypts to one. Every failure after decryption (bad padding, text that is not UTF-8) gives the same message, so the
/// refusal tells a sender nothing about the padding (no padding oracle). .NET's AES on every target; thread-safe.
/// </remarks>
internal static class RefundReqInfo
{
    private const int BlockBytes = 16;

    private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decrypts <paramref name="reqInfoBase64"/>, returning the plaintext XML.</summary>
    /// <param name="apiV2Key">The APIv2 key.</param>
    /// <param name="reqInfoBase64">The notification's <c>req_info</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The key is not an APIv2 key (a configuration error).</exception>
    /// <exception cref="CryptographicException">The text is not base64 or not whole AES blocks, or the key does not open it
    /// (one message for a bad padding and a plaintext that is not UTF-8). The message holds no key or plaintext.</exception>
    public static string Decrypt(string apiV2Key, string reqInfoBase64)
    {
        if (reqInfoBase64 is null) throw new ArgumentNullException(nameof(reqInfoBase64));
        var key = DeriveKey(apiV2Key);
        byte[] data;
        try
        {
            data = Convert.FromBase64String(reqInfoBase64);
        }
        catch (FormatException)
        {
            throw new CryptographicException("req_info decryption failed: it is not base64.");
        }
        if (data.Length == 0 || data.Length % BlockBytes != 0)
            throw new CryptographicException("req_info decryption failed: it is not a whole number of 16-byte AES blocks.");

        byte[] plain = Array.Empty<byte>();
        try
        {
            plain = Transform(key, data, encrypt: false);
            var length = UnpaddedLength(plain);
            if (length < 0) throw NotOpened();
            try
            {
                return StrictUtf8.GetString(plain, 0, length);
            }
            catch (DecoderFallbackException)
            {
                throw NotOpened();
            }
        }
        finally
        {
            Array.Clear(key, 0, key.Length);
            Array.Clear(plain, 0, plain.Length);
        }
    }

    /// <summary>Encrypts <paramref name="plaintext"/> as WeChat Pay does (for a local WeChat Pay and for tests); deterministic.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The key is not an APIv2 key, or the plaintext is not valid Unicode.</exception>
    public static string Encrypt(string apiV2Key, string plaintext)
    {
        if (plaintext is null) throw new ArgumentNullException(nameof(plaintext));
        var key = DeriveKey(apiV2Key);
        byte[] text;
        try
        {
            text = StrictUtf8.GetBytes(plaintext);
        }
        catch (EncoderFallbackException)
        {
            throw new ArgumentException("The plaintext is not valid Unicode text (it holds a lone surrogate).", nameof(plaintext));
        }
        var pad = BlockBytes - (text.Length % BlockBytes);
        var padded = new byte[text.Length + pad];
        Buffer.BlockCopy(text, 0, padded, 0, text.Length);
        for (var i = text.Length; i < padded.Length; i++) padded[i] = (byte)pad;
        try
        {
            return Convert.ToBase64String(Transform(key, padded, encrypt: true));
        }
        finally
        {
            Array.Clear(key, 0, key.Length);
            Array.Clear(text, 0, text.Length);
            Array.Clear(padded, 0, padded.Length);
        }
    }

    /// <summary>The AES-256 key: the 32 ASCII bytes of the lower-case hex MD5 of the APIv2 key.</summary>
    /// <exception cref="ArgumentNullException">The key is null.</exception>
    /// <exception cref="ArgumentException">The key is not an APIv2 key.</exception>
    internal static byte[] DeriveKey(string apiV2Key)
    {
        ApiV2Key.Check(apiV2Key, nameof(apiV2Key));
        var keyText = Encoding.ASCII.GetBytes(apiV2Key);
        byte[] digest;
        // MD5 is how WeChat Pay documents this key derivation; it is not a choice made here.
#pragma warning disable CA5351 // Do Not Use Broken Cryptographic Algorithms
        using (var md5 = MD5.Create()) digest = md5.ComputeHash(keyText);
#pragma warning restore CA5351
        const string Digits = "0123456789abcdef";
        var key = new byte[digest.Length * 2];
        for (var i = 0; i < digest.Length; i++)
        {
            key[2 * i] = (byte)Digits[digest[i] >> 4];
            key[(2 * i) + 1] = (byte)Digits[digest[i] & 0xF];
        }
        Array.Clear(keyText, 0, keyText.Length);
        Array.Clear(digest, 0, digest.Length);
        return key;
    }

    // ECB is what WeChat Pay documents for req_info; it is not a choice made here.
#pragma warning disable CA5358 // Review cipher mode usage with cryptography experts
    private static byte[] Transform(byte[] key, byte[] data, bool encrypt)
    {
        using var aes = Aes.Create();
        aes.Key = key;
#if NETSTANDARD2_0
        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.None;
        using var transform = encrypt ? aes.CreateEncryptor() : aes.CreateDecryptor();
        return transform.TransformFinalBlock(data, 0, data.Length);
#else
        return encrypt ? aes.EncryptEcb(data, PaddingMode.None) : aes.DecryptEcb(data, PaddingMode.None);
#endif
    }
#pragma warning restore CA5358

    /// <summary>The length without the PKCS#7 padding, or -1 when the padding is not valid; the time does not depend on where it fails.</summary>
    private static int UnpaddedLength(byte[] plain)
    {
        int pad = plain[plain.Length - 1];
        var bad = ((pad - 1) >> 31) | ((BlockBytes - pad) >> 31);
        for (var i = 0; i < BlockBytes; i++)
        {
            var inPadding = (i - pad) >> 31; // all ones when i < pad
            bad |= inPadding & (plain[plain.Length - 1 - i] ^ pad);
        }
        return bad == 0 ? plain.Length - pad : -1;
    }

    private static CryptographicException NotOpened() =>
        new CryptographicException("req_info decryption failed: the APIv2 key does not open it (another merchant's or an old APIv2 key, or the data was altered).");
}
