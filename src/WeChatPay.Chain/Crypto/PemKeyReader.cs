using System;
using System.Collections.Generic;
using System.IO;
using System.Security;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;
using PemBlock = Org.BouncyCastle.Utilities.IO.Pem.PemObject;
using PemBlockReader = Org.BouncyCastle.Utilities.IO.Pem.PemReader;
using PemBlockWriter = Org.BouncyCastle.Utilities.IO.Pem.PemWriter;

namespace WeChatPay.Chain.Crypto;

/// <summary>Reads RSA keys and certificates from PEM text or PEM files, failing with configuration-grade messages.</summary>
/// <remarks>
/// Every failure is an <see cref="ArgumentException"/> whose <see cref="ArgumentException.ParamName"/> is the
/// option name and whose message says what is wrong and what to do. No message ever holds key material or file
/// contents (a file path may be named), and parser exceptions are not attached, as their messages might.
/// </remarks>
internal static class PemKeyReader
{
    /// <summary>The smallest RSA key accepted, in bits.</summary>
    internal const int MinimumKeyBits = 2048;

    /// <summary>The largest RSA key accepted, in bits.</summary>
    internal const int MaximumKeyBits = 16384;

    private const string PemMarker = "-----BEGIN";
    private const string PrivateExpected = "expected -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----";
    private const string PublicExpected =
        "expected -----BEGIN CERTIFICATE-----, -----BEGIN PUBLIC KEY----- or -----BEGIN RSA PUBLIC KEY-----";

    private static readonly BigInteger One = BigInteger.One;

    /// <summary>Reads an RSA private key (PKCS#1, PKCS#8, encrypted PKCS#8 or legacy encrypted PKCS#1).</summary>
    internal static RsaPrivateCrtKeyParameters ReadPrivateKey(string textOrPath, string? passphrase, string optionName)
    {
        string pem = ReadPemText(textOrPath, optionName, "a PEM private key", PrivateExpected);
        string? publicLabel = null;
        string? otherLabel = null;
        foreach (PemBlock block in ReadBlocks(pem, optionName))
        {
            switch (block.Type)
            {
                case "PRIVATE KEY":
                    return FromPrivateKeyInfo(ParseOrDamaged(block.Content, PrivateKeyInfo.GetInstance, optionName), optionName);
                case "ENCRYPTED PRIVATE KEY":
                    return FromPrivateKeyInfo(DecryptPkcs8(block, passphrase, optionName), optionName);
                case "RSA PRIVATE KEY":
                    return IsLegacyEncrypted(block)
                        ? DecryptLegacyPkcs1(block, passphrase, optionName)
                        : FromRsaStructure(ParseOrDamaged(block.Content, RsaPrivateKeyStructure.GetInstance, optionName), optionName);
                case "EC PRIVATE KEY":
                    throw NotRsa(optionName, "an EC key");
                case "DSA PRIVATE KEY":
                    throw NotRsa(optionName, "a DSA key");
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

    /// <summary>Reads an RSA public key from SPKI, PKCS#1 or an X.509 certificate; returns the certificate if any.</summary>
    internal static RsaKeyParameters ReadPublicKey(string textOrPath, string optionName, out X509Certificate? certificate)
    {
        string pem = ReadPemText(textOrPath, optionName, "a PEM certificate or public key", PublicExpected);
        string? privateLabel = null;
        string? otherLabel = null;
        foreach (PemBlock block in ReadBlocks(pem, optionName))
        {
            switch (block.Type)
            {
                case "CERTIFICATE":
                    X509Certificate cert = ParseOrDamaged(block.Content, ParseCertificate, optionName);
                    RsaKeyParameters certKey = FromSubjectPublicKeyInfo(cert.CertificateStructure.SubjectPublicKeyInfo, optionName);
                    certificate = cert;
                    return certKey;
                case "PUBLIC KEY":
                    certificate = null;
                    return FromSubjectPublicKeyInfo(
                        ParseOrDamaged(block.Content, SubjectPublicKeyInfo.GetInstance, optionName), optionName);
                case "RSA PUBLIC KEY":
                    certificate = null;
                    return FromRsaPublicStructure(
                        ParseOrDamaged(block.Content, RsaPublicKeyStructure.GetInstance, optionName), optionName);
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

    private static RsaPrivateCrtKeyParameters FromPrivateKeyInfo(PrivateKeyInfo info, string optionName)
    {
        DerObjectIdentifier algorithm = info.PrivateKeyAlgorithm.Algorithm;
        if (!PkcsObjectIdentifiers.RsaEncryption.Equals(algorithm))
        {
            throw NotRsa(optionName, DescribeAlgorithm(algorithm));
        }
        RsaPrivateKeyStructure structure;
        try
        {
            structure = RsaPrivateKeyStructure.GetInstance(info.ParsePrivateKey());
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            throw Damaged(optionName);
        }
        return FromRsaStructure(structure, optionName);
    }

    private static RsaPrivateCrtKeyParameters FromRsaStructure(RsaPrivateKeyStructure s, string optionName)
    {
        RsaPrivateCrtKeyParameters key;
        try
        {
            key = new RsaPrivateCrtKeyParameters(
                s.Modulus, s.PublicExponent, s.PrivateExponent, s.Prime1, s.Prime2, s.Exponent1, s.Exponent2, s.Coefficient);
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            throw Damaged(optionName);
        }
        return Checked(key, optionName);
    }

    private static RsaPrivateCrtKeyParameters Checked(RsaPrivateCrtKeyParameters key, string optionName)
    {
        CheckSize(key.Modulus, optionName);
        if (!IsConsistent(key))
        {
            throw Fail(optionName,
                $"{optionName} is damaged: its RSA numbers do not fit together. Use an intact copy of the key file.");
        }
        return key;
    }

    /// <summary>Checks n = pq, d·e ≡ 1 (mod p−1, q−1) and the CRT values, so a damaged key never signs.</summary>
    private static bool IsConsistent(RsaPrivateCrtKeyParameters key)
    {
        BigInteger p = key.P, q = key.Q;
        if (p.SignValue <= 0 || q.SignValue <= 0 || !p.Multiply(q).Equals(key.Modulus))
        {
            return false;
        }
        BigInteger pMinus1 = p.Subtract(One), qMinus1 = q.Subtract(One);
        BigInteger e = key.PublicExponent, d = key.Exponent;
        return e.Multiply(d).Mod(pMinus1).Equals(One)
            && e.Multiply(d).Mod(qMinus1).Equals(One)
            && key.DP.Equals(d.Mod(pMinus1))
            && key.DQ.Equals(d.Mod(qMinus1))
            && key.QInv.Multiply(q).Mod(p).Equals(One);
    }

    private static PrivateKeyInfo DecryptPkcs8(PemBlock block, string? passphrase, string optionName)
    {
        if (string.IsNullOrEmpty(passphrase))
        {
            throw NeedsPassphrase(optionName);
        }
        EncryptedPrivateKeyInfo encrypted = ParseOrDamaged(block.Content, EncryptedPrivateKeyInfo.GetInstance, optionName);
        foreach (char[] password in PasswordCandidates(passphrase!))
        {
            try
            {
                PrivateKeyInfo? info = PrivateKeyInfoFactory.CreatePrivateKeyInfo(password, encrypted);
                if (info is not null && IsParsablePrivateKeyInfo(info))
                {
                    return info;
                }
            }
            catch (Exception ex) when (IsParseFailure(ex))
            {
                // wrong passphrase (bad padding or garbage ASN.1): try the next form, then report
            }
            finally
            {
                Array.Clear(password, 0, password.Length);
            }
        }
        throw WrongPassphrase(optionName);
    }

    private static bool IsParsablePrivateKeyInfo(PrivateKeyInfo info)
    {
        try
        {
            return info.PrivateKeyAlgorithm is not null && info.ParsePrivateKey() is not null;
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            return false;
        }
    }

    /// <summary>
    /// The passphrase as given, and, when it is not ASCII, its UTF-8 bytes one per char. BouncyCastle turns a PBES2
    /// or OpenSSL-legacy passphrase into bytes by keeping the low byte of each char, while OpenSSL and .NET use
    /// UTF-8; the second form makes those bytes UTF-8. PKCS#12-style schemes use the chars as given (UTF-16).
    /// </summary>
    private static IEnumerable<char[]> PasswordCandidates(string passphrase)
    {
        yield return passphrase.ToCharArray();
        bool ascii = true;
        foreach (char c in passphrase)
        {
            ascii &= c < 0x80;
        }
        if (!ascii)
        {
            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(passphrase);
            char[] widened = new char[utf8.Length];
            for (int i = 0; i < utf8.Length; i++)
            {
                widened[i] = (char)utf8[i];
            }
            Array.Clear(utf8, 0, utf8.Length);
            yield return widened;
        }
    }

    private static bool IsLegacyEncrypted(PemBlock block)
    {
        foreach (var header in block.Headers)
        {
            if (header is Org.BouncyCastle.Utilities.IO.Pem.PemHeader h
                && string.Equals(h.Name, "Proc-Type", StringComparison.OrdinalIgnoreCase)
                && h.Value is not null
                && h.Value.IndexOf("ENCRYPTED", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>OpenSSL's traditional encrypted PKCS#1 ("Proc-Type: 4,ENCRYPTED" + "DEK-Info").</summary>
    private static RsaPrivateCrtKeyParameters DecryptLegacyPkcs1(PemBlock block, string? passphrase, string optionName)
    {
        if (string.IsNullOrEmpty(passphrase))
        {
            throw NeedsPassphrase(optionName);
        }
        string single;
        using (var writer = new StringWriter())
        {
            new PemBlockWriter(writer).WriteObject(block);
            single = writer.ToString();
        }

        foreach (char[] password in PasswordCandidates(passphrase!))
        {
            try
            {
                using var reader = new StringReader(single);
                object? decoded = new PemReader(reader, new Passphrase(password)).ReadObject();
                if (decoded is AsymmetricCipherKeyPair pair && pair.Private is RsaPrivateCrtKeyParameters key)
                {
                    return Checked(key, optionName);
                }
            }
            catch (Exception ex) when (IsParseFailure(ex) && !(ex is ArgumentException a && a.ParamName == optionName))
            {
                // wrong passphrase: try the next form, then report
            }
            finally
            {
                Array.Clear(password, 0, password.Length);
            }
        }
        throw WrongPassphrase(optionName);
    }

    private static RsaKeyParameters FromSubjectPublicKeyInfo(SubjectPublicKeyInfo info, string optionName)
    {
        DerObjectIdentifier algorithm = info.Algorithm.Algorithm;
        if (!PkcsObjectIdentifiers.RsaEncryption.Equals(algorithm))
        {
            throw NotRsa(optionName, DescribeAlgorithm(algorithm));
        }
        RsaPublicKeyStructure structure;
        try
        {
            structure = RsaPublicKeyStructure.GetInstance(info.ParsePublicKey());
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            throw Damaged(optionName);
        }
        return FromRsaPublicStructure(structure, optionName);
    }

    private static RsaKeyParameters FromRsaPublicStructure(RsaPublicKeyStructure structure, string optionName)
    {
        RsaKeyParameters key;
        try
        {
            key = new RsaKeyParameters(false, structure.Modulus, structure.PublicExponent);
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            throw Damaged(optionName);
        }
        CheckSize(key.Modulus, optionName);
        return key;
    }

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

    private static ArgumentException Damaged(string optionName) =>
        Fail(optionName,
            $"{optionName} holds a PEM block that cannot be read: it is truncated or damaged. "
            + "Check that the whole file was copied, from the -----BEGIN line to the -----END line.");

    private static ArgumentException NotRsa(string optionName, string what) =>
        Fail(optionName, $"{optionName} is {what}, not an RSA key: WeChat Pay APIv3 needs RSA keys of at least {MinimumKeyBits} bits.");

    private static ArgumentException NeedsPassphrase(string optionName) =>
        Fail(optionName, $"{optionName} is encrypted: set {optionName}Passphrase.");

    private static ArgumentException WrongPassphrase(string optionName) =>
        Fail(optionName,
            $"{optionName} could not be decrypted: wrong passphrase in {optionName}Passphrase "
            + "(or the encrypted key is damaged, or uses an encryption scheme that is not supported).");

    /// <summary>Hands a passphrase to BouncyCastle's OpenSSL reader.</summary>
    private sealed class Passphrase : IPasswordFinder
    {
        private readonly char[] _value;

        internal Passphrase(char[] value) => _value = value;

        public char[] GetPassword() => (char[])_value.Clone();
    }
}
