using System;
using Org.BouncyCastle.Crypto.Engines;

namespace WeChatPay.Chain.Crypto;

/// <content>The BouncyCastle backend (netstandard2.0, or when <see cref="CryptoBackend.ForceBouncyCastle"/> is set).</content>
internal static partial class AesGcm256
{
    private static string DecryptBouncyCastle(string key, string nonce, string associatedData, string ciphertextBase64)
    {
        byte[] keyBytes = StrictUtf8.GetBytes(key);
        try
        {
            return BouncyGcm.Open(Aead, new AesEngine(), keyBytes, nonce, associatedData, ciphertextBase64);
        }
        finally
        {
            Array.Clear(keyBytes, 0, keyBytes.Length);
        }
    }

    private static string EncryptBouncyCastle(string key, string nonce, string associatedData, string plaintext)
    {
        byte[] keyBytes = StrictUtf8.GetBytes(key);
        try
        {
            return BouncyGcm.Seal(new AesEngine(), keyBytes, nonce, associatedData, plaintext);
        }
        finally
        {
            Array.Clear(keyBytes, 0, keyBytes.Length);
        }
    }
}
