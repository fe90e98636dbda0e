using System;
using System.IO;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>
/// 国密 as the tests do it, on BouncyCastle directly (neither the sandbox's code nor the library's): SM2-with-SM3 signatures
/// under an ID, SM2 encryption in WeChat Pay's ASN.1, AEAD_SM4_GCM with the key derived from the APIv3 key, PEM reading.
/// </summary>
internal static class Sm2TestCrypto
{
    public const string WeChatPayId = "1234567812345678";

    private static readonly X9ECParameters Sm2Curve = GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1);

    /// <summary>An SM2 private key from PEM (PKCS#8 or SEC1).</summary>
    public static ECPrivateKeyParameters PrivateKey(string pem)
    {
        var read = new Org.BouncyCastle.OpenSsl.PemReader(new StringReader(pem)).ReadObject();
        var key = (ECPrivateKeyParameters)((read as AsymmetricCipherKeyPair)?.Private ?? (AsymmetricKeyParameter)read);
        return key;
    }

    /// <summary>An SM2 public key from a <c>PUBLIC KEY</c> or <c>CERTIFICATE</c> PEM.</summary>
    public static ECPublicKeyParameters PublicKey(string pem)
    {
        var read = new Org.BouncyCastle.OpenSsl.PemReader(new StringReader(pem)).ReadObject();
        return (ECPublicKeyParameters)(read is X509Certificate certificate ? certificate.GetPublicKey() : (AsymmetricKeyParameter)read);
    }

    /// <summary>Whether the key lies on the SM2 curve (sm2p256v1).</summary>
    public static bool IsSm2(ECKeyParameters key) => key.Parameters.Curve.Equals(Sm2Curve.Curve) && key.Parameters.G.Equals(Sm2Curve.G);

    public static string Sign(ECPrivateKeyParameters key, string message, string id = WeChatPayId)
    {
        var signer = new SM2Signer(new SM3Digest());
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(key, new SecureRandom()), Encoding.ASCII.GetBytes(id)));
        var bytes = Encoding.UTF8.GetBytes(message);
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return Convert.ToBase64String(signer.GenerateSignature());
    }

    public static bool Verify(ECPublicKeyParameters key, byte[] message, string signature, string id = WeChatPayId)
    {
        var signer = new SM2Signer(new SM3Digest());
        signer.Init(false, new ParametersWithID(key, Encoding.ASCII.GetBytes(id)));
        signer.BlockUpdate(message, 0, message.Length);
        return signer.VerifySignature(Convert.FromBase64String(signature));
    }

    /// <summary>SM2 C1C3C2 (SM3) of the UTF-8 text, as <c>SEQUENCE{x, y, hash, ciphertext}</c> DER, base64.</summary>
    public static string Encrypt(ECPublicKeyParameters key, string plaintext)
    {
        var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.Init(true, new ParametersWithRandom(key, new SecureRandom()));
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var raw = engine.ProcessBlock(plain, 0, plain.Length);
        var der = new DerSequence(new DerInteger(new BigInteger(1, raw, 1, 32)), new DerInteger(new BigInteger(1, raw, 33, 32)),
            new DerOctetString(raw.AsSpan(65, 32).ToArray()), new DerOctetString(raw.AsSpan(97).ToArray()));
        return Convert.ToBase64String(der.GetEncoded(Asn1Encodable.Der));
    }

    /// <summary>Decrypts WeChat Pay's SM2 ASN.1 ciphertext with the private key.</summary>
    public static string Decrypt(ECPrivateKeyParameters key, string ciphertext)
    {
        var sequence = (Asn1Sequence)Asn1Object.FromByteArray(Convert.FromBase64String(ciphertext));
        var raw = new System.Collections.Generic.List<byte> { 0x04 };
        raw.AddRange(Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, ((DerInteger)sequence[0]).Value));
        raw.AddRange(Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, ((DerInteger)sequence[1]).Value));
        raw.AddRange(((Asn1OctetString)sequence[2]).GetOctets());
        raw.AddRange(((Asn1OctetString)sequence[3]).GetOctets());
        var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.Init(false, key);
        var bytes = raw.ToArray();
        return Encoding.UTF8.GetString(engine.ProcessBlock(bytes, 0, bytes.Length));
    }

    /// <summary>AEAD_SM4_GCM: key = the first 16 bytes of SM3(APIv3 key); base64 ciphertext‖tag to UTF-8 text.</summary>
    public static string Sm4GcmDecrypt(string apiV3Key, string nonce, string associatedData, string ciphertext)
    {
        var digest = new SM3Digest();
        var apiKey = Encoding.UTF8.GetBytes(apiV3Key);
        digest.BlockUpdate(apiKey, 0, apiKey.Length);
        var hash = new byte[32];
        digest.DoFinal(hash, 0);
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(false, new AeadParameters(new KeyParameter(hash, 0, 16), 128, Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(associatedData)));
        var input = Convert.FromBase64String(ciphertext);
        var output = new byte[gcm.GetOutputSize(input.Length)];
        var n = gcm.ProcessBytes(input, 0, input.Length, output, 0);
        n += gcm.DoFinal(output, n);
        return Encoding.UTF8.GetString(output, 0, n);
    }
}
