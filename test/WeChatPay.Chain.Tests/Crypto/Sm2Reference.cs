using System;
using System.IO;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.OpenSsl;

namespace WeChatPay.Chain.Tests.Crypto;

/// <summary>
/// SM2 done the long way, with none of the product's code: what checks the product's randomised signatures and
/// ciphertexts. Verification is GB/T 32918.2 written out on BouncyCastle's point arithmetic; decryption is BouncyCastle's
/// SM2Engine fed with the raw C1C3C2 this class cuts out of the DER itself. Keys are read by BouncyCastle's PEM reader.
/// </summary>
public static class Sm2Reference
{
    private static readonly X9ECParameters Curve = GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1);

    public static ECPublicKeyParameters PublicKey(string relativePath) =>
        (ECPublicKeyParameters)new PemReader(new StringReader(CryptoTestData.Text(relativePath))).ReadObject();

    public static ECPrivateKeyParameters PrivateKey(string relativePath) =>
        (ECPrivateKeyParameters)new PemReader(new StringReader(CryptoTestData.Text(relativePath))).ReadObject();

    /// <summary>GB/T 32918.2 verification: e = SM3(Z‖M), t = r + s, (x1, y1) = sG + tP, accept when (e + x1) mod n = r.</summary>
    public static bool Verify(ECPoint publicPoint, byte[] message, string signatureBase64, string id = "1234567812345678")
    {
        publicPoint = Curve.Curve.DecodePoint(publicPoint.GetEncoded(false)); // onto this curve object
        var sequence = (Asn1Sequence)Asn1Object.FromByteArray(Convert.FromBase64String(signatureBase64));
        if (sequence.Count != 2)
        {
            return false;
        }
        BigInteger r = DerInteger.GetInstance(sequence[0]).Value;
        BigInteger s = DerInteger.GetInstance(sequence[1]).Value;
        BigInteger n = Curve.N;
        if (r.SignValue <= 0 || s.SignValue <= 0 || r.CompareTo(n) >= 0 || s.CompareTo(n) >= 0)
        {
            return false;
        }
        BigInteger e = new BigInteger(1, Sm3(Concat(Z(publicPoint, id), message)));
        BigInteger t = r.Add(s).Mod(n);
        if (t.SignValue == 0)
        {
            return false;
        }
        ECPoint point = Curve.G.Multiply(s).Add(publicPoint.Multiply(t)).Normalize();
        return e.Add(point.AffineXCoord.ToBigInteger()).Mod(n).Equals(r);
    }

    /// <summary>Decrypts WeChat Pay's DER form with BouncyCastle's SM2Engine (C1C3C2, SM3) directly.</summary>
    public static string Decrypt(ECPrivateKeyParameters key, string ciphertextBase64)
    {
        var sequence = (Asn1Sequence)Asn1Object.FromByteArray(Convert.FromBase64String(ciphertextBase64));
        byte[] x = Fixed(DerInteger.GetInstance(sequence[0]).Value);
        byte[] y = Fixed(DerInteger.GetInstance(sequence[1]).Value);
        byte[] c3 = Asn1OctetString.GetInstance(sequence[2]).GetOctets();
        byte[] c2 = Asn1OctetString.GetInstance(sequence[3]).GetOctets();
        byte[] raw = Concat(new byte[] { 0x04 }, x, y, c3, c2);
        var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.Init(false, key);
        return Encoding.UTF8.GetString(engine.ProcessBlock(raw, 0, raw.Length));
    }

    /// <summary>Encrypts with BouncyCastle's SM2Engine directly and writes the DER form (for tests of the product's decryption).</summary>
    public static string Encrypt(ECPublicKeyParameters key, byte[] plaintext)
    {
        var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.Init(true, new ParametersWithRandom(key, new Org.BouncyCastle.Security.SecureRandom()));
        byte[] raw = engine.ProcessBlock(plaintext, 0, plaintext.Length);
        return Der(new BigInteger(1, raw, 1, 32), new BigInteger(1, raw, 33, 32), raw.AsSpan(65, 32).ToArray(), raw.AsSpan(97).ToArray());
    }

    /// <summary>base64 of <c>SEQUENCE { x, y, hash, ciphertext }</c>.</summary>
    public static string Der(BigInteger x, BigInteger y, byte[] hash, byte[] ciphertext) =>
        Convert.ToBase64String(new DerSequence(new DerInteger(x), new DerInteger(y), new DerOctetString(hash), new DerOctetString(ciphertext)).GetDerEncoded());

    /// <summary>Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA).</summary>
    private static byte[] Z(ECPoint publicPoint, string id)
    {
        byte[] idBytes = Encoding.ASCII.GetBytes(id);
        int bits = idBytes.Length * 8;
        ECPoint p = publicPoint.Normalize();
        return Sm3(Concat(
            new[] { (byte)(bits >> 8), (byte)bits },
            idBytes,
            Fixed(Curve.Curve.A.ToBigInteger()),
            Fixed(Curve.Curve.B.ToBigInteger()),
            Fixed(Curve.G.AffineXCoord.ToBigInteger()),
            Fixed(Curve.G.AffineYCoord.ToBigInteger()),
            Fixed(p.AffineXCoord.ToBigInteger()),
            Fixed(p.AffineYCoord.ToBigInteger())));
    }

    private static byte[] Sm3(byte[] data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data, 0, data.Length);
        byte[] result = new byte[32];
        digest.DoFinal(result, 0);
        return result;
    }

    private static byte[] Fixed(BigInteger value) => Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, value);

    private static byte[] Concat(params byte[][] parts)
    {
        using var stream = new MemoryStream();
        foreach (byte[] part in parts)
        {
            stream.Write(part, 0, part.Length);
        }
        return stream.ToArray();
    }
}
