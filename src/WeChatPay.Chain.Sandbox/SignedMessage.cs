using System;
using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// WeChat Pay's signed messages, written here from the protocol's documentation and not taken from the client, so that a
/// mistake in either is caught by the other: a request is <c>METHOD\nTARGET\nTIMESTAMP\nNONCE\nBODY\n</c>; an answer or a
/// callback is <c>TIMESTAMP\nNONCE\nBODY\n</c> over the body's bytes.
/// </summary>
internal static class SignedMessage
{
    /// <summary>The Authorization scheme of APIv3 with RSA.</summary>
    public const string Scheme = "WECHATPAY2-SHA256-RSA2048";

    /// <summary>The Authorization scheme of APIv3 with 国密 (SM2 with SM3).</summary>
    public const string SmScheme = "WECHATPAY2-SM2-WITH-SM3";

    /// <summary>How far a timestamp may be from the clock, in seconds.</summary>
    public const int WindowSeconds = 300;

    private const string NonceAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>The message a request's signature covers, as text.</summary>
    public static string Request(string method, string target, string timestamp, string nonce, string body)
    {
        var text = new StringBuilder(method.Length + target.Length + timestamp.Length + nonce.Length + body.Length + 5);
        foreach (var line in new[] { method, target, timestamp, nonce, body })
            text.Append(line).Append('\n');
        return text.ToString();
    }

    /// <summary>The message an answer's or a callback's signature covers: the timestamp and nonce lines, then the body bytes and a newline.</summary>
    public static byte[] Answer(string timestamp, string nonce, byte[] body)
    {
        var head = Encoding.UTF8.GetBytes(timestamp + "\n" + nonce + "\n");
        var message = new byte[head.Length + body.Length + 1];
        head.CopyTo(message, 0);
        body.CopyTo(message, head.Length);
        message[^1] = (byte)'\n';
        return message;
    }

    /// <summary>A nonce of <paramref name="length"/> characters of <c>[0-9A-Za-z]</c> from the platform CSPRNG.</summary>
    public static string Nonce(int length = 32) => RandomNumberGenerator.GetString(NonceAlphabet, length);

    /// <summary>AEAD_AES_256_GCM of UTF-8 text with the APIv3 key: base64 of the ciphertext followed by the 16-byte tag.</summary>
    public static string AesGcmEncrypt(string apiV3Key, string nonce, string associatedData, string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedData = new byte[plain.Length + 16];
        using var gcm = new AesGcm(Encoding.UTF8.GetBytes(apiV3Key), 16);
        gcm.Encrypt(Encoding.UTF8.GetBytes(nonce), plain, sealedData.AsSpan(0, plain.Length), sealedData.AsSpan(plain.Length), Encoding.UTF8.GetBytes(associatedData));
        return Convert.ToBase64String(sealedData);
    }
}
