using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Sandbox;

/// <content>Loading the given keys and certificates, and generating the missing ones.</content>
internal sealed partial class SandboxKeys
{
    /// <summary>Loads the given keys and generates the missing ones (both RSA keys in parallel).</summary>
    /// <exception cref="ArgumentException">A given key, id or certificate is unusable or inconsistent; the message names the option.</exception>
    public static async Task<SandboxKeys> CreateAsync(SandboxOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var merchantId = Token(options.MerchantId, nameof(SandboxOptions.MerchantId));
        var apiV3Key = options.ApiV3Key ?? SignedMessage.Nonce();
        if (apiV3Key.Length != 32 || Encoding.UTF8.GetByteCount(apiV3Key) != 32)
            throw new ArgumentException("ApiV3Key must be 32 ASCII characters.", nameof(SandboxOptions.ApiV3Key));

        // Cheap checks first: a wrong id should not cost two key generations.
        if (options.Mode == KeyMode.PublicKey)
        {
            if (options.PlatformCertificate != null)
                throw new ArgumentException("PlatformCertificate is for KeyMode.Certificate; public-key mode serves the platform public key.", nameof(SandboxOptions.PlatformCertificate));
            if (options.PlatformKeyId != null && (!options.PlatformKeyId.StartsWith("PUB_KEY_ID_", StringComparison.Ordinal)
                || options.PlatformKeyId.Length == "PUB_KEY_ID_".Length))
                throw new ArgumentException("PlatformKeyId must start with PUB_KEY_ID_ in public-key mode.", nameof(SandboxOptions.PlatformKeyId));
        }
        else if (options.Mode == KeyMode.Certificate)
        {
            if (options.PlatformCertificate != null && options.PlatformPrivateKey is null)
                throw new ArgumentException("PlatformCertificate needs its PlatformPrivateKey: the sandbox signs with it.", nameof(SandboxOptions.PlatformPrivateKey));
        }
        else
        {
            throw new ArgumentException("Mode must be KeyMode.PublicKey or KeyMode.Certificate.", nameof(SandboxOptions.Mode));
        }
        if (options.PlatformKeyId != null) Token(options.PlatformKeyId, nameof(SandboxOptions.PlatformKeyId));
        if (options.MerchantSerialNumber != null) Token(options.MerchantSerialNumber, nameof(SandboxOptions.MerchantSerialNumber));
        if (options.Scheme == SandboxScheme.Sm) return CreateSm(options, merchantId, apiV3Key, clock);
        if (options.Scheme != SandboxScheme.Rsa)
            throw new ArgumentException("Scheme must be SandboxScheme.Rsa or SandboxScheme.Sm.", nameof(SandboxOptions.Scheme));

        var merchantTask = Task.Run(() => PrivateKey(options.MerchantPrivateKey, nameof(SandboxOptions.MerchantPrivateKey)), cancellationToken);
        var platformTask = Task.Run(() => PrivateKey(options.PlatformPrivateKey, nameof(SandboxOptions.PlatformPrivateKey)), cancellationToken);
        var (merchantPem, merchantRsa) = await merchantTask.ConfigureAwait(false);
        var (platformPem, platformRsa) = await platformTask.ConfigureAwait(false);
        using (merchantRsa)
        using (platformRsa)
        {
            var merchantKey = SandboxRsa.FromPrivatePem(merchantPem, nameof(SandboxOptions.MerchantPrivateKey));
            var platformKey = SandboxRsa.FromPrivatePem(platformPem, nameof(SandboxOptions.PlatformPrivateKey));
            if (platformKey.SameKeyAs(merchantKey))
                throw new ArgumentException("PlatformPrivateKey is the merchant key: the platform key must be a different key.", nameof(SandboxOptions.PlatformPrivateKey));
            var merchantSerial = options.MerchantSerialNumber is null
                ? RandomHex()
                : Token(options.MerchantSerialNumber, nameof(SandboxOptions.MerchantSerialNumber));

            if (options.Mode == KeyMode.PublicKey)
            {
                var id = options.PlatformKeyId?.Trim() ?? "PUB_KEY_ID_" + RandomDigits(28);
                return new SandboxKeys(SchemeRules.Rsa, KeyMode.PublicKey, merchantId, merchantSerial, merchantPem, merchantKey,
                    new PlatformIdentity(id, platformRsa.ExportSubjectPublicKeyInfoPem(), platformKey, null, null, null), apiV3Key,
                    "PUB_KEY_ID_" + RandomDigits(28));
            }

            string certificatePem;
            if (options.PlatformCertificate != null)
            {
                certificatePem = PemText(options.PlatformCertificate, nameof(SandboxOptions.PlatformCertificate));
            }
            else
            {
                var serial = options.PlatformKeyId ?? RandomHex();
                certificatePem = SelfSigned(platformRsa, serial, clock.GetUtcNow());
            }

            var platform = CertificateIdentity(certificatePem, platformKey);
            if (options.PlatformKeyId != null && !string.Equals(options.PlatformKeyId.TrimStart('0'), platform.Id, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"PlatformKeyId must be the certificate serial ({platform.Id}) in certificate mode.", nameof(SandboxOptions.PlatformKeyId));
            return new SandboxKeys(SchemeRules.Rsa, KeyMode.Certificate, merchantId, merchantSerial, merchantPem, merchantKey, platform, apiV3Key, RandomHex());
        }
    }

    // A certificate-mode identity: the certificate must certify the key; its serial (without leading zeros) is the id.
    private static PlatformIdentity CertificateIdentity(string certificatePem, SandboxRsa key)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException("PlatformCertificate holds no X.509 certificate.", nameof(SandboxOptions.PlatformCertificate), e);
        }
        using (certificate)
        {
            using var certificateKey = certificate.GetRSAPublicKey();
            if (certificateKey is null || !key.SameKeyAs(certificateKey.ExportSubjectPublicKeyInfo()))
                throw new ArgumentException("PlatformCertificate does not certify PlatformPrivateKey.", nameof(SandboxOptions.PlatformCertificate));
            return new PlatformIdentity(certificate.SerialNumber.TrimStart('0'), certificatePem, key, certificatePem,
                new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
        }
    }

    private static (string Pem, RSA Rsa) PrivateKey(string? given, string option)
    {
        var rsa = RSA.Create();
        try
        {
            if (given is null)
            {
                rsa.KeySize = KeyBits;
                return (rsa.ExportPkcs8PrivateKeyPem(), rsa);
            }

            var pem = PemText(given, option);
            try
            {
                rsa.ImportFromPem(pem);
            }
            catch (Exception e) when (e is ArgumentException || e is CryptographicException)
            {
                throw new ArgumentException($"{option} is not an unencrypted RSA private key in PEM (PKCS#1 or PKCS#8).", option);
            }
            return (pem, rsa);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static string PemText(string textOrPath, string option)
    {
        if (textOrPath.Contains("-----BEGIN", StringComparison.Ordinal)) return textOrPath;
        try
        {
            return File.ReadAllText(textOrPath.Trim());
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
        {
            throw new ArgumentException($"{option} is neither PEM text nor a readable file path.", option, e);
        }
    }

    // A self-signed certificate over the platform key, valid for five years from a day ago (or from now, for a rotation), with the given hex serial.
    private static string SelfSigned(RSA rsa, string serialHex, DateTimeOffset now, bool fromNow = false)
    {
        var serial = SerialBytes(serialHex);
        var subject = new X500DistinguishedName("CN=WeChat Pay Sandbox Platform, OU=WeChatPay.Chain Sandbox (throw-away), O=WeChatPay.Chain, C=CN");
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        var start = ValidFrom(now, fromNow);
        using var certificate = request.Create(subject, X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1), start, start.AddYears(5), serial);
        return certificate.ExportCertificatePem();
    }

    // A certificate serial from its hex digits: 1 to 20 bytes, positive (a leading zero byte added when the top bit is set).
    private static byte[] SerialBytes(string serialHex)
    {
        byte[] serial;
        try
        {
            serial = Convert.FromHexString(serialHex.Length % 2 == 1 ? "0" + serialHex : serialHex);
        }
        catch (FormatException)
        {
            throw new ArgumentException("PlatformKeyId must be a hex certificate serial in certificate mode.", nameof(SandboxOptions.PlatformKeyId));
        }
        if (serial.Length == 0 || serial.Length > 20)
            throw new ArgumentException("PlatformKeyId must be 1 to 40 hex digits in certificate mode.", nameof(SandboxOptions.PlatformKeyId));
        if ((serial[0] & 0x80) != 0)
        {
            var positive = new byte[serial.Length + 1];
            Buffer.BlockCopy(serial, 0, positive, 1, serial.Length);
            serial = positive;
        }
        return serial;
    }

    // A certificate's start: a day ago (at midnight UTC), or this minute for a rotation.
    private static DateTimeOffset ValidFrom(DateTimeOffset now, bool fromNow) =>
        fromNow ? now.AddSeconds(-now.Second) : new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);

    // 40 upper-case hex digits, the first non-zero and below 8 so that the serial is positive and keeps all 40 digits.
    private static string RandomHex()
    {
        Span<char> chars = stackalloc char[40];
        chars[0] = HexDigits[RandomNumberGenerator.GetInt32(1, 8)];
        for (var i = 1; i < chars.Length; i++) chars[i] = HexDigits[RandomNumberGenerator.GetInt32(16)];
        return new string(chars);
    }

    private static string RandomDigits(int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++) chars[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        return new string(chars);
    }

    private static string Token(string? value, string option)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
            throw new ArgumentException($"{option} is empty.", option);
        foreach (var c in trimmed)
        {
            if (c <= ' ' || c == '"' || c == ',' || c == '\\' || c > '~')
                throw new ArgumentException($"{option} holds a character that cannot go into an Authorization header.", option);
        }
        return trimmed;
    }
}
