#if !NETSTANDARD2_0
using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Crypto;

/// <content>The System.Security.Cryptography backend (net8.0 and later).</content>
internal static partial class AesGcm256
{
    private static string DecryptPlatform(string key, string nonce, string associatedData, string ciphertextBase64)
    {
        byte[] data = ArrayPool<byte>.Shared.Rent(((ciphertextBase64.Length + 3) / 4) * 3);
        byte[] plain = Array.Empty<byte>();
        Span<byte> keyBytes = stackalloc byte[KeyBytes];
        try
        {
            if (!Convert.TryFromBase64String(ciphertextBase64, data, out int dataLength))
            {
                throw NotBase64();
            }
            if (dataLength < TagBytes)
            {
                throw TooShort();
            }
            int textLength = dataLength - TagBytes;

            Span<byte> nonceBytes = stackalloc byte[NonceBytes];
            StrictUtf8.GetBytes(nonce, nonceBytes);
            int aadLength = StrictUtf8.GetByteCount(associatedData);
            Span<byte> aad = aadLength <= StackLimit ? stackalloc byte[aadLength] : new byte[aadLength];
            StrictUtf8.GetBytes(associatedData, aad);
            StrictUtf8.GetBytes(key, keyBytes);

            plain = ArrayPool<byte>.Shared.Rent(textLength);
            Span<byte> plainSpan = plain.AsSpan(0, textLength);
            try
            {
                using var gcm = new AesGcm(keyBytes, TagBytes);
                gcm.Decrypt(nonceBytes, data.AsSpan(0, textLength), data.AsSpan(textLength, TagBytes), plainSpan, aad);
            }
            catch (CryptographicException ex)
            {
                throw TagMismatch(ex);
            }

            try
            {
                return StrictUtf8.GetString(plainSpan);
            }
            catch (DecoderFallbackException)
            {
                throw NotUtf8();
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyBytes);
            ArrayPool<byte>.Shared.Return(data);
            if (plain.Length > 0)
            {
                CryptographicOperations.ZeroMemory(plain);
                ArrayPool<byte>.Shared.Return(plain);
            }
        }
    }

    private static string EncryptPlatform(string key, string nonce, string associatedData, string plaintext)
    {
        int textLength = StrictUtf8.GetByteCount(plaintext);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(textLength * 2 + TagBytes);
        Span<byte> keyBytes = stackalloc byte[KeyBytes];
        try
        {
            Span<byte> plain = buffer.AsSpan(0, textLength);
            Span<byte> sealedData = buffer.AsSpan(textLength, textLength + TagBytes);
            StrictUtf8.GetBytes(plaintext, plain);

            Span<byte> nonceBytes = stackalloc byte[NonceBytes];
            StrictUtf8.GetBytes(nonce, nonceBytes);
            int aadLength = StrictUtf8.GetByteCount(associatedData);
            Span<byte> aad = aadLength <= StackLimit ? stackalloc byte[aadLength] : new byte[aadLength];
            StrictUtf8.GetBytes(associatedData, aad);
            StrictUtf8.GetBytes(key, keyBytes);

            using (var gcm = new AesGcm(keyBytes, TagBytes))
            {
                gcm.Encrypt(nonceBytes, plain, sealedData.Slice(0, textLength), sealedData.Slice(textLength), aad);
            }
            return Convert.ToBase64String(sealedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyBytes);
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, textLength));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
#endif
