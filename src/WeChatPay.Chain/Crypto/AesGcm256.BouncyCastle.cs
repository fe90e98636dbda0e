using System;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace WeChatPay.Chain.Crypto;

/// <content>The BouncyCastle backend (netstandard2.0, or when <see cref="CryptoBackend.ForceBouncyCastle"/> is set).</content>
internal static partial class AesGcm256
{
    private static string DecryptBouncyCastle(string key, string nonce, string associatedData, string ciphertextBase64)
    {
        byte[] data;
        try
        {
            data = Convert.FromBase64String(ciphertextBase64);
        }
        catch (FormatException)
        {
            throw NotBase64();
        }
        if (data.Length < TagBytes)
        {
            throw TooShort();
        }

        byte[] keyBytes = StrictUtf8.GetBytes(key);
        byte[] plain = Array.Empty<byte>();
        try
        {
            GcmBlockCipher gcm = CreateGcm(forEncryption: false, keyBytes, nonce, associatedData);
            plain = new byte[gcm.GetOutputSize(data.Length)];
            int length;
            try
            {
                length = gcm.ProcessBytes(data, 0, data.Length, plain, 0);
                length += gcm.DoFinal(plain, length);
            }
            catch (InvalidCipherTextException ex)
            {
                throw TagMismatch(ex);
            }

            try
            {
                return StrictUtf8.GetString(plain, 0, length);
            }
            catch (DecoderFallbackException)
            {
                throw NotUtf8();
            }
        }
        finally
        {
            Array.Clear(keyBytes, 0, keyBytes.Length);
            Array.Clear(plain, 0, plain.Length);
        }
    }

    private static string EncryptBouncyCastle(string key, string nonce, string associatedData, string plaintext)
    {
        byte[] keyBytes = StrictUtf8.GetBytes(key);
        byte[] plain = StrictUtf8.GetBytes(plaintext);
        try
        {
            GcmBlockCipher gcm = CreateGcm(forEncryption: true, keyBytes, nonce, associatedData);
            byte[] output = new byte[gcm.GetOutputSize(plain.Length)];
            int length = gcm.ProcessBytes(plain, 0, plain.Length, output, 0);
            length += gcm.DoFinal(output, length);
            return Convert.ToBase64String(output, 0, length);
        }
        finally
        {
            Array.Clear(keyBytes, 0, keyBytes.Length);
            Array.Clear(plain, 0, plain.Length);
        }
    }

    private static GcmBlockCipher CreateGcm(bool forEncryption, byte[] keyBytes, string nonce, string associatedData)
    {
        var gcm = new GcmBlockCipher(new AesEngine());
        gcm.Init(forEncryption, new AeadParameters(
            new KeyParameter(keyBytes), TagBytes * 8, StrictUtf8.GetBytes(nonce), StrictUtf8.GetBytes(associatedData)));
        return gcm;
    }
}
