using System;
using System.Collections.Generic;
using System.IO;
using System.Security;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using PemBlock = Org.BouncyCastle.Utilities.IO.Pem.PemObject;
using PemBlockReader = Org.BouncyCastle.Utilities.IO.Pem.PemReader;

namespace WeChatPay.Chain.Crypto;

/// <summary>Reads RSA and SM2 keys and certificates from PEM text or PEM files, failing with configuration-grade messages.</summary>
/// <remarks>
/// Every failure is an <see cref="ArgumentException"/> whose <see cref="ArgumentException.ParamName"/> is the
/// option name and whose message says what is wrong and what to do. No message ever holds key material or file
/// contents (a file path may be named), and parser exceptions are not attached, as their messages might.
/// </remarks>
internal static partial class PemKeyReader
{
    /// <summary>The smallest RSA key accepted, in bits.</summary>
    internal const int MinimumKeyBits = 2048;

    /// <summary>The largest RSA key accepted, in bits.</summary>
    internal const int MaximumKeyBits = 16384;

    private const string PemMarker = "-----BEGIN";
    private const string PrivateExpected = "expected -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----";
    private const string PublicExpected =
        "expected -----BEGIN CERTIFICATE-----, -----BEGIN PUBLIC KEY----- or -----BEGIN RSA PUBLIC KEY-----";

    /// <summary>The PEM text of a private key option: the text itself, or the file it names.</summary>
    internal static string ReadPrivateKeyText(string textOrPath, string optionName) =>
        ReadPemText(textOrPath, optionName, "a PEM private key", PrivateExpected);

    /// <summary>The PEM text of a certificate or public key option: the text itself, or the file it names.</summary>
    internal static string ReadPublicKeyText(string textOrPath, string optionName) =>
        ReadPemText(textOrPath, optionName, "a PEM certificate or public key", PublicExpected);

    /// <summary>Reads an RSA private key (PKCS#1, PKCS#8, encrypted PKCS#8 or legacy encrypted PKCS#1) from PEM text.</summary>
    internal static RsaPrivateCrtKeyParameters ReadPrivateKey(string pem, string? passphrase, string optionName) =>
        (RsaPrivateCrtKeyParameters)ReadAnyPrivateKey(pem, passphrase, optionName, acceptSm2: false);

    /// <summary>
    /// Reads an RSA private key, or with <paramref name="acceptSm2"/> also an SM2 one (PKCS#8, encrypted PKCS#8, SEC1 and its
    /// legacy encrypted form): an <see cref="RsaPrivateCrtKeyParameters"/> or an <see cref="ECPrivateKeyParameters"/> on the SM2 curve.
    /// </summary>
    internal static AsymmetricKeyParameter ReadAnyPrivateKey(string pem, string? passphrase, string optionName, bool acceptSm2)
    {
        string? publicLabel = null;
        string? otherLabel = null;
        foreach (PemBlock block in ReadBlocks(pem, optionName))
        {
            switch (block.Type)
            {
                case "PRIVATE KEY":
                    return FromAnyPrivateKeyInfo(ParseOrDamaged(block.Content, PrivateKeyInfo.GetInstance, optionName), optionName, acceptSm2);
                case "ENCRYPTED PRIVATE KEY":
                    return FromAnyPrivateKeyInfo(DecryptPkcs8(block, passphrase, optionName), optionName, acceptSm2);
                case "RSA PRIVATE KEY":
                    return IsLegacyEncrypted(block)
                        ? DecryptLegacy(block, passphrase, optionName, acceptSm2)
                        : FromRsaStructure(ParseOrDamaged(block.Content, RsaPrivateKeyStructure.GetInstance, optionName), optionName);
                case "EC PRIVATE KEY" when acceptSm2:
                    return IsLegacyEncrypted(block)
                        ? DecryptLegacy(block, passphrase, optionName, acceptSm2)
                        : FromSec1(ParseOrDamaged(block.Content, ECPrivateKeyStructure.GetInstance, optionName), curveKnown: false, optionName);
                case "EC PRIVATE KEY":
                    throw NotRsa(optionName, "an EC key");
                case "DSA PRIVATE KEY":
                    throw acceptSm2 ? NotRsaOrSm2(optionName, "a DSA key") : NotRsa(optionName, "a DSA key");
                case "OPENSSH PRIVATE KEY":
                    throw Fail(optionName,
                        $"{optionName} is an OpenSSH-format key; convert it to PKCS#8 PEM "
                        + $"(ssh-keygen -p -m PKCS8 -f <file>) and use the result ({PrivateExpected}).");
                case "PUBLIC KEY":
                case "RSA PUBLIC KEY":
                case "CERTIFICATE":
                    publicLabel ??= block.Type;
                    break;
                default:
                    otherLabel ??= block.Type;
                    break;
            }
        }

        if (publicLabel is not null)
        {
            throw Fail(optionName,
                $"{optionName}: a public key was given where a private key is needed (found -----BEGIN {publicLabel}-----; "
                + $"{PrivateExpected}). Give the private key file (for a merchant: apiclient_key.pem).");
        }
        throw Fail(optionName, $"{optionName} is not a PEM private key ({PrivateExpected}); it holds {DescribeLabel(otherLabel)}.");
    }

    /// <summary>Reads an RSA public key's modulus and exponent from SPKI, PKCS#1 or an X.509 certificate in PEM text; returns the certificate if any.</summary>
    internal static (BigInteger Modulus, BigInteger Exponent) ReadPublicKey(string pem, string optionName, out X509Certificate? certificate)
    {
        ReadAnyPublicKey(pem, optionName, acceptSm2: false, out certificate, out var rsa);
        return rsa;
    }

    /// <summary>
    /// Reads an RSA public key, or with <paramref name="acceptSm2"/> also an SM2 one, from SPKI, PKCS#1 or an X.509 certificate
    /// in PEM text: returns the SM2 key, or null with the RSA numbers in <paramref name="rsa"/>; the certificate if any.
    /// </summary>
    internal static ECPublicKeyParameters? ReadAnyPublicKey(string pem, string optionName, bool acceptSm2, out X509Certificate? certificate,
        out (BigInteger Modulus, BigInteger Exponent) rsa)
    {
        rsa = default;
        string? privateLabel = null;
        string? otherLabel = null;
        foreach (PemBlock block in ReadBlocks(pem, optionName))
        {
            switch (block.Type)
            {
                case "CERTIFICATE":
                    X509Certificate cert = ParseOrDamaged(block.Content, ParseCertificate, optionName);
                    var certKey = FromAnySubjectPublicKeyInfo(cert.CertificateStructure.SubjectPublicKeyInfo, optionName, acceptSm2, out rsa);
                    certificate = cert;
                    return certKey;
                case "PUBLIC KEY":
                    certificate = null;
                    return FromAnySubjectPublicKeyInfo(
                        ParseOrDamaged(block.Content, SubjectPublicKeyInfo.GetInstance, optionName), optionName, acceptSm2, out rsa);
                case "RSA PUBLIC KEY":
                    certificate = null;
                    rsa = FromRsaPublicStructure(
                        ParseOrDamaged(block.Content, RsaPublicKeyStructure.GetInstance, optionName), optionName);
                    return null;
                case "PRIVATE KEY":
                case "ENCRYPTED PRIVATE KEY":
                case "RSA PRIVATE KEY":
                case "EC PRIVATE KEY":
                    privateLabel ??= block.Type;
                    break;
                default:
                    otherLabel ??= block.Type;
                    break;
            }
        }

        if (privateLabel is not null)
        {
            throw Fail(optionName,
                $"{optionName}: a private key was given where a certificate or public key is needed (found -----BEGIN {privateLabel}-----; "
                + $"{PublicExpected}). Give the WeChat Pay platform certificate or public key, never a private key.");
        }
        throw Fail(optionName,
            $"{optionName} is not a PEM certificate or public key ({PublicExpected}); it holds {DescribeLabel(otherLabel)}.");
    }

    /// <summary>Throws the load error for a key whose size is out of range.</summary>
    internal static void CheckSize(BigInteger modulus, string optionName)
    {
        int bits = modulus.BitLength;
        if (bits < MinimumKeyBits)
        {
            throw Fail(optionName,
                $"{optionName} is a {bits}-bit RSA key: WeChat Pay APIv3 needs RSA keys of at least {MinimumKeyBits} bits.");
        }
        if (bits > MaximumKeyBits)
        {
            throw Fail(optionName, $"{optionName} is a {bits}-bit RSA key: keys larger than {MaximumKeyBits} bits are not supported.");
        }
    }

    private static string ReadPemText(string textOrPath, string optionName, string what, string expected)
    {
        if (string.IsNullOrWhiteSpace(textOrPath))
        {
            throw Fail(optionName, $"{optionName} is empty: set it to {what} ({expected}) or the path of a PEM file.");
        }
        if (textOrPath.IndexOf(PemMarker, StringComparison.Ordinal) >= 0)
        {
            return UnescapeNewlines(textOrPath);
        }

        string path = textOrPath.Trim();
        if (!CanBeNamed(path))
        {
            string hint = LooksLikeBareBase64(path)
                ? " It looks like base64 without its PEM lines: give the whole PEM text, from the -----BEGIN line to the -----END line, or the path of the PEM file."
                : string.Empty;
            throw Fail(optionName, $"{optionName} is not {what} ({expected}) nor a readable file path.{hint}");
        }

        FileInfo file;
        try
        {
            file = new FileInfo(path);
        }
        catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is SecurityException || ex is PathTooLongException)
        {
            throw Fail(optionName, $"{optionName} is not {what} ({expected}) nor a readable file path.");
        }
        if (!file.Exists && !Directory.Exists(file.FullName))
        {
            throw Fail(optionName, $"{optionName} is not {what} ({expected}) nor a readable file path: there is no file at '{file.FullName}'.");
        }
        string text = KeyFile.Read(file.FullName, optionName);
        if (text.IndexOf(PemMarker, StringComparison.Ordinal) < 0)
        {
            throw Fail(optionName,
                $"{optionName}: the file '{file.FullName}' holds no PEM block ({expected}). "
                + "A binary (DER) key or certificate must be converted to PEM first, e.g. with openssl.");
        }
        return UnescapeNewlines(text);
    }

    /// <summary>PEM kept in an environment variable or a JSON string often arrives on one line with literal "\n".</summary>
    private static string UnescapeNewlines(string pem) =>
        pem.IndexOf('\n') < 0 && pem.IndexOf("\\n", StringComparison.Ordinal) >= 0
            ? pem.Replace("\\r", string.Empty).Replace("\\n", "\n")
            : pem;

    private static List<PemBlock> ReadBlocks(string pem, string optionName)
    {
        var blocks = new List<PemBlock>();
        try
        {
            using var text = new StringReader(pem);
            var reader = new PemBlockReader(text);
            PemBlock? block;
            while ((block = reader.ReadPemObject()) is not null)
            {
                blocks.Add(block);
            }
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            throw Damaged(optionName);
        }
        if (blocks.Count == 0)
        {
            throw Damaged(optionName);
        }
        return blocks;
    }

    private static T ParseOrDamaged<T>(byte[] der, Func<object, T> parse, string optionName)
        where T : class
    {
        T? result;
        try
        {
            result = parse(Asn1Object.FromByteArray(der));
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            throw Damaged(optionName);
        }
        return result ?? throw Damaged(optionName);
    }

    private static X509Certificate ParseCertificate(object asn1)
    {
        var certificate = new X509Certificate(X509CertificateStructure.GetInstance(asn1));
        // Read the fields RsaPublicKey exposes now, so that a malformed one is a load error here, not later.
        _ = certificate.SerialNumber.ToString(16);
        _ = certificate.NotBefore;
        _ = certificate.NotAfter;
        return certificate;
    }
}
