using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// The sandbox's own SM2, on BouncyCastle and nothing of the client's: SM2-with-SM3 signatures under the distinguishing ID
/// <c>1234567812345678</c> (DER <c>SEQUENCE{r,s}</c>), and SM2 encryption (C1C3C2 with SM3) written as WeChat Pay's
/// ASN.1 (<see cref="Sm2Ciphertext"/>); base64 on the outside. A signer or engine per call: BouncyCastle's are stateful.
/// </summary>
internal sealed class SandboxSm2 : SandboxKey
{
    /// <summary>The distinguishing ID WeChat Pay signs and verifies with.</summary>
    public const string DistinguishingId = "1234567812345678";

    private static readonly byte[] Id = Encoding.ASCII.GetBytes(DistinguishingId);
    private static readonly ECDomainParameters Curve = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));
    private static readonly SecureRandom Random = new();

    private readonly ECPrivateKeyParameters? _private;

    private SandboxSm2(ECPrivateKeyParameters? privateKey, ECPublicKeyParameters publicKey)
    {
        _private = privateKey;
        Public = publicKey;
        PublicKeyBytes = publicKey.Q.GetEncoded(false);
    }

    /// <summary>The public key.</summary>
    public ECPublicKeyParameters Public { get; }

    /// <summary>The private key; throws for a public-only key.</summary>
    public ECPrivateKeyParameters Private => _private ?? throw new InvalidOperationException("This SM2 key is public only.");

    /// <inheritdoc/>
    public override bool HasPrivateKey => _private is not null;

    /// <summary>The uncompressed point <c>04‖x‖y</c>.</summary>
    public override byte[] PublicKeyBytes { get; }

    /// <summary>The private key as unencrypted PKCS#8 PEM.</summary>
    public string PrivatePem => new(PemEncoding.Write("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(Private).GetEncoded()));

    /// <summary>The public key as SPKI PEM.</summary>
    public string PublicPem => new(PemEncoding.Write("PUBLIC KEY", SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(Public).GetEncoded()));

    /// <summary>A new SM2 key pair on the curve sm2p256v1.</summary>
    public static SandboxSm2 Generate()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Curve, Random));
        var pair = generator.GenerateKeyPair();
        return new SandboxSm2((ECPrivateKeyParameters)pair.Private, (ECPublicKeyParameters)pair.Public);
    }

    /// <summary>Reads an unencrypted SM2 private key PEM (PKCS#8 <c>PRIVATE KEY</c> or SEC1 <c>EC PRIVATE KEY</c>).</summary>
    /// <exception cref="ArgumentException">The text is not an SM2 private key; the message names <paramref name="option"/>.</exception>
    public static SandboxSm2 FromPrivatePem(string pem, string option)
    {
        object? read;
        try
        {
            read = new Org.BouncyCastle.OpenSsl.PemReader(new StringReader(pem)).ReadObject();
        }
        catch (Exception e) when (e is IOException || e is ArgumentException || e is InvalidCastException || e is Org.BouncyCastle.Security.GeneralSecurityException)
        {
            read = null;
        }
        var key = (read as AsymmetricCipherKeyPair)?.Private ?? read as AsymmetricKeyParameter;
        if (key is not ECPrivateKeyParameters { IsPrivate: true } ec || !OnSm2Curve(ec.Parameters))
            throw new ArgumentException($"{option} is not an unencrypted SM2 private key in PEM (PKCS#8 or SEC1); an RSA key needs Scheme = SandboxScheme.Rsa.", option);
        var onCurve = new ECPrivateKeyParameters(ec.D, Curve);
        return new SandboxSm2(onCurve, new ECPublicKeyParameters(Curve.G.Multiply(ec.D).Normalize(), Curve));
    }

    /// <summary>A public-only key (a certificate's), or null when it is not an SM2 public key.</summary>
    public static SandboxSm2? FromPublic(AsymmetricKeyParameter key) =>
        key is ECPublicKeyParameters ec && OnSm2Curve(ec.Parameters) ? new SandboxSm2(null, new ECPublicKeyParameters(ec.Q, Curve)) : null;

    /// <summary>SM2-with-SM3 over <paramref name="message"/> under the distinguishing ID, DER <c>SEQUENCE{r,s}</c>, base64.</summary>
    public override string Sign(byte[] message)
    {
        var signer = new SM2Signer(new SM3Digest());
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(Private, Random), Id));
        signer.BlockUpdate(message, 0, message.Length);
        return Convert.ToBase64String(signer.GenerateSignature());
    }

    /// <inheritdoc/>
    public override bool Verify(byte[] message, string? signature)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        var bytes = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature, bytes, out var length)) return false;
        var signer = new SM2Signer(new SM3Digest());
        signer.Init(false, new ParametersWithID(Public, Id));
        signer.BlockUpdate(message, 0, message.Length);
        try
        {
            return signer.VerifySignature(bytes.AsSpan(0, length).ToArray());
        }
        catch (Exception e) when (e is ArgumentException || e is IOException || e is InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>SM2 encryption (C1C3C2, SM3) of the UTF-8 text, as WeChat Pay's ASN.1 DER, base64.</summary>
    public override string Encrypt(string plaintext)
    {
        var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.Init(true, new ParametersWithRandom(Public, Random));
        var plain = Encoding.UTF8.GetBytes(plaintext);
        return Convert.ToBase64String(Sm2Ciphertext.ToDer(engine.ProcessBlock(plain, 0, plain.Length)));
    }

    /// <inheritdoc/>
    public override string? TryDecrypt(string ciphertext)
    {
        var bytes = new byte[ciphertext.Length];
        if (!Convert.TryFromBase64String(ciphertext, bytes, out var length)) return null;
        if (Sm2Ciphertext.FromDer(bytes.AsSpan(0, length).ToArray()) is not { } raw) return null;
        try
        {
            var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
            engine.Init(false, Private);
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(engine.ProcessBlock(raw, 0, raw.Length));
        }
        catch (Exception e) when (e is InvalidCipherTextException || e is ArgumentException || e is InvalidOperationException || e is DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool OnSm2Curve(ECDomainParameters parameters) =>
        parameters.Curve.Equals(Curve.Curve) && parameters.G.Equals(Curve.G);
}
