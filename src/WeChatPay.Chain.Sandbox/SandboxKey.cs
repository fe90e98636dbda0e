using System;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// A merchant or platform key as the sandbox uses it, whichever its scheme (<see cref="SandboxRsa"/>, <see cref="SandboxSm2"/>):
/// it signs and verifies WeChat Pay's messages and encrypts and decrypts sensitive fields by its scheme, base64 on the outside.
/// </summary>
internal abstract class SandboxKey
{
    /// <summary>Whether this holds a private key (sign, decrypt) or only a public one (verify, encrypt).</summary>
    public abstract bool HasPrivateKey { get; }

    /// <summary>Bytes that name the public key alone (the same for the same key however it was loaded), to compare keys.</summary>
    public abstract byte[] PublicKeyBytes { get; }

    /// <summary>Signs <paramref name="message"/> by the key's scheme, base64.</summary>
    public abstract string Sign(byte[] message);

    /// <summary>Whether <paramref name="signature"/> (base64) signs <paramref name="message"/> for this key; false for bad base64.</summary>
    public abstract bool Verify(byte[] message, string? signature);

    /// <summary>Encrypts the UTF-8 text to this key by its scheme, base64.</summary>
    public abstract string Encrypt(string plaintext);

    /// <summary>Decrypts base64 ciphertext to UTF-8 text; null when it does not decrypt with this key.</summary>
    public abstract string? TryDecrypt(string ciphertext);

    /// <summary>Whether both are the same key.</summary>
    public bool SameKeyAs(SandboxKey other) => PublicKeyBytes.AsSpan().SequenceEqual(other.PublicKeyBytes);
}
