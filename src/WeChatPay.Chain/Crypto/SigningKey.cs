namespace WeChatPay.Chain.Crypto;

/// <summary>
/// The merchant's private key, of either scheme: signs requests and decrypts what WeChat Pay encrypted for the merchant.
/// Loaded once; thread-safe; shows no key material.
/// </summary>
internal abstract class SigningKey
{
    /// <summary>The scheme this key belongs to (RSA, or SM2 for 国密).</summary>
    public abstract Scheme Scheme { get; }

    /// <summary>The public half of this key.</summary>
    public abstract VerifyingKey PublicKey { get; }

    /// <summary>Signs <paramref name="message"/> as the scheme documents; returns base64.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="message"/> is null.</exception>
    public abstract string Sign(byte[] message);

    /// <summary>Decrypts base64 ciphertext made for this key and returns the UTF-8 plaintext.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">It does not decrypt with this key; the message holds no key or plaintext material.</exception>
    public abstract string Decrypt(string ciphertextBase64);
}
