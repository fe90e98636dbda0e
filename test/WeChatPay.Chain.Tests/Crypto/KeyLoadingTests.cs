using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Crypto;

[TestFixtureSource(typeof(OnEachBackend), nameof(OnEachBackend.Backends))]
[NonParallelizable]
public sealed class KeyLoadingTests : OnEachBackend
{
    private const string PrivateOption = "MerchantPrivateKey";
    private const string PublicOption = "PlatformPublicKey";
    private const string Passphrase = "correct horse battery staple";
    private const string NonAsciiPassphrase = "密码-pässwörd-🔑";
    private const string WrongPassphrase = "Tr0ub4dor&3-a-wrong-guess";

    private string tempDirectory = null!;
    private Dictionary<string, (string Pem, string? Passphrase)> privateInputs = null!;
    private Dictionary<string, string> publicInputs = null!;
    private Dictionary<string, (string Input, string? Passphrase, string? FileContent)> brokenPrivateInputs = null!;
    private Dictionary<string, (string Input, string? FileContent)> brokenPublicInputs = null!;

    public KeyLoadingTests(Backend backend)
        : base(backend)
    {
    }

    public enum Source
    {
        Text,
        Path,
    }

    [OneTimeSetUp]
    public void MakeKeyFiles()
    {
        tempDirectory = Path.Combine(Path.GetTempPath(), "wechatpay-chain-crypto-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(tempDirectory);

        string pkcs8 = CryptoTestData.Text(CryptoTestData.MerchantKeyPkcs8);
        using RSA merchant = RSA.Create();
        merchant.ImportFromPem(pkcs8);
        AsymmetricKeyParameter bcMerchant = (AsymmetricKeyParameter)new PemReader(new StringReader(pkcs8)).ReadObject();

        privateInputs = new Dictionary<string, (string, string?)>
        {
            ["PKCS#8"] = (pkcs8, null),
            ["PKCS#1"] = (CryptoTestData.Text(CryptoTestData.MerchantKeyPkcs1), null),
            ["encrypted PKCS#8 (PBES2 AES-256-CBC, .NET)"] = (merchant.ExportEncryptedPkcs8PrivateKeyPem(
                Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)), Passphrase),
            ["encrypted PKCS#8 with a non-ASCII passphrase"] = (merchant.ExportEncryptedPkcs8PrivateKeyPem(
                NonAsciiPassphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 10_000)), NonAsciiPassphrase),
            ["encrypted PKCS#8 (PBE-SHA1-3DES, BouncyCastle)"] = (BouncyEncryptedPkcs8(bcMerchant), Passphrase),
            ["legacy encrypted PKCS#1 (Proc-Type, AES-256-CBC)"] = (LegacyEncryptedPkcs1(bcMerchant), Passphrase),
            ["PKCS#8 with CRLF line ends and text around it"] = (
                "Bag Attributes\r\n    localKeyID: 01 00 00 00\r\n" + pkcs8.Replace("\n", "\r\n") + "\r\ntrailing words\r\n", null),
            ["PKCS#8 on one line with literal \\n (as in an environment variable)"] = (pkcs8.Replace("\n", "\\n"), null),
            ["PKCS#1 after another PEM block"] = (
                "-----BEGIN SOMETHING ELSE-----\nAAAA\n-----END SOMETHING ELSE-----\n" + CryptoTestData.Text(CryptoTestData.MerchantKeyPkcs1), null),
        };

        string platformPub = CryptoTestData.Text(CryptoTestData.PlatformPublicKey);
        using RSA platform = RSA.Create();
        platform.ImportFromPem(platformPub);
        publicInputs = new Dictionary<string, string>
        {
            ["SPKI"] = platformPub,
            ["PKCS#1 public"] = platform.ExportRSAPublicKeyPem(),
            ["certificate"] = CryptoTestData.Text(CryptoTestData.PlatformCertificate),
            ["SPKI with CRLF line ends"] = platformPub.Replace("\n", "\r\n"),
        };

        string[] lines = pkcs8.Split('\n');
        string truncated = string.Join("\n", lines, 0, lines.Length / 2);
        string cutInTheMiddle = string.Join("\n", lines, 0, 5) + "\n" + string.Join("\n", lines, lines.Length - 6, 6);
        string bareBase64 = string.Join("\n", lines, 1, lines.Length - 3);
        using RSA small = RSA.Create(1024);
        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string missing = Path.Combine(tempDirectory, "no-such-key.pem");
        string derFile = Path.Combine(tempDirectory, "key.der");
        File.WriteAllBytes(derFile, merchant.ExportPkcs8PrivateKey());

        brokenPrivateInputs = new Dictionary<string, (string, string?, string?)>
        {
            ["garbage"] = ("this is not a key", null, null),
            ["empty"] = ("", null, null),
            ["blank"] = ("  \n ", null, null),
            ["truncated (no END line)"] = (truncated, null, null),
            ["lines missing in the middle"] = (cutInTheMiddle, null, null),
            ["a damaged key number"] = (DamageOneNumber(pkcs8), null, null),
            ["bare base64 without PEM lines"] = (bareBase64, null, null),
            ["a public key"] = (platformPub, null, null),
            ["a certificate"] = (CryptoTestData.Text(CryptoTestData.MerchantCertificate), null, null),
            ["encrypted, no passphrase"] = (privateInputs["encrypted PKCS#8 (PBES2 AES-256-CBC, .NET)"].Pem, null, null),
            ["encrypted, empty passphrase"] = (privateInputs["encrypted PKCS#8 (PBES2 AES-256-CBC, .NET)"].Pem, "", null),
            ["encrypted, wrong passphrase"] = (privateInputs["encrypted PKCS#8 (PBES2 AES-256-CBC, .NET)"].Pem, WrongPassphrase, null),
            ["3DES-encrypted, wrong passphrase"] = (privateInputs["encrypted PKCS#8 (PBE-SHA1-3DES, BouncyCastle)"].Pem, WrongPassphrase, null),
            ["legacy encrypted, no passphrase"] = (privateInputs["legacy encrypted PKCS#1 (Proc-Type, AES-256-CBC)"].Pem, null, null),
            ["legacy encrypted, wrong passphrase"] = (privateInputs["legacy encrypted PKCS#1 (Proc-Type, AES-256-CBC)"].Pem, WrongPassphrase, null),
            ["a nonexistent path"] = (missing, null, null),
            ["a key pasted as one long base64 line"] = (bareBase64.Replace("\n", string.Empty), null, bareBase64),
            ["a DER file"] = (derFile, null, Convert.ToBase64String(File.ReadAllBytes(derFile))),
            ["a 1024-bit key"] = (small.ExportPkcs8PrivateKeyPem(), null, null),
            ["an EC key (PKCS#8)"] = (ec.ExportPkcs8PrivateKeyPem(), null, null),
            ["an EC key (SEC1)"] = (ec.ExportECPrivateKeyPem(), null, null),
        };

        brokenPublicInputs = new Dictionary<string, (string, string?)>
        {
            ["garbage"] = ("-----BEGIN PUBLIC KEY-----\nnot base64 at all!\n-----END PUBLIC KEY-----\n", null),
            ["empty"] = ("", null),
            ["truncated certificate"] = (Truncate(CryptoTestData.Text(CryptoTestData.PlatformCertificate)), null),
            ["a private key"] = (pkcs8, null),
            ["a nonexistent path"] = (missing, null),
            ["a 1024-bit public key"] = (small.ExportSubjectPublicKeyInfoPem(), null),
            ["an EC public key"] = (ec.ExportSubjectPublicKeyInfoPem(), null),
        };
    }

    [OneTimeTearDown]
    public void RemoveKeyFiles()
    {
        if (Directory.Exists(tempDirectory))
        {
            Directory.Delete(tempDirectory, recursive: true);
        }
    }

    [Test]
    public void Every_private_key_format_loads_from_text_and_from_a_path_and_signs_like_the_vector(
        [Values(
            "PKCS#8",
            "PKCS#1",
            "encrypted PKCS#8 (PBES2 AES-256-CBC, .NET)",
            "encrypted PKCS#8 with a non-ASCII passphrase",
            "encrypted PKCS#8 (PBE-SHA1-3DES, BouncyCastle)",
            "legacy encrypted PKCS#1 (Proc-Type, AES-256-CBC)",
            "PKCS#8 with CRLF line ends and text around it",
            "PKCS#8 on one line with literal \\n (as in an environment variable)",
            "PKCS#1 after another PEM block")] string format,
        [Values] Source source)
    {
        (string pem, string? passphrase) = privateInputs[format];
        JsonElement vector = CryptoTestData.Cases("signing.json").First();

        RsaPrivateKey key = RsaPrivateKey.Load(Input(pem, source), passphrase, PrivateOption);

        Assert.Multiple(() =>
        {
            Assert.That(key.Sign(Encoding.UTF8.GetBytes(vector.String("message"))), Is.EqualTo(vector.String("signature")));
            Assert.That(key.UsesPlatformCrypto, Is.EqualTo(ExpectPlatform));
            Assert.That(key.KeySizeInBits, Is.EqualTo(2048));
            Assert.That(key.ToString(), Is.EqualTo("RSA-2048 private key"));
        });
    }

    [Test]
    public void Every_public_key_format_loads_from_text_and_from_a_path_and_is_the_platform_key(
        [Values("SPKI", "PKCS#1 public", "certificate", "SPKI with CRLF line ends")] string format,
        [Values] Source source)
    {
        RsaPublicKey reference = RsaPrivateKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformKey), null, "PlatformPrivateKey").RsaPublic;
        JsonElement vector = CryptoTestData.Cases("verifying.json").First(c => c.GetProperty("valid").GetBoolean());

        RsaPublicKey key = RsaPublicKey.Load(Input(publicInputs[format], source), PublicOption);

        Assert.Multiple(() =>
        {
            Assert.That(key.SameKeyAs(reference), Is.True);
            Assert.That(key.Verify(Encoding.UTF8.GetBytes(vector.String("message")), vector.String("signature")), Is.True);
            Assert.That(key.UsesPlatformCrypto, Is.EqualTo(ExpectPlatform));
            Assert.That(key.KeySizeInBits, Is.EqualTo(2048));
        });
    }

    [Test]
    public void A_certificate_gives_its_upper_case_hex_serial_and_validity()
    {
        RsaPublicKey key = RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformCertificate), PublicOption);

        Assert.Multiple(() =>
        {
            Assert.That(key.CertificateSerial, Is.EqualTo(CryptoTestData.PlatformCertificateSerial));
            Assert.That(key.NotBefore, Is.EqualTo(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(key.NotAfter, Is.EqualTo(new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(key.NotBefore!.Value.Offset, Is.EqualTo(TimeSpan.Zero));
        });
    }

    [Test]
    public void The_merchant_certificate_gives_the_merchant_serial()
    {
        RsaPublicKey key = RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.MerchantCertificate), "MerchantCertificate");

        Assert.That(key.CertificateSerial, Is.EqualTo(CryptoTestData.MerchantCertificateSerial));
    }

    [TestCase("SPKI")]
    [TestCase("PKCS#1 public")]
    public void A_bare_public_key_has_no_serial_nor_validity(string format)
    {
        RsaPublicKey key = RsaPublicKey.Load(publicInputs[format], PublicOption);

        Assert.Multiple(() =>
        {
            Assert.That(key.CertificateSerial, Is.Null);
            Assert.That(key.NotBefore, Is.Null);
            Assert.That(key.NotAfter, Is.Null);
        });
    }

    [Test]
    public void SameKeyAs_tells_the_merchant_key_from_the_platform_key()
    {
        RsaPublicKey platformPub = RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformPublicKey), PublicOption);
        RsaPublicKey platformCert = RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformCertificate), PublicOption);
        RsaPublicKey merchantCert = RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.MerchantCertificate), "MerchantCertificate");
        RsaPrivateKey merchantKey = RsaPrivateKey.Load(CryptoTestData.PathOf(CryptoTestData.MerchantKeyPkcs1), null, PrivateOption);

        Assert.Multiple(() =>
        {
            Assert.That(platformPub.SameKeyAs(platformCert), Is.True);
            Assert.That(merchantKey.PublicKey.SameKeyAs(merchantCert), Is.True);
            Assert.That(merchantCert.SameKeyAs(platformCert), Is.False);
            Assert.That(merchantKey.PublicKey.SameKeyAs(platformPub), Is.False);
        });
    }

    [Test]
    public void A_passphrase_given_for_an_unencrypted_key_is_ignored()
    {
        RsaPrivateKey key = RsaPrivateKey.Load(CryptoTestData.PathOf(CryptoTestData.MerchantKeyPkcs8), "unused", PrivateOption);

        Assert.That(key.KeySizeInBits, Is.EqualTo(2048));
    }

    [Test]
    public void A_path_with_surrounding_whitespace_loads()
    {
        RsaPrivateKey key = RsaPrivateKey.Load("  " + CryptoTestData.PathOf(CryptoTestData.MerchantKeyPkcs8) + "\t", null, PrivateOption);

        Assert.That(key.KeySizeInBits, Is.EqualTo(2048));
    }

#if !LIBRARY_NETSTANDARD
    [Test]
    public void The_fast_platform_import_takes_the_plain_keys_and_leaves_every_other_input_to_the_full_reader()
    {
        string[] plainPrivate = { "PKCS#8", "PKCS#1", "PKCS#8 with CRLF line ends and text around it", "PKCS#8 on one line with literal \\n (as in an environment variable)" };
        string[] plainPublic = { "SPKI", "PKCS#1 public", "SPKI with CRLF line ends" };

        Assert.Multiple(() =>
        {
            foreach ((string name, (string pem, _)) in privateInputs.Select(p => (p.Key, p.Value)))
            {
                using RSA? taken = PlatformKeyImport.TryPrivateKey(PemKeyReader.ReadPrivateKeyText(pem, PrivateOption));
                Assert.That(taken is not null, Is.EqualTo(plainPrivate.Contains(name)), name);
            }
            foreach ((string name, string pem) in publicInputs.Select(p => (p.Key, p.Value)))
            {
                using RSA? taken = PlatformKeyImport.TryPublicKey(PemKeyReader.ReadPublicKeyText(pem, PublicOption));
                Assert.That(taken is not null, Is.EqualTo(plainPublic.Contains(name)), name);
            }
            // What the full reader refuses, the fast import must never take: it may only make good keys load sooner.
            foreach ((string name, (string input, _, _)) in brokenPrivateInputs.Select(p => (p.Key, p.Value)))
            {
                if (!input.Contains("-----BEGIN", StringComparison.Ordinal)) continue;
                Assert.That(PlatformKeyImport.TryPrivateKey(input), Is.Null, name);
            }
            foreach ((string name, (string input, _)) in brokenPublicInputs.Select(p => (p.Key, p.Value)))
            {
                if (!input.Contains("-----BEGIN", StringComparison.Ordinal)) continue;
                Assert.That(PlatformKeyImport.TryPublicKey(input), Is.Null, name);
            }
        });
    }
#endif

    [TestCase("garbage", "is not a PEM private key (expected -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----) nor a readable file path")]
    [TestCase("empty", "is empty")]
    [TestCase("blank", "is empty")]
    [TestCase("truncated (no END line)", "truncated or damaged")]
    [TestCase("lines missing in the middle", "truncated or damaged")]
    [TestCase("a damaged key number", "damaged")]
    [TestCase("bare base64 without PEM lines", "base64 without its PEM lines")]
    [TestCase("a public key", "a public key was given where a private key is needed")]
    [TestCase("a certificate", "a public key was given where a private key is needed")]
    [TestCase("encrypted, no passphrase", "is encrypted: set MerchantPrivateKeyPassphrase")]
    [TestCase("encrypted, empty passphrase", "is encrypted: set MerchantPrivateKeyPassphrase")]
    [TestCase("encrypted, wrong passphrase", "wrong passphrase")]
    [TestCase("3DES-encrypted, wrong passphrase", "wrong passphrase")]
    [TestCase("legacy encrypted, no passphrase", "is encrypted: set MerchantPrivateKeyPassphrase")]
    [TestCase("legacy encrypted, wrong passphrase", "wrong passphrase")]
    [TestCase("a nonexistent path", "no file at")]
    [TestCase("a DER file", "holds no PEM block")]
    [TestCase("a key pasted as one long base64 line", "base64 without its PEM lines")]
    [TestCase("a 1024-bit key", "is a 1024-bit RSA key")]
    [TestCase("an EC key (PKCS#8)", "is an EC key, not an RSA key")]
    [TestCase("an EC key (SEC1)", "is an EC key, not an RSA key")]
    public void A_broken_private_key_is_an_ArgumentException_naming_the_option_without_key_material(string input, string expected)
    {
        (string value, string? passphrase, string? fileContent) = brokenPrivateInputs[input];

        ArgumentException? ex = Assert.Throws<ArgumentException>(() => RsaPrivateKey.Load(value, passphrase, PrivateOption));

        AssertCleanLoadError(ex!, PrivateOption, expected, value, fileContent, passphrase);
    }

    [TestCase("garbage", "truncated or damaged")]
    [TestCase("empty", "is empty")]
    [TestCase("truncated certificate", "truncated or damaged")]
    [TestCase("a private key", "a private key was given where a certificate or public key is needed")]
    [TestCase("a nonexistent path", "is not a PEM certificate or public key")]
    [TestCase("a 1024-bit public key", "is a 1024-bit RSA key")]
    [TestCase("an EC public key", "is an EC key, not an RSA key")]
    public void A_broken_public_key_is_an_ArgumentException_naming_the_option_without_key_material(string input, string expected)
    {
        (string value, string? fileContent) = brokenPublicInputs[input];

        ArgumentException? ex = Assert.Throws<ArgumentException>(() => RsaPublicKey.Load(value, PublicOption));

        AssertCleanLoadError(ex!, PublicOption, expected, value, fileContent, null);
    }

    [Test]
    public void A_nonexistent_path_is_named_in_the_error()
    {
        string missing = brokenPrivateInputs["a nonexistent path"].Input;

        ArgumentException? ex = Assert.Throws<ArgumentException>(() => RsaPrivateKey.Load(missing, null, PrivateOption));

        Assert.That(ex!.Message, Does.Contain(missing));
    }

    [Test]
    public void A_key_file_that_cannot_be_read_names_the_file_but_not_its_content()
    {
        string directoryNamedLikeAKey = Path.Combine(tempDirectory, "apiclient_key.pem");
        Directory.CreateDirectory(directoryNamedLikeAKey);

        ArgumentException? ex = Assert.Throws<ArgumentException>(() => RsaPrivateKey.Load(directoryNamedLikeAKey, null, PrivateOption));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.ParamName, Is.EqualTo(PrivateOption));
            Assert.That(ex.Message, Does.Contain(directoryNamedLikeAKey));
        });
    }

    private static void AssertCleanLoadError(ArgumentException ex, string option, string expected, string input, string? fileContent, string? passphrase)
    {
        string everything = ex.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(ex.ParamName, Is.EqualTo(option));
            Assert.That(ex.Message, Does.StartWith(option));
            Assert.That(ex.Message, Does.Contain(expected));
            foreach (string line in KeyMaterialLines(input, fileContent))
            {
                Assert.That(everything, Does.Not.Contain(line), "the error echoes a line of key material");
            }
            if (!string.IsNullOrEmpty(passphrase))
            {
                Assert.That(everything, Does.Not.Contain(passphrase), "the error echoes the passphrase");
            }
        });
    }

    /// <summary>
    /// Every base64 line (16+ characters) of PEM text given as the input, and of the file behind a path. A
    /// single-line input is taken as a path, which an error may name.
    /// </summary>
    private static IEnumerable<string> KeyMaterialLines(string input, string? fileContent)
    {
        bool isPath = input.IndexOf('\n', StringComparison.Ordinal) < 0;
        string text = (isPath ? string.Empty : input) + "\n" + (fileContent ?? string.Empty);
        if (isPath && File.Exists(input.Trim()))
        {
            text += "\n" + File.ReadAllText(input.Trim());
        }
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length >= 16 && !line.StartsWith("-----", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) < 0)
            {
                yield return line.Length > 64 ? line.Substring(0, 64) : line;
            }
        }
    }

    private string Input(string pem, Source source)
    {
        if (source == Source.Text)
        {
            return pem;
        }
        string path = Path.Combine(tempDirectory, Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, pem);
        return path;
    }

    private static string BouncyEncryptedPkcs8(AsymmetricKeyParameter key)
    {
        var generator = new Pkcs8Generator(key, Pkcs8Generator.PbeWithShaAnd3KeyTripleDesCbc)
        {
            Password = Passphrase.ToCharArray(),
            IterationCount = 2048,
            SecureRandom = new SecureRandom(),
        };
        return WritePem(generator);
    }

    private static string LegacyEncryptedPkcs1(AsymmetricKeyParameter key) =>
        WritePem(new MiscPemGenerator(key, "AES-256-CBC", Passphrase.ToCharArray(), new SecureRandom()));

    private static string WritePem(Org.BouncyCastle.Utilities.IO.Pem.PemObjectGenerator generator)
    {
        using var writer = new StringWriter();
        var pemWriter = new PemWriter(writer);
        pemWriter.WriteObject(generator);
        return writer.ToString();
    }

    private static string Truncate(string pem)
    {
        string[] lines = pem.Split('\n');
        return string.Join("\n", lines, 0, lines.Length / 2);
    }

    /// <summary>Changes one base64 character deep inside the key body (inside a prime), keeping the ASN.1 intact.</summary>
    private static string DamageOneNumber(string pem)
    {
        string[] lines = pem.Split('\n');
        int target = lines.Length / 2;
        char[] chars = lines[target].ToCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        lines[target] = new string(chars);
        return string.Join("\n", lines);
    }
}
