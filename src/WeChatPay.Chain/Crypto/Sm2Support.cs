using System;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace WeChatPay.Chain.Crypto;

/// <summary>Shared pieces of <see cref="Sm2PrivateKey"/> and <see cref="Sm2PublicKey"/>: the curve, the ID, the ciphertext form.</summary>
/// <remarks>
/// WeChat Pay's SM2 ciphertext is the C1C3C2 ciphertext of GB/T 32918.4 written as ASN.1 DER (GB/T 35276):
/// <c>SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING (32), ciphertext OCTET STRING }</c>, where (x, y) is C1, hash is
/// C3 = SM3(x2‖M‖y2) and ciphertext is C2. BouncyCastle's <c>SM2Engine</c> takes and returns the raw
/// <c>04‖x‖y‖C3‖C2</c>; <see cref="ToDer"/> and <see cref="TryFromDer"/> convert between the two.
/// </remarks>
internal static class Sm2Support
{
    /// <summary>Bytes of a coordinate (and of the private number) on the 256-bit SM2 curve.</summary>
    internal const int FieldBytes = 32;

    /// <summary>The distinguishing ID WeChat Pay signs and verifies with (the GB/T 32918 default).</summary>
    internal const string DistinguishingId = "1234567812345678";

    /// <summary>The OID of the SM2 curve (sm2p256v1), also used as an algorithm identifier by some tools.</summary>
    internal static readonly DerObjectIdentifier CurveOid = GMObjectIdentifiers.sm2p256v1;

    /// <summary>The SM2 curve's domain parameters.</summary>
    internal static readonly ECDomainParameters Domain = CreateDomain();

    /// <summary>The UTF-8 bytes of <see cref="DistinguishingId"/>.</summary>
    internal static byte[] IdBytes() => Encoding.ASCII.GetBytes(DistinguishingId);

    /// <summary>An SM2-with-SM3 signer whose signatures are DER <c>SEQUENCE { r, s }</c> (strictly DER when verifying).</summary>
    internal static SM2Signer CreateSigner() => new SM2Signer(StandardDsaEncoding.Instance, new SM3Digest());

    /// <summary>True when <paramref name="domain"/> is the SM2 curve (same curve, base point and order).</summary>
    internal static bool IsSm2(ECDomainParameters domain) =>
        domain.Curve.Equals(Domain.Curve) && domain.G.Equals(Domain.G) && domain.N.Equals(Domain.N);

    /// <summary>True when <paramref name="d"/> is a usable SM2 private number: 1 ≤ d ≤ n − 2 (1 + d must be invertible).</summary>
    internal static bool IsValidPrivate(BigInteger d) =>
        d.SignValue > 0 && d.CompareTo(Domain.N.Subtract(BigInteger.Two)) <= 0;

    /// <summary>Decodes an encoded point (04‖x‖y, or compressed) on the SM2 curve; null when it is not a finite point of the curve.</summary>
    internal static ECPoint? TryDecodePoint(byte[] encoded)
    {
        try
        {
            ECPoint point = Domain.Curve.DecodePoint(encoded).Normalize();
            return point.IsInfinity || !point.IsValid() ? null : point;
        }
        catch (Exception ex) when (!(ex is OutOfMemoryException))
        {
            return null;
        }
    }

    /// <summary>The point (x, y) on the SM2 curve; null when the numbers are out of range or the point is not on the curve.</summary>
    internal static ECPoint? TryCreatePoint(BigInteger x, BigInteger y)
    {
        BigInteger p = Domain.Curve.Field.Characteristic;
        if (x.SignValue < 0 || y.SignValue < 0 || x.CompareTo(p) >= 0 || y.CompareTo(p) >= 0)
        {
            return null;
        }
        try
        {
            ECPoint point = Domain.Curve.ValidatePoint(x, y).Normalize();
            return point.IsInfinity ? null : point;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Re-encodes BouncyCastle's raw C1C3C2 (<c>04‖x‖y‖C3‖C2</c>) as WeChat Pay's DER form.</summary>
    internal static byte[] ToDer(byte[] raw)
    {
        int c2Offset = 1 + 2 * FieldBytes + Sm3.DigestBytes;
        var x = new BigInteger(1, raw, 1, FieldBytes);
        var y = new BigInteger(1, raw, 1 + FieldBytes, FieldBytes);
        byte[] c3 = new byte[Sm3.DigestBytes];
        byte[] c2 = new byte[raw.Length - c2Offset];
        Array.Copy(raw, 1 + 2 * FieldBytes, c3, 0, c3.Length);
        Array.Copy(raw, c2Offset, c2, 0, c2.Length);
        return new DerSequence(new DerInteger(x), new DerInteger(y), new DerOctetString(c3), new DerOctetString(c2)).GetDerEncoded();
    }

    /// <summary>
    /// BouncyCastle's raw C1C3C2 for WeChat Pay's DER form, or null when <paramref name="der"/> is not exactly that: a DER
    /// (not BER) SEQUENCE of two INTEGERs that are a point on the SM2 curve, a 32-byte OCTET STRING and a non-empty
    /// OCTET STRING, with nothing after it.
    /// </summary>
    internal static byte[]? TryFromDer(byte[] der)
    {
        if (der.Length < 2 || der[0] != 0x30)
        {
            return null;
        }
        try
        {
            if (!(Asn1Object.FromByteArray(der) is Asn1Sequence sequence) || sequence.Count != 4
                || !(sequence[0] is DerInteger x) || !(sequence[1] is DerInteger y)
                || !(sequence[2] is Asn1OctetString c3) || !(sequence[3] is Asn1OctetString c2))
            {
                return null;
            }
            byte[] hash = c3.GetOctets(), body = c2.GetOctets();
            if (hash.Length != Sm3.DigestBytes || body.Length == 0 || !AreEqual(sequence.GetDerEncoded(), der))
            {
                return null;
            }
            ECPoint? c1 = TryCreatePoint(x.Value, y.Value);
            if (c1 is null)
            {
                return null;
            }
            byte[] point = c1.GetEncoded(false);
            byte[] raw = new byte[point.Length + hash.Length + body.Length];
            Array.Copy(point, 0, raw, 0, point.Length);
            Array.Copy(hash, 0, raw, point.Length, hash.Length);
            Array.Copy(body, 0, raw, point.Length + hash.Length, body.Length);
            return raw;
        }
        catch (Exception ex) when (!(ex is OutOfMemoryException))
        {
            return null;
        }
    }

    private static bool AreEqual(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);

    // CustomNamedCurves, not GMNamedCurves: the same curve, but on BouncyCastle's fixed-width SM2P256V1Curve arithmetic.
    // GMNamedCurves gives the generic FpCurve, whose every field operation allocates BigIntegers: an SM2 signature then
    // took about 3 ms and 2.5 MB, a verification 1–2 ms and 2 MB (docs/benchmarks.md, 2026-12-07).
    private static ECDomainParameters CreateDomain()
    {
        X9ECParameters curve = CustomNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1);
        return new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, curve);
    }
}
