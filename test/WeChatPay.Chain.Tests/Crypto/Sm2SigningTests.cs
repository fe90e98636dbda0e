using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Math;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Crypto;

public sealed class Sm2SigningTests
{
    private static readonly BigInteger N = GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1).N;

    private Sm2PrivateKey merchantKey = null!;
    private Sm2PublicKey merchantPublic = null!;
    private Sm2PublicKey platformPublic = null!;

    public static IEnumerable<TestCaseData> SigningVectors()
    {
        foreach (JsonElement c in SmTestData.Cases("signing"))
        {
            yield return new TestCaseData(c.String("message"), c.String("signature")).SetArgDisplayNames(c.String("name"));
        }
    }

    public static IEnumerable<TestCaseData> InvalidSigningVectors()
    {
        foreach (JsonElement c in SmTestData.Cases("signing_invalid"))
        {
            yield return new TestCaseData(c.String("key"), c.String("message"), c.String("signature")).SetArgDisplayNames(c.String("name"));
        }
    }

    [OneTimeSetUp]
    public void LoadKeys()
    {
        merchantKey = Sm2PrivateKey.Load(CryptoTestData.PathOf(SmTestData.MerchantKey), null, "MerchantPrivateKey");
        merchantPublic = Sm2PublicKey.Load(CryptoTestData.PathOf(SmTestData.MerchantPublicKey), "MerchantPublicKey");
        platformPublic = Sm2PublicKey.Load(CryptoTestData.PathOf(SmTestData.PlatformPublicKey), "PlatformPublicKey");
    }

    [TestCaseSource(nameof(SigningVectors))]
    public void Each_vector_signature_verifies_with_the_merchant_public_key(string message, string signature)
    {
        Assert.That(merchantPublic.Verify(Encoding.UTF8.GetBytes(message), signature), Is.True);
    }

    [TestCaseSource(nameof(SigningVectors))]
    public void Each_vector_signature_verifies_with_the_public_half_of_the_merchant_private_key(string message, string signature)
    {
        Assert.That(merchantKey.PublicKey.Verify(Encoding.UTF8.GetBytes(message), signature), Is.True);
    }

    [TestCaseSource(nameof(InvalidSigningVectors))]
    public void Each_invalid_vector_signature_does_not_verify(string key, string message, string signature)
    {
        Sm2PublicKey publicKey = Sm2PublicKey.Load(CryptoTestData.PathOf(SmTestData.KeyFile(key)), "MerchantPublicKey");

        Assert.That(publicKey.Verify(Encoding.UTF8.GetBytes(message), signature), Is.False);
    }

    [TestCaseSource(nameof(SigningVectors))]
    public void Our_signature_of_each_vector_message_passes_a_hand_written_SM2_verification(string message, string vectorSignature)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(message);

        string signature = merchantKey.Sign(bytes);

        Assert.That(Sm2Reference.Verify(Sm2Reference.PublicKey(SmTestData.MerchantPublicKey).Q, bytes, signature), Is.True);
        Assert.That(Sm2Reference.Verify(Sm2Reference.PublicKey(SmTestData.MerchantPublicKey).Q, bytes, signature, "ALICE123@YAHOO.COM"), Is.False);
        Assert.That(Sm2Reference.Verify(Sm2Reference.PublicKey(SmTestData.PlatformPublicKey).Q, bytes, signature), Is.False);
    }

    [Test]
    public void The_hand_written_verification_accepts_the_vector_signatures_too()
    {
        foreach (JsonElement c in SmTestData.Cases("signing"))
        {
            Assert.That(Sm2Reference.Verify(Sm2Reference.PublicKey(SmTestData.MerchantPublicKey).Q, Encoding.UTF8.GetBytes(c.String("message")), c.String("signature")),
                Is.True, c.String("name"));
        }
    }

    [Test]
    public void Signatures_are_randomised_DER_of_two_integers()
    {
        byte[] message = Encoding.UTF8.GetBytes("GET\n/v3/certificates?algorithm_type=SM2\n1763802100\nnonce\n\n");

        string first = merchantKey.Sign(message);
        string second = merchantKey.Sign(message);

        Assert.That(first, Is.Not.EqualTo(second));
        var sequence = (Asn1Sequence)Asn1Object.FromByteArray(Convert.FromBase64String(first));
        Assert.That(sequence.Count, Is.EqualTo(2));
        Assert.That(sequence.GetDerEncoded(), Is.EqualTo(Convert.FromBase64String(first)));
        Assert.That(merchantPublic.Verify(message, first) && merchantPublic.Verify(message, second), Is.True);
        Assert.That(platformPublic.Verify(message, first), Is.False);
    }

    [Test]
    public void Signing_the_empty_message_works_and_null_is_refused()
    {
        string signature = merchantKey.Sign(Array.Empty<byte>());

        Assert.That(merchantPublic.Verify(Array.Empty<byte>(), signature), Is.True);
        Assert.Throws<ArgumentNullException>(() => merchantKey.Sign(null!));
        Assert.Throws<ArgumentNullException>(() => merchantPublic.Verify(null!, signature));
    }

    [Test]
    public void A_signature_with_anything_wrong_in_its_form_is_false_never_an_exception()
    {
        byte[] message = Encoding.UTF8.GetBytes("message");
        string good = merchantKey.Sign(message);
        byte[] der = Convert.FromBase64String(good);
        var sequence = (Asn1Sequence)Asn1Object.FromByteArray(der);
        BigInteger r = DerInteger.GetInstance(sequence[0]).Value, s = DerInteger.GetInstance(sequence[1]).Value;
        var bad = new Dictionary<string, string?>
        {
            ["null"] = null,
            ["empty"] = string.Empty,
            ["the SIGNTEST probe"] = VerifyingKey.SignTestPrefix + good,
            ["not base64"] = "not*base64!",
            ["base64 of text"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("a signature, honestly")),
            ["trailing bytes"] = Convert.ToBase64String(der.Concat(new byte[] { 0 }).ToArray()),
            ["truncated"] = Convert.ToBase64String(der.Take(der.Length - 1).ToArray()),
            ["BER long-form length"] = Convert.ToBase64String(new byte[] { 0x30, 0x81, der[1] }.Concat(der.Skip(2)).ToArray()),
            ["raw r||s instead of DER"] = Convert.ToBase64String(Fixed(r).Concat(Fixed(s)).ToArray()),
            ["r = 0"] = Signature(BigInteger.Zero, s),
            ["s = 0"] = Signature(r, BigInteger.Zero),
            ["r = n"] = Signature(N, s),
            ["s = n"] = Signature(r, N),
            ["r + n"] = Signature(r.Add(N), s),
            ["negative s"] = Signature(r, s.Negate()),
            ["r and s swapped"] = Signature(s, r),
            ["three integers"] = Convert.ToBase64String(new DerSequence(new DerInteger(r), new DerInteger(s), DerInteger.One).GetDerEncoded()),
            ["far too long"] = new string('A', 4000),
        };

        foreach (var pair in bad)
        {
            Assert.That(merchantPublic.Verify(message, pair.Value), Is.False, pair.Key);
        }
        Assert.That(merchantPublic.Verify(message, good), Is.True);
    }

    [Test]
    public void The_keys_belong_to_the_SM_scheme_and_show_no_key_material()
    {
        Assert.That(merchantKey.Scheme, Is.SameAs(Scheme.Sm));
        Assert.That(merchantPublic.Scheme, Is.SameAs(Scheme.Sm));
        Assert.That(merchantKey.ToString(), Is.EqualTo("SM2 private key"));
        Assert.That(merchantPublic.ToString(), Is.EqualTo("SM2 public key"));
    }

    private static string Signature(BigInteger r, BigInteger s) =>
        Convert.ToBase64String(new DerSequence(new DerInteger(r), new DerInteger(s)).GetDerEncoded());

    private static byte[] Fixed(BigInteger value) => Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, value);
}
