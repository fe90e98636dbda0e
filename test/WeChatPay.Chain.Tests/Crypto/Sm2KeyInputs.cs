using System;
using System.IO;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Paddings;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using PemBlock = Org.BouncyCastle.Utilities.IO.Pem.PemObject;

namespace WeChatPay.Chain.Tests.Crypto;

/// <summary>SM2 key files in the other forms the loader takes or refuses, made in-process with BouncyCastle from the vector keys.</summary>
public static class Sm2KeyInputs
{
    public const string Passphrase = "correct horse battery staple";

    public static string MerchantPkcs8 => CryptoTestData.Text(SmTestData.MerchantKey);

    /// <summary>SEC1 <c>EC PRIVATE KEY</c> naming the SM2 curve, with or without its public key.</summary>
    public static string Sec1(bool withPublicKey = true) => Sec1Of(MerchantStructure().GetKey(), withPublicKey ? MerchantStructure().PublicKey : null);

    /// <summary>SEC1 of the merchant's private number carrying the PLATFORM public key: a damaged key.</summary>
    public static string Sec1WithAnotherPublicKey()
    {
        var platform = ECPrivateKeyStructure.GetInstance(PrivateKeyInfo.GetInstance(Body(CryptoTestData.Text(SmTestData.PlatformKey))).ParsePrivateKey());
        return Sec1Of(MerchantStructure().GetKey(), platform.PublicKey);
    }

    /// <summary>SEC1 on the SM2 curve with a private number of its own choosing (e.g. 0 or n − 1: out of range).</summary>
    public static string Sec1WithNumber(BigInteger d) => Sec1Of(d, null);

    /// <summary>PKCS#8 encrypted by BouncyCastle's generator with <paramref name="algorithm"/> (e.g. PBE-SHA1-3DES).</summary>
    public static string EncryptedPkcs8(DerObjectIdentifier algorithm)
    {
        var generator = new Pkcs8Generator(Sm2Reference.PrivateKey(SmTestData.MerchantKey), algorithm)
        {
            Password = Passphrase.ToCharArray(),
            IterationCount = 2048,
            SecureRandom = new SecureRandom(),
        };
        return Write(generator.Generate());
    }

    /// <summary>
    /// PKCS#8 encrypted as <c>openssl pkcs8 -topk8</c> does by default: PBES2, PBKDF2 with HMAC-SHA256, AES-256-CBC
    /// (written out here with BouncyCastle's primitives, as its generator only makes the PKCS#12 schemes).
    /// </summary>
    public static string Pbes2Pkcs8()
    {
        var random = new SecureRandom();
        byte[] salt = new byte[16], iv = new byte[16];
        random.NextBytes(salt);
        random.NextBytes(iv);
        const int iterations = 2048;
        var kdf = new Pkcs5S2ParametersGenerator(new Sha256Digest());
        kdf.Init(System.Text.Encoding.UTF8.GetBytes(Passphrase), salt, iterations);
        var key = (KeyParameter)kdf.GenerateDerivedParameters("AES", 256);
        var cipher = new PaddedBufferedBlockCipher(new CbcBlockCipher(new AesEngine()), new Pkcs7Padding());
        cipher.Init(true, new ParametersWithIV(key, iv));
        byte[] encrypted = cipher.DoFinal(Body(MerchantPkcs8));
        var scheme = new PbeS2Parameters(
            new KeyDerivationFunc(PkcsObjectIdentifiers.IdPbkdf2,
                new Pbkdf2Params(salt, iterations, new AlgorithmIdentifier(PkcsObjectIdentifiers.IdHmacWithSha256, DerNull.Instance))),
            new EncryptionScheme(NistObjectIdentifiers.IdAes256Cbc, new DerOctetString(iv)));
        var info = new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(PkcsObjectIdentifiers.IdPbeS2, scheme), encrypted);
        return Write(new PemBlock("ENCRYPTED PRIVATE KEY", info.GetDerEncoded()));
    }

    /// <summary>OpenSSL's legacy encrypted SEC1 (<c>Proc-Type: 4,ENCRYPTED</c>, AES-256-CBC).</summary>
    public static string LegacyEncryptedSec1() =>
        Write(new MiscPemGenerator(Sm2Reference.PrivateKey(SmTestData.MerchantKey), "AES-256-CBC", Passphrase.ToCharArray(), new SecureRandom()).Generate());

    /// <summary>The merchant public key as SPKI whose algorithm is the SM2 OID itself (no parameters).</summary>
    public static string SpkiWithSm2Algorithm()
    {
        var info = SubjectPublicKeyInfo.GetInstance(Body(CryptoTestData.Text(SmTestData.MerchantPublicKey)));
        return Write(new PemBlock("PUBLIC KEY", new SubjectPublicKeyInfo(new AlgorithmIdentifier(GMObjectIdentifiers.sm2p256v1), info.PublicKey).GetDerEncoded()));
    }

    /// <summary>An Ed25519 private key in PKCS#8.</summary>
    public static string Ed25519Pkcs8()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        AsymmetricCipherKeyPair pair = generator.GenerateKeyPair();
        return Write(new PemBlock("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetDerEncoded()));
    }

    /// <summary>The base64 body of a PEM text (no BEGIN/END lines), for checking that errors do not echo it.</summary>
    public static string BodyText(string pem)
    {
        var lines = new System.Text.StringBuilder();
        foreach (string line in pem.Split('\n'))
        {
            if (line.Length > 0 && !line.StartsWith("-----", StringComparison.Ordinal) && line.IndexOf(':') < 0)
            {
                lines.Append(line.Trim());
            }
        }
        return lines.ToString();
    }

    private static ECPrivateKeyStructure MerchantStructure() =>
        ECPrivateKeyStructure.GetInstance(PrivateKeyInfo.GetInstance(Body(MerchantPkcs8)).ParsePrivateKey());

    private static string Sec1Of(BigInteger d, DerBitString? publicKey) =>
        Write(new PemBlock("EC PRIVATE KEY",
            new ECPrivateKeyStructure(256, d, publicKey, new X962Parameters(GMObjectIdentifiers.sm2p256v1)).GetDerEncoded()));

    private static byte[] Body(string pem) => Convert.FromBase64String(BodyText(pem));

    private static string Write(object block)
    {
        using var writer = new StringWriter();
        var pemWriter = new Org.BouncyCastle.Utilities.IO.Pem.PemWriter(writer);
        pemWriter.WriteObject(block is PemBlock pemBlock ? pemBlock : throw new ArgumentException("not a PEM block"));
        return writer.ToString();
    }
}
