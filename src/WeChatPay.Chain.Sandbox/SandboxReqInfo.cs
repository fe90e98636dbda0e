using System;
using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// The sandbox's own <c>req_info</c> of an APIv2 refund notification, as WeChat Pay documents it: base64 of AES-256-ECB
/// with PKCS#7 padding, keyed with the 32 ASCII bytes of the lower-case hex MD5 of the APIv2 key. It never calls the
/// client's code.
/// </summary>
internal static class SandboxReqInfo
{
    /// <summary>Encrypts <paramref name="plaintext"/> (the refund's <c>&lt;root&gt;</c> XML); deterministic, as ECB is.</summary>
    public static string Encrypt(string apiV2Key, string plaintext)
    {
        // MD5 and ECB are what WeChat Pay documents for req_info; neither is a choice made here.
#pragma warning disable CA5351, CA5358
        var key = Encoding.ASCII.GetBytes(Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(apiV2Key))).ToLowerInvariant());
        try
        {
            using var aes = Aes.Create();
            aes.Key = key;
            return Convert.ToBase64String(aes.EncryptEcb(Encoding.UTF8.GetBytes(plaintext), PaddingMode.PKCS7));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
#pragma warning restore CA5351, CA5358
    }
}
