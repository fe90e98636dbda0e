using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// The sandbox's own RSA, on .NET's <see cref="RSA"/> and nothing of the client's: SHA256withRSA (PKCS#1 v1.5) signatures and
/// RSA-OAEP (SHA-1) encryption, base64 on the outside. One <see cref="RSA"/> per thread, since an instance is not promised
/// to be safe for concurrent use.
/// </summary>
internal sealed class SandboxRsa : SandboxKey
{
    private readonly ThreadLocal<RSA> _rsa;

    private SandboxRsa(string pem, bool hasPrivate)
    {
        HasPrivateKey = hasPrivate;
        _rsa = new ThreadLocal<RSA>(() =>
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa;
        });
        SubjectPublicKeyInfo = _rsa.Value!.ExportSubjectPublicKeyInfo();
        PublicKeyBytes = SubjectPublicKeyInfo;
    }

    /// <inheritdoc/>
    public override bool HasPrivateKey { get; }

    /// <summary>The DER of the public key, to compare keys.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <inheritdoc/>
    public override byte[] PublicKeyBytes { get; }

    /// <summary>Reads a PEM private key (PKCS#1 or PKCS#8).</summary>
    /// <exception cref="ArgumentException">The text is not an RSA private key.</exception>
    public static SandboxRsa FromPrivatePem(string pem, string option)
    {
        try
        {
            using var probe = RSA.Create();
            probe.ImportFromPem(pem);
            _ = probe.ExportParameters(includePrivateParameters: true);
        }
        catch (Exception e) when (e is ArgumentException || e is CryptographicException)
        {
            throw new ArgumentException($"{option} is not an RSA private key in PEM (PKCS#1 or PKCS#8); an SM2 key needs Scheme = SandboxScheme.Sm.", option, e);
        }
        return new SandboxRsa(pem, hasPrivate: true);
    }

    /// <summary>SHA256withRSA over <paramref name="message"/>, base64.</summary>
    public override string Sign(byte[] message) =>
        Convert.ToBase64String(_rsa.Value!.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>Whether <paramref name="signature"/> (base64) is SHA256withRSA over <paramref name="message"/> for this key; false for bad base64.</summary>
    public override bool Verify(byte[] message, string? signature)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        var bytes = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature, bytes, out var length)) return false;
        return _rsa.Value!.VerifyData(message, bytes.AsSpan(0, length), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>RSA-OAEP (SHA-1) of the UTF-8 text, base64.</summary>
    public override string Encrypt(string plaintext) =>
        Convert.ToBase64String(_rsa.Value!.Encrypt(Encoding.UTF8.GetBytes(plaintext), RSAEncryptionPadding.OaepSHA1));

    /// <summary>Decrypts base64 RSA-OAEP (SHA-1) ciphertext to UTF-8 text; null when it does not decrypt with this key.</summary>
    public override string? TryDecrypt(string ciphertext)
    {
        var bytes = new byte[ciphertext.Length];
        if (!Convert.TryFromBase64String(ciphertext, bytes, out var length)) return null;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(_rsa.Value!.Decrypt(bytes.AsSpan(0, length).ToArray(), RSAEncryptionPadding.OaepSHA1));
        }
        catch (Exception e) when (e is CryptographicException || e is ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Whether both are the same key.</summary>
    public bool SameKeyAs(ReadOnlySpan<byte> subjectPublicKeyInfo) => SubjectPublicKeyInfo.AsSpan().SequenceEqual(subjectPublicKeyInfo);
}
