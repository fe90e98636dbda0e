using System;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;

namespace WeChatPay.Chain.Crypto;

/// <content>Public keys: SubjectPublicKeyInfo and PKCS#1 RSA public keys.</content>
internal static partial class PemKeyReader
{
    private static (BigInteger Modulus, BigInteger Exponent) FromSubjectPublicKeyInfo(SubjectPublicKeyInfo info, string optionName)
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

    // The checks PlatformKeyImport makes: a size the client accepts, an odd modulus, an odd exponent above one.
    // BouncyCastle's own parameters (which also test the modulus for primality, 30-40 ms) are built only where its path runs.
    private static (BigInteger Modulus, BigInteger Exponent) FromRsaPublicStructure(RsaPublicKeyStructure structure, string optionName)
    {
        BigInteger modulus, exponent;
        try
        {
            modulus = structure.Modulus;
            exponent = structure.PublicExponent;
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            throw Damaged(optionName);
        }
        if (modulus is null || exponent is null || modulus.SignValue <= 0 || !modulus.TestBit(0) || !exponent.TestBit(0) || exponent.CompareTo(BigInteger.One) <= 0)
        {
            throw Damaged(optionName);
        }
        CheckSize(modulus, optionName);
        return (modulus, exponent);
    }
}
