using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Sandbox;

/// <summary>The sandbox's merchant and platform identities: given ones, or throw-away ones generated at start.</summary>
internal sealed partial class SandboxKeys
{
    private const int KeyBits = 2048;
    private const string HexDigits = "0123456789ABCDEF";

    private readonly object _rotating = new();
    private volatile PlatformIdentity[] _platforms;

    private SandboxKeys(SchemeRules rules, KeyMode mode, string merchantId, string merchantSerial, string merchantPem, SandboxKey merchantKey,
        PlatformIdentity platform, string apiV3Key, string otherPlatformId)
    {
        Rules = rules;
        Mode = mode;
        MerchantId = merchantId;
        MerchantSerial = merchantSerial;
        MerchantPrivateKeyPem = merchantPem;
        MerchantKey = merchantKey;
        _platforms = new[] { platform };
        ApiV3Key = apiV3Key;
        OtherPlatformKeyId = otherPlatformId;
    }

    /// <summary>The merchant's scheme: its name, AEAD and certificate algorithm type.</summary>
    public SchemeRules Rules { get; }

    public SandboxScheme Scheme => Rules.Scheme;

    public KeyMode Mode { get; }

    public string MerchantId { get; }

    public string MerchantSerial { get; }

    /// <summary>The merchant private key PEM, handed to the client only (never logged).</summary>
    public string MerchantPrivateKeyPem { get; }

    /// <summary>Verifies request signatures (its public half) and encrypts merchant-key answer fields, by the scheme.</summary>
    public SandboxKey MerchantKey { get; }

    /// <summary>The platform identity that signs answers and callbacks now: the newest one.</summary>
    public PlatformIdentity Platform => _platforms[0];

    /// <summary>Every platform identity still listed by <c>GET v3/certificates</c>, newest first (one until a rotation).</summary>
    public System.Collections.Generic.IReadOnlyList<PlatformIdentity> Platforms => _platforms;

    public string PlatformKeyId => Platform.Id;

    /// <summary>What the client configures under <see cref="PlatformKeyId"/>: the SPKI public key PEM, or the certificate PEM.</summary>
    public string PlatformPublicPem => Platform.PublicPem;

    /// <summary>Signs answers and callbacks, decrypts sensitive request fields.</summary>
    public SandboxKey PlatformKey => Platform.Key;

    public string ApiV3Key { get; }

    /// <summary>The APIv2 key (32 ASCII characters) that signs v2 requests and answers; set once at start.</summary>
    public string ApiV2Key { get; private set; } = string.Empty;

    /// <summary>Sets <see cref="ApiV2Key"/> from the option, or 32 random characters when none is given.</summary>
    /// <exception cref="ArgumentException">The given key is not 32 printable ASCII characters.</exception>
    public SandboxKeys WithApiV2Key(string? apiV2Key)
    {
        CheckApiV2Key(apiV2Key);
        ApiV2Key = apiV2Key ?? SignedMessage.Nonce();
        return this;
    }

    /// <summary>Refuses a given APIv2 key that is not 32 printable ASCII characters (null: one will be generated).</summary>
    /// <exception cref="ArgumentException">The key is unusable.</exception>
    public static void CheckApiV2Key(string? apiV2Key)
    {
        if (apiV2Key != null && (apiV2Key.Length != 32 || !apiV2Key.All(c => c is > ' ' and < (char)0x7F)))
            throw new ArgumentException("ApiV2Key must be 32 printable ASCII characters.", nameof(SandboxOptions.ApiV2Key));
    }

    /// <summary>An id of the same shape that names no key of this sandbox (for the UnknownSerial fault).</summary>
    public string OtherPlatformKeyId { get; }

    /// <summary>The platform identity a <c>Wechatpay-Serial</c> names, or null.</summary>
    public PlatformIdentity? FindPlatform(string id)
    {
        foreach (var platform in _platforms)
            if (string.Equals(platform.Id, id, StringComparison.OrdinalIgnoreCase)) return platform;
        return null;
    }

    /// <summary>
    /// Certificate mode: a new platform key and certificate of the scheme (valid from now) become the signing identity; the old one stays
    /// listed, as WeChat Pay lists both during a rotation. Returns the new serial.
    /// </summary>
    /// <exception cref="InvalidOperationException">The sandbox runs in public-key mode.</exception>
    public string Rotate(DateTimeOffset now)
    {
        if (Mode != KeyMode.Certificate)
            throw new InvalidOperationException("Only certificate mode rotates platform certificates; public-key mode has one WeChat Pay public key.");
        if (Platform.CertificatePem is null)
            throw new InvalidOperationException("The sandbox signs with its WeChat Pay public key now; certificates are no longer rotated.");
        if (Scheme == SandboxScheme.Sm)
        {
            var sm2 = SandboxSm2.Generate();
            return Add(SandboxSm2Certificate.Identity(SandboxSm2Certificate.SelfSigned(sm2, SerialBytes(RandomHex()), ValidFrom(now, fromNow: true)), sm2));
        }
        using var rsa = RSA.Create(KeyBits);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        var serial = RandomHex();
        var certificatePem = SelfSigned(rsa, serial, now, fromNow: true);
        return Add(CertificateIdentity(certificatePem, SandboxRsa.FromPrivatePem(pem, "rotated platform key")));
    }

    /// <summary>
    /// Certificate mode: WeChat Pay issues the merchant a WeChat Pay public key (a key of its own, under a new
    /// <c>PUB_KEY_ID_…</c>), which signs every later answer and callback; the certificates stay listed and usable for
    /// encryption, as during WeChat Pay's migration. Returns the public key id.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not in certificate mode, or the switch was made already.</exception>
    public string SwitchToPublicKey()
    {
        if (Mode != KeyMode.Certificate)
            throw new InvalidOperationException("Only a certificate-mode sandbox migrates to a WeChat Pay public key; public-key mode has one already.");
        if (Platform.CertificatePem is null)
            throw new InvalidOperationException("The sandbox has switched to its WeChat Pay public key already.");
        if (Scheme == SandboxScheme.Sm)
        {
            var sm2 = SandboxSm2.Generate();
            return Add(new PlatformIdentity("PUB_KEY_ID_" + RandomDigits(28), sm2.PublicPem, sm2, null, null, null));
        }
        using var rsa = RSA.Create(KeyBits);
        var key = SandboxRsa.FromPrivatePem(rsa.ExportPkcs8PrivateKeyPem(), "WeChat Pay public key");
        return Add(new PlatformIdentity("PUB_KEY_ID_" + RandomDigits(28), rsa.ExportSubjectPublicKeyInfoPem(), key, null, null, null));
    }

    // The identity signs from now on; the earlier ones stay listed.
    private string Add(PlatformIdentity identity)
    {
        lock (_rotating)
        {
            var next = new PlatformIdentity[_platforms.Length + 1];
            next[0] = identity;
            Array.Copy(_platforms, 0, next, 1, _platforms.Length);
            _platforms = next;
        }
        return identity.Id;
    }
}
