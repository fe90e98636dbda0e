using System;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;

namespace WeChatPay.Chain.Crypto;

/// <summary>Loads a key of whichever scheme its PEM holds: the scheme follows the key (RSA, or SM2 for 国密).</summary>
internal static class Keys
{
    /// <summary>Loads a private key (RSA or SM2) from PEM text or the path of a PEM file.</summary>
    /// <exception cref="ArgumentException">It is not a usable key; ParamName is <paramref name="optionName"/> and the message says what to fix, without key material.</exception>
    public static SigningKey LoadSigningKey(string textOrPath, string? passphrase, string optionName)
    {
        if (optionName is null) throw new ArgumentNullException(nameof(optionName));
        string pem = PemKeyReader.ReadPrivateKeyText(textOrPath, optionName);
        if (RsaPrivateKey.TryPlatform(pem) is { } platform)
        {
            return platform;
        }
        return PemKeyReader.ReadAnyPrivateKey(pem, passphrase, optionName, acceptSm2: true) switch
        {
            ECPrivateKeyParameters sm2 => new Sm2PrivateKey(sm2),
            RsaPrivateCrtKeyParameters rsa => RsaPrivateKey.FromChecked(rsa),
            _ => throw PemKeyReader.Damaged(optionName),
        };
    }

    /// <summary>Loads a public key or certificate (RSA or SM2) from PEM text or the path of a PEM file.</summary>
    /// <exception cref="ArgumentException">It is not a usable key; ParamName is <paramref name="optionName"/> and the message says what to fix, without key material.</exception>
    public static VerifyingKey LoadVerifyingKey(string textOrPath, string optionName)
    {
        if (optionName is null) throw new ArgumentNullException(nameof(optionName));
        string pem = PemKeyReader.ReadPublicKeyText(textOrPath, optionName);
        if (RsaPublicKey.TryPlatform(pem) is { } platform)
        {
            return platform;
        }
        ECPublicKeyParameters? sm2 = PemKeyReader.ReadAnyPublicKey(pem, optionName, acceptSm2: true, out X509Certificate? certificate, out var rsa);
        return sm2 is not null
            ? new Sm2PublicKey(sm2.Q, certificate)
            : RsaPublicKey.FromChecked(rsa.Modulus, rsa.Exponent, certificate, optionName);
    }
}
