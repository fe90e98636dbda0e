using System;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// AEAD_SM4_GCM as WeChat Pay uses it for callback resources and encrypted certificates, on BouncyCastle: the key is the
/// first 16 bytes of SM3 of the UTF-8 APIv3 key, the nonce and associated data UTF-8, the output base64 of ciphertext‖16-byte tag.
/// </summary>
internal static class SandboxSm4Gcm
{
    /// <summary>The <c>algorithm</c> name of resources and certificates sealed this way.</summary>
    public const string Algorithm = "AEAD_SM4_GCM";

    private const int TagBits = 128;

    /// <summary>The SM4 key derived from the APIv3 key: SM3 of its UTF-8 bytes, the first 16 bytes.</summary>
    public static byte[] Key(string apiV3Key)
    {
        var digest = new SM3Digest();
        var input = Encoding.UTF8.GetBytes(apiV3Key);
        digest.BlockUpdate(input, 0, input.Length);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return output.AsSpan(0, 16).ToArray();
    }

    /// <summary>Encrypts UTF-8 text with the key derived from the APIv3 key: base64 of ciphertext‖tag.</summary>
    public static string Encrypt(string apiV3Key, string nonce, string associatedData, string plaintext)
    {
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(true, new AeadParameters(new KeyParameter(Key(apiV3Key)), TagBits, Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(associatedData)));
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[gcm.GetOutputSize(plain.Length)];
        var written = gcm.ProcessBytes(plain, 0, plain.Length, output, 0);
        written += gcm.DoFinal(output, written);
        return Convert.ToBase64String(output, 0, written);
    }
}
