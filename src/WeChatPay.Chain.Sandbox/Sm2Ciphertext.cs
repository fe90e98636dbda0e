using System;
using System.IO;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Math;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// WeChat Pay's form of an SM2 ciphertext: BouncyCastle's C1C3C2 bytes (<c>04‖x‖y‖hash‖ciphertext</c>) written as ASN.1
/// DER <c>SEQUENCE{x INTEGER, y INTEGER, hash OCTET STRING(32), ciphertext OCTET STRING}</c>, and read back strictly.
/// </summary>
internal static class Sm2Ciphertext
{
    private const int CoordinateBytes = 32;
    private const int HashBytes = 32;

    /// <summary>C1C3C2 bytes (uncompressed C1) as DER.</summary>
    public static byte[] ToDer(byte[] c1c3c2)
    {
        var x = new BigInteger(1, c1c3c2, 1, CoordinateBytes);
        var y = new BigInteger(1, c1c3c2, 1 + CoordinateBytes, CoordinateBytes);
        var hash = c1c3c2.AsSpan(1 + 2 * CoordinateBytes, HashBytes).ToArray();
        var body = c1c3c2.AsSpan(1 + 2 * CoordinateBytes + HashBytes).ToArray();
        return new DerSequence(new DerInteger(x), new DerInteger(y), new DerOctetString(hash), new DerOctetString(body)).GetEncoded(Asn1Encodable.Der);
    }

    /// <summary>The C1C3C2 bytes of a DER ciphertext, or null when it is not that structure (or not DER).</summary>
    public static byte[]? FromDer(byte[] der)
    {
        try
        {
            if (Asn1Object.FromByteArray(der) is not Asn1Sequence { Count: 4 } sequence) return null;
            if (sequence[0] is not DerInteger x || sequence[1] is not DerInteger y
                || sequence[2] is not Asn1OctetString hash || sequence[3] is not Asn1OctetString body)
                return null;
            if (hash.GetOctets().Length != HashBytes || x.Value.SignValue < 0 || y.Value.SignValue < 0) return null;
            // Strict DER only: what WeChat Pay writes re-encodes to the same bytes.
            if (!sequence.GetEncoded(Asn1Encodable.Der).AsSpan().SequenceEqual(der)) return null;
            var xBytes = x.Value.ToByteArrayUnsigned();
            var yBytes = y.Value.ToByteArrayUnsigned();
            if (xBytes.Length > CoordinateBytes || yBytes.Length > CoordinateBytes) return null;
            var raw = new byte[1 + 2 * CoordinateBytes + HashBytes + body.GetOctets().Length];
            raw[0] = 0x04;
            xBytes.CopyTo(raw, 1 + CoordinateBytes - xBytes.Length);
            yBytes.CopyTo(raw, 1 + 2 * CoordinateBytes - yBytes.Length);
            hash.GetOctets().CopyTo(raw, 1 + 2 * CoordinateBytes);
            body.GetOctets().CopyTo(raw, 1 + 2 * CoordinateBytes + HashBytes);
            return raw;
        }
        catch (Exception e) when (e is IOException || e is ArgumentException || e is InvalidCastException || e is InvalidOperationException)
        {
            return null;
        }
    }
}
