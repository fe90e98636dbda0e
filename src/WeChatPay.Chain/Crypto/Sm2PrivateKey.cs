using System;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace WeChatPay.Chain.Crypto;

/// <summary>An SM2 private key (the 国密 merchant key): signs requests with SM2-with-SM3 and decrypts SM2 fields encrypted for the merchant.</summary>
/// <remarks>
/// Parsed and checked once by <see cref="Load"/> (on the SM2 curve, 1 ≤ d ≤ n − 2, and any public key it carries
/// matches). BouncyCastle on every target (.NET has no SM2). Thread-safe: each call builds its own signer or engine
/// around the immutable key. Signatures are randomised. The private number is not exposed and <see cref="ToString"/> shows none.
/// </remarks>
internal sealed class Sm2PrivateKey : SigningKey
{
    private readonly ECPrivateKeyParameters _key;

    /// <summary>Wraps a private key PemKeyReader read and checked (SM2 curve, number in range); derives its public half.</summary>
    internal Sm2PrivateKey(ECPrivateKeyParameters key)
    {
        _key = key;
        Sm2Public = new Sm2PublicKey(Sm2Support.Domain.G.Multiply(key.D), null);
    }

    /// <summary>The public half of this key.</summary>
    public Sm2PublicKey Sm2Public { get; }

    /// <inheritdoc />
    public override VerifyingKey PublicKey => Sm2Public;

    /// <inheritdoc />
    public override Scheme Scheme => Scheme.Sm;

    /// <summary>Loads an SM2 private key from PEM text or the path of a PEM file.</summary>
    /// <param name="textOrPath">PKCS#8 (<c>PRIVATE KEY</c>), encrypted PKCS#8 (<c>ENCRYPTED PRIVATE KEY</c>) or SEC1
    /// (<c>EC PRIVATE KEY</c>, also OpenSSL's legacy encrypted form) PEM text of a key on the SM2 curve, or the path of
    /// such a file. Text is taken as PEM when it contains <c>-----BEGIN</c>.</param>
    /// <param name="passphrase">The passphrase of an encrypted key; ignored for an unencrypted one.</param>
    /// <param name="optionName">The configuration option the value came from; named in every error, and
    /// <c>{optionName}Passphrase</c> is named as the passphrase option.</param>
    /// <exception cref="ArgumentException">The value is not a usable SM2 private key; <see cref="ArgumentException.ParamName"/>
    /// is <paramref name="optionName"/> and the message says what to fix, without echoing key material.</exception>
    public static Sm2PrivateKey Load(string textOrPath, string? passphrase, string optionName)
    {
        if (optionName is null) throw new ArgumentNullException(nameof(optionName));
        string pem = PemKeyReader.ReadPrivateKeyText(textOrPath, optionName);
        return PemKeyReader.ReadAnyPrivateKey(pem, passphrase, optionName, acceptSm2: true) is ECPrivateKeyParameters key
            ? new Sm2PrivateKey(key)
            : throw PemKeyReader.NotSm2(optionName, "an RSA key");
    }

    /// <summary>Signs <paramref name="message"/> with SM2-with-SM3 (ID <c>1234567812345678</c>); returns base64 of DER <c>SEQUENCE { r, s }</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public override string Sign(byte[] message)
    {
        if (message is null) throw new ArgumentNullException(nameof(message));
        var signer = Sm2Support.CreateSigner();
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(_key, RsaSupport.Random), Sm2Support.IdBytes()));
        signer.BlockUpdate(message, 0, message.Length);
        return Convert.ToBase64String(signer.GenerateSignature());
    }

    /// <summary>Decrypts base64 of WeChat Pay's SM2 ciphertext (C1C3C2 as ASN.1 DER) and returns the UTF-8 plaintext.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="ciphertextBase64"/> is null.</exception>
    /// <exception cref="CryptographicException">Anything else: not base64, not that DER form, not made for this key,
    /// altered, or a plaintext that is not UTF-8. Every failure has the same message, which holds no key or plaintext material.</exception>
    public override string Decrypt(string ciphertextBase64)
    {
        if (ciphertextBase64 is null) throw new ArgumentNullException(nameof(ciphertextBase64));
        byte[]? der = RsaSupport.TryDecodeBase64(ciphertextBase64);
        byte[]? raw = der is null ? null : Sm2Support.TryFromDer(der);
        if (raw is null)
        {
            throw DecryptionFailed(null);
        }
        byte[] plain;
        try
        {
            var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
            engine.Init(false, _key);
            plain = engine.ProcessBlock(raw, 0, raw.Length);
        }
        catch (Exception ex) when (!(ex is OutOfMemoryException))
        {
            throw DecryptionFailed(ex);
        }
        try
        {
            return RsaSupport.StrictUtf8.GetString(plain);
        }
        catch (DecoderFallbackException)
        {
            throw DecryptionFailed(null);
        }
        finally
        {
            Array.Clear(plain, 0, plain.Length);
        }
    }

    /// <summary>Describes the key without any key material.</summary>
    public override string ToString() => "SM2 private key";

    private static CryptographicException DecryptionFailed(Exception? inner) =>
        new CryptographicException(
            "SM2 decryption failed: the value is not an SM2 ciphertext (C1C3C2, ASN.1 DER, base64) made for this key, "
            + "it was altered, or its plaintext is not UTF-8 text.",
            inner);
}
