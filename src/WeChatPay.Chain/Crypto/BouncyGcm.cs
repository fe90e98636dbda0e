using System;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// BouncyCastle's GCM over a block cipher, as WeChat Pay's AEADs use it (AEAD_AES_256_GCM on netstandard2.0,
/// AEAD_SM4_GCM everywhere): the nonce's and associated data's UTF-8 bytes, a 16-byte tag after the ciphertext, base64.
/// The caller checks the key, nonce and associated data; failures name the AEAD and hold no key or plaintext.
/// </summary>
internal static class BouncyGcm
{
    /// <summary>Authentication tag length in bytes.</summary>
    public const int TagBytes = 16;

    private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="CryptographicException">Not base64, shorter than the tag, the tag does not match, or the plaintext is not UTF-8.</exception>
    public static string Open(string aead, IBlockCipher engine, byte[] key, string nonce, string associatedData, string ciphertextBase64)
    {
        byte[] data;
        try
        {
            data = Convert.FromBase64String(ciphertextBase64);
        }
        catch (FormatException)
        {
            throw NotBase64(aead);
        }
        if (data.Length < TagBytes) throw TooShort(aead);

        byte[] plain = Array.Empty<byte>();
        try
        {
            var gcm = Create(engine, forEncryption: false, key, nonce, associatedData);
            plain = new byte[gcm.GetOutputSize(data.Length)];
            int length;
            try
            {
                length = gcm.ProcessBytes(data, 0, data.Length, plain, 0);
                length += gcm.DoFinal(plain, length);
            }
            catch (InvalidCipherTextException ex)
            {
                throw TagMismatch(aead, ex);
            }
            try
            {
                return StrictUtf8.GetString(plain, 0, length);
            }
            catch (DecoderFallbackException)
            {
                throw NotUtf8(aead);
            }
        }
        finally
        {
            Array.Clear(plain, 0, plain.Length);
        }
    }

    /// <summary>Encrypts valid Unicode <paramref name="plaintext"/>; base64 of ciphertext‖tag.</summary>
    public static string Seal(IBlockCipher engine, byte[] key, string nonce, string associatedData, string plaintext)
    {
        byte[] plain = StrictUtf8.GetBytes(plaintext);
        try
        {
            var gcm = Create(engine, forEncryption: true, key, nonce, associatedData);
            byte[] output = new byte[gcm.GetOutputSize(plain.Length)];
            int length = gcm.ProcessBytes(plain, 0, plain.Length, output, 0);
            length += gcm.DoFinal(output, length);
            return Convert.ToBase64String(output, 0, length);
        }
        finally
        {
            Array.Clear(plain, 0, plain.Length);
        }
    }

    public static CryptographicException TagMismatch(string aead, Exception? inner) =>
        new CryptographicException(
            aead + " decryption failed: the authentication tag does not match "
            + "(wrong APIv3 key, nonce or associated data, or the ciphertext was altered).",
            inner);

    public static CryptographicException NotBase64(string aead) =>
        new CryptographicException(aead + " decryption failed: the ciphertext is not base64.");

    public static CryptographicException TooShort(string aead) =>
        new CryptographicException(aead + " decryption failed: the ciphertext is shorter than the 16-byte tag.");

    public static CryptographicException NotUtf8(string aead) =>
        new CryptographicException(aead + " decryption succeeded but the plaintext is not UTF-8 text.");

    private static GcmBlockCipher Create(IBlockCipher engine, bool forEncryption, byte[] key, string nonce, string associatedData)
    {
        var gcm = new GcmBlockCipher(engine);
        gcm.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagBytes * 8, StrictUtf8.GetBytes(nonce), StrictUtf8.GetBytes(associatedData)));
        return gcm;
    }
}
