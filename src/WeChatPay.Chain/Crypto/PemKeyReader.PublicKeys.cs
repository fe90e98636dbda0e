using System;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;

namespace WeChatPay.Chain.Crypto;

/// <content>Public keys: SubjectPublicKeyInfo and PKCS#1 RSA public keys.</content>
internal static partial class PemKeyReader
{
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
}
