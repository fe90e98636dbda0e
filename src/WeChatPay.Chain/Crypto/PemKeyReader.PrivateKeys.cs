using System;
using System.Collections.Generic;
using System.IO;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using PemBlock = Org.BouncyCastle.Utilities.IO.Pem.PemObject;
using PemBlockWriter = Org.BouncyCastle.Utilities.IO.Pem.PemWriter;

namespace WeChatPay.Chain.Crypto;

/// <content>Private keys: PKCS#8, PKCS#1, encrypted PKCS#8 and legacy encrypted PKCS#1, each checked for consistency.</content>
internal static partial class PemKeyReader
{
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
        BigInteger pMinus1 = p.Subtract(BigInteger.One), qMinus1 = q.Subtract(BigInteger.One);
        BigInteger e = key.PublicExponent, d = key.Exponent;
        return e.Multiply(d).Mod(pMinus1).Equals(BigInteger.One)
            && e.Multiply(d).Mod(qMinus1).Equals(BigInteger.One)
            && key.DP.Equals(d.Mod(pMinus1))
            && key.DQ.Equals(d.Mod(qMinus1))
            && key.QInv.Multiply(q).Mod(p).Equals(BigInteger.One);
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

    /// <summary>OpenSSL's traditional encrypted PKCS#1, or with <paramref name="acceptSm2"/> SEC1 ("Proc-Type: 4,ENCRYPTED" + "DEK-Info").</summary>
    private static AsymmetricKeyParameter DecryptLegacy(PemBlock block, string? passphrase, string optionName, bool acceptSm2)
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
                if (acceptSm2 && decoded is AsymmetricCipherKeyPair ecPair && ecPair.Private is ECPrivateKeyParameters ec)
                {
                    return FromEcParameters(ec, ecPair.Public as ECPublicKeyParameters, optionName);
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


    /// <summary>Hands a passphrase to BouncyCastle's OpenSSL reader.</summary>
    private sealed class Passphrase : IPasswordFinder
    {
        private readonly char[] _value;

        internal Passphrase(char[] value) => _value = value;

        public char[] GetPassword() => (char[])_value.Clone();
    }
}
