using NUnit.Framework;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Math.EC;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Crypto;

public sealed class Sm2CurveTests
{
    [Test]
    public void The_SM2_domain_is_the_standard_curve_on_BouncyCastles_fixed_width_arithmetic()
    {
        // The generic FpCurve (GMNamedCurves) computes the same results with BigIntegers, several times slower and
        // allocating megabytes per signature; the benchmarks measure the cost, this pins the choice.
        // (CustomNamedCurves' SM2P256V1Curve is internal to BouncyCastle: it is an AbstractFpCurve, not the generic FpCurve.)
        Assert.That(Sm2Support.Domain.Curve, Is.InstanceOf<AbstractFpCurve>().And.Not.InstanceOf<FpCurve>());

        X9ECParameters standard = GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1);
        Assert.Multiple(() =>
        {
            Assert.That(Sm2Support.Domain.Curve.Equals(standard.Curve), Is.True, "curve");
            Assert.That(Sm2Support.Domain.G.Equals(standard.G), Is.True, "base point");
            Assert.That(Sm2Support.Domain.N, Is.EqualTo(standard.N), "order");
            Assert.That(Sm2Support.Domain.H, Is.EqualTo(standard.H), "cofactor");
        });
    }

    [Test]
    public void A_public_point_on_the_generic_curve_is_taken_onto_the_domain_and_verifies()
    {
        // Certificates and PEM keys may come out of BouncyCastle on either implementation of the curve.
        X9ECParameters standard = GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1);
        var d = new Org.BouncyCastle.Math.BigInteger("4d2a1c0ffee0123456789abcdef0123456789abcdef0123456789abcdef01234", 16);
        var privateKey = new Sm2PrivateKey(new Org.BouncyCastle.Crypto.Parameters.ECPrivateKeyParameters(d, Sm2Support.Domain));
        var publicKey = new Sm2PublicKey(standard.G.Multiply(d).Normalize(), null);
        byte[] message = System.Text.Encoding.UTF8.GetBytes("GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n");

        Assert.Multiple(() =>
        {
            Assert.That(publicKey.SameKeyAs(privateKey.PublicKey), Is.True);
            Assert.That(publicKey.Verify(message, privateKey.Sign(message)), Is.True);
            Assert.That(privateKey.Decrypt(publicKey.Encrypt("张小明")), Is.EqualTo("张小明"));
        });
    }
}
