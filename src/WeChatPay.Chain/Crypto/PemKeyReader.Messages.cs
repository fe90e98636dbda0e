using System;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X9;

namespace WeChatPay.Chain.Crypto;

/// <content>The configuration-grade failures, and what may be named in them.</content>
internal static partial class PemKeyReader
{
    private static bool CanBeNamed(string path)
    {
        // A value is echoed as a path only when it cannot be key material: single line, not a long base64 run.
        if (path.Length > 4096 || path.IndexOf('\n') >= 0 || path.IndexOf('\r') >= 0)
        {
            return false;
        }
        return path.Length < 64 || !LooksLikeBareBase64(path);
    }

    private static bool LooksLikeBareBase64(string value)
    {
        if (value.Length < 64)
        {
            return false;
        }
        foreach (char c in value)
        {
            bool base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '+' || c == '/' || c == '=' || char.IsWhiteSpace(c);
            if (!base64)
            {
                return false;
            }
        }
        return true;
    }

    private static string DescribeLabel(string? label)
    {
        if (label is null || label.Length > 40)
        {
            return "no recognisable PEM block";
        }
        foreach (char c in label)
        {
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' '))
            {
                return "no recognisable PEM block";
            }
        }
        return $"a -----BEGIN {label}----- block";
    }

    private static string DescribeAlgorithm(DerObjectIdentifier algorithm)
    {
        if (X9ObjectIdentifiers.IdECPublicKey.Equals(algorithm)) return "an EC key";
        if (X9ObjectIdentifiers.IdDsa.Equals(algorithm)) return "a DSA key";
        if (EdECObjectIdentifiers.id_Ed25519.Equals(algorithm)) return "an Ed25519 key";
        if (EdECObjectIdentifiers.id_Ed448.Equals(algorithm)) return "an Ed448 key";
        if (PkcsObjectIdentifiers.IdRsassaPss.Equals(algorithm)) return "an RSA-PSS-only key";
        return $"a key of algorithm {algorithm.Id}";
    }

    private static bool IsParseFailure(Exception ex) => !(ex is OutOfMemoryException);

    private static ArgumentException Fail(string optionName, string message) => new ArgumentException(message, optionName);

    internal static ArgumentException Damaged(string optionName) =>
        Fail(optionName,
            $"{optionName} holds a PEM block that cannot be read: it is truncated or damaged. "
            + "Check that the whole file was copied, from the -----BEGIN line to the -----END line.");

    private static ArgumentException NotRsa(string optionName, string what) =>
        Fail(optionName, $"{optionName} is {what}, not an RSA key: WeChat Pay APIv3 needs RSA keys of at least {MinimumKeyBits} bits.");

    private static ArgumentException NotRsaOrSm2(string optionName, string what) =>
        Fail(optionName, $"{optionName} is {what}, not an RSA or SM2 key: {WeChatPayKeys}");

    private static ArgumentException NotSm2Curve(string optionName, string curve) =>
        Fail(optionName, $"{optionName} is an EC key on the curve {curve}, not an SM2 key: {WeChatPayKeys}");

    private static ArgumentException NoCurve(string optionName) =>
        Fail(optionName,
            $"{optionName} is an EC key that does not name its curve: {WeChatPayKeys} "
            + "Give the key as PKCS#8 (-----BEGIN PRIVATE KEY-----) or SEC1 with its curve named.");

    /// <summary>The load error for a key of the wrong scheme where an SM2 key is needed (e.g. <c>an RSA key</c>).</summary>
    internal static ArgumentException NotSm2(string optionName, string what) =>
        Fail(optionName, $"{optionName} is {what}, not an SM2 key: this option needs an SM2 (国密) key on the curve SM2 (OID 1.2.156.10197.1.301).");

    private const string WeChatPayKeys =
        "WeChat Pay keys are RSA (2048 bits or more) or SM2 (国密, EC on the curve SM2, OID 1.2.156.10197.1.301).";

    private static ArgumentException NeedsPassphrase(string optionName) =>
        Fail(optionName, $"{optionName} is encrypted: set {optionName}Passphrase.");

    private static ArgumentException WrongPassphrase(string optionName) =>
        Fail(optionName,
            $"{optionName} could not be decrypted: wrong passphrase in {optionName}Passphrase "
            + "(or the encrypted key is damaged, or uses an encryption scheme that is not supported).");
}
