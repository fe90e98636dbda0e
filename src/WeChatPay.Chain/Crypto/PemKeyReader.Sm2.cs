using System;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace WeChatPay.Chain.Crypto;

/// <content>
/// SM2 (国密) keys: EC keys on the SM2 curve, named by id-ecPublicKey with the curve OID 1.2.156.10197.1.301 (what OpenSSL
/// writes) or by that OID as the algorithm. Read only where the caller accepts SM2; EC keys on other curves are refused.
/// </content>
internal static partial class PemKeyReader
{
    private static AsymmetricKeyParameter FromAnyPrivateKeyInfo(PrivateKeyInfo info, string optionName, bool acceptSm2)
    {
        DerObjectIdentifier algorithm = info.PrivateKeyAlgorithm.Algorithm;
        if (!acceptSm2 || PkcsObjectIdentifiers.RsaEncryption.Equals(algorithm))
        {
            return FromPrivateKeyInfo(info, optionName);
        }
        if (!IsEcAlgorithm(algorithm))
        {
            throw NotRsaOrSm2(optionName, DescribeAlgorithm(algorithm));
        }
        CheckSm2Curve(info.PrivateKeyAlgorithm, optionName);
        ECPrivateKeyStructure structure;
        try
        {
            structure = ECPrivateKeyStructure.GetInstance(info.ParsePrivateKey());
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            throw Damaged(optionName);
        }
        return FromSec1(structure, curveKnown: true, optionName);
    }

    /// <summary>A SEC1 <c>ECPrivateKey</c>: its curve (when named inside, or <paramref name="curveKnown"/> from PKCS#8) must be SM2.</summary>
    private static ECPrivateKeyParameters FromSec1(ECPrivateKeyStructure structure, bool curveKnown, string optionName)
    {
        BigInteger d;
        Asn1Object? parameters;
        DerBitString? publicKey;
        try
        {
            d = structure.GetKey();
            parameters = structure.Parameters?.ToAsn1Object();
            publicKey = structure.PublicKey;
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            throw Damaged(optionName);
        }
        if (parameters is not null)
        {
            CheckCurveParameters(parameters, optionName);
        }
        else if (!curveKnown)
        {
            throw NoCurve(optionName);
        }
        return Sm2Checked(d, publicKey?.GetOctets(), optionName);
    }

    /// <summary>A key BouncyCastle's OpenSSL reader decrypted (legacy encrypted SEC1).</summary>
    private static ECPrivateKeyParameters FromEcParameters(ECPrivateKeyParameters key, ECPublicKeyParameters? publicKey, string optionName)
    {
        if (!Sm2Support.IsSm2(key.Parameters))
        {
            throw NotSm2Curve(optionName, key.Parameters is ECNamedDomainParameters named ? DescribeCurve(named.Name) : "another curve");
        }
        return Sm2Checked(key.D, publicKey?.Q.GetEncoded(false), optionName);
    }

    /// <summary>Checks the private number is in range and that the public key the file carries, if any, is its own.</summary>
    private static ECPrivateKeyParameters Sm2Checked(BigInteger d, byte[]? publicPoint, string optionName)
    {
        if (d is null || !Sm2Support.IsValidPrivate(d))
        {
            throw Fail(optionName, $"{optionName} is damaged: its SM2 private number is out of range. Use an intact copy of the key file.");
        }
        if (publicPoint is not null)
        {
            ECPoint? carried = Sm2Support.TryDecodePoint(publicPoint);
            if (carried is null || !carried.Equals(Sm2Support.Domain.G.Multiply(d).Normalize()))
            {
                throw Fail(optionName,
                    $"{optionName} is damaged: the public key it carries does not match its SM2 private key. Use an intact copy of the key file.");
            }
        }
        return new ECPrivateKeyParameters(d, Sm2Support.Domain);
    }

    private static ECPublicKeyParameters? FromAnySubjectPublicKeyInfo(SubjectPublicKeyInfo info, string optionName, bool acceptSm2,
        out (BigInteger Modulus, BigInteger Exponent) rsa)
    {
        DerObjectIdentifier algorithm = info.Algorithm.Algorithm;
        if (!acceptSm2 || PkcsObjectIdentifiers.RsaEncryption.Equals(algorithm))
        {
            rsa = FromSubjectPublicKeyInfo(info, optionName);
            return null;
        }
        rsa = default;
        if (!IsEcAlgorithm(algorithm))
        {
            throw NotRsaOrSm2(optionName, DescribeAlgorithm(algorithm));
        }
        CheckSm2Curve(info.Algorithm, optionName);
        ECPoint? point = Sm2Support.TryDecodePoint(info.PublicKey.GetOctets());
        return point is null ? throw Damaged(optionName) : new ECPublicKeyParameters(point, Sm2Support.Domain);
    }

    private static bool IsEcAlgorithm(DerObjectIdentifier algorithm) =>
        X9ObjectIdentifiers.IdECPublicKey.Equals(algorithm) || Sm2Support.CurveOid.Equals(algorithm);

    /// <summary>The curve of an EC algorithm identifier must be SM2.</summary>
    private static void CheckSm2Curve(AlgorithmIdentifier algorithm, string optionName)
    {
        Asn1Encodable? parameters = algorithm.Parameters;
        if (Sm2Support.CurveOid.Equals(algorithm.Algorithm))
        {
            // The SM2 OID as the algorithm: no parameters, NULL, or the SM2 curve again.
            if (parameters is null || parameters is DerNull)
            {
                return;
            }
        }
        if (parameters is null || parameters is DerNull)
        {
            throw NoCurve(optionName);
        }
        CheckCurveParameters(parameters, optionName);
    }

    private static void CheckCurveParameters(Asn1Encodable parameters, string optionName)
    {
        X962Parameters curve;
        try
        {
            curve = X962Parameters.GetInstance(parameters);
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            throw Damaged(optionName);
        }
        if (curve.IsNamedCurve)
        {
            var oid = (DerObjectIdentifier)curve.Parameters;
            if (!Sm2Support.CurveOid.Equals(oid))
            {
                throw NotSm2Curve(optionName, DescribeCurve(oid));
            }
            return;
        }
        if (curve.IsImplicitlyCA)
        {
            throw NoCurve(optionName);
        }
        X9ECParameters explicitCurve;
        try
        {
            explicitCurve = X9ECParameters.GetInstance(curve.Parameters);
        }
        catch (Exception ex) when (IsParseFailure(ex))
        {
            throw Damaged(optionName);
        }
        if (!Sm2Support.IsSm2(new ECDomainParameters(explicitCurve)))
        {
            throw NotSm2Curve(optionName, "another curve (given by explicit parameters)");
        }
    }

    private static string DescribeCurve(DerObjectIdentifier oid)
    {
        string? name = Org.BouncyCastle.Asn1.Nist.NistNamedCurves.GetName(oid) ?? ECNamedCurveTable.GetName(oid);
        return name is null ? oid.Id : $"{name} ({oid.Id})";
    }
}
