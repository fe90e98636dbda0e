using System;
using System.Collections.Generic;
using System.Linq;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Certificates;

/// <summary>
/// One immutable snapshot of the platform keys by id (platform certificate serial or <c>PUB_KEY_ID_…</c>): the configured
/// ones, checked once at start, and the certificates the last refresh downloaded. A refresh makes a new snapshot.
/// </summary>
internal sealed class PlatformKeyStore
{
    /// <summary>The prefix of WeChat Pay public key ids (public-key mode).</summary>
    public const string PublicKeyIdPrefix = "PUB_KEY_ID_";

    private readonly Dictionary<string, VerifyingKey> _keys;
    private readonly Dictionary<string, VerifyingKey> _configured;

    private PlatformKeyStore(Dictionary<string, VerifyingKey> configured, IReadOnlyList<DownloadedCertificate> downloaded,
        string? preferredEncryptionId, DateTimeOffset now)
    {
        _configured = configured;
        Downloaded = downloaded;
        // A configured certificate past its expiry is no longer held (it was checked current at start).
        _keys = new Dictionary<string, VerifyingKey>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in configured)
            if (!(pair.Value.NotAfter <= now)) _keys[pair.Key] = pair.Value;
        foreach (var certificate in downloaded) _keys[certificate.Certificate.SerialNumber] = certificate.Key;
        // Handed out as is (PlatformKeyIds, refresh reports): read-only, so that a caller's cast cannot change the snapshot.
        Ids = Array.AsReadOnly(_keys.Keys.OrderBy(id => id, StringComparer.Ordinal).ToArray());
        // The merchant's choice; else public-key mode, WeChat Pay's current scheme; else the newest certificate in effect.
        EncryptionKeyId = preferredEncryptionId
            ?? Ids.FirstOrDefault(id => id.StartsWith(PublicKeyIdPrefix, StringComparison.Ordinal))
            ?? Ids.Where(id => !(_keys[id].NotBefore > now) && !(_keys[id].NotAfter <= now))
                .OrderByDescending(id => _keys[id].NotBefore ?? DateTimeOffset.MinValue).ThenBy(id => id, StringComparer.Ordinal).FirstOrDefault()
            ?? Ids.FirstOrDefault();
    }

    /// <summary>The key ids held, sorted.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The ids of the configured keys (not the downloaded certificates), sorted.</summary>
    public IReadOnlyList<string> ConfiguredIds => _configured.Keys.OrderBy(id => id, StringComparer.Ordinal).ToArray();

    /// <summary>Whether no key is held (a client built without one, before its first refresh).</summary>
    public bool IsEmpty => Ids.Count == 0;

    /// <summary>
    /// The key that encrypts sensitive fields unless a call names another: <see cref="WeChatPayOptions.EncryptionKeyId"/> when
    /// set, else the <c>PUB_KEY_ID_…</c> key if any, else the newest certificate in effect; null when no key is held.
    /// </summary>
    public string? EncryptionKeyId { get; }

    /// <summary>Whether any configured key is a public key (<c>PUB_KEY_ID_…</c>) and none a certificate: public-key mode, nothing to refresh.</summary>
    public bool PublicKeyModeOnly => _configured.Count > 0 && _configured.Keys.All(id => id.StartsWith(PublicKeyIdPrefix, StringComparison.Ordinal));

    /// <summary>The certificates the last refresh brought (configured keys not included).</summary>
    public IReadOnlyList<DownloadedCertificate> Downloaded { get; }

    /// <summary>Whether two certificate serials are the same number (hex, compared without leading zeros and case).</summary>
    public static bool SameSerial(string a, string b) => string.Equals(a.TrimStart('0'), b.TrimStart('0'), StringComparison.OrdinalIgnoreCase);

    /// <summary>Finds the key a <c>Wechatpay-Serial</c> names (serials compare case-insensitively).</summary>
    public bool TryGet(string id, out VerifyingKey key) => _keys.TryGetValue(id, out key!);

    /// <summary>The configured keys with a new set of downloaded certificates.</summary>
    public PlatformKeyStore With(IReadOnlyList<DownloadedCertificate> downloaded, string? preferredEncryptionId, DateTimeOffset now) =>
        new(_configured, downloaded, preferredEncryptionId, now);

    /// <summary>A store of already-loaded keys (e.g. the certificates of one <c>v3/certificates</c> answer).</summary>
    public static PlatformKeyStore Of(IReadOnlyDictionary<string, VerifyingKey> keys)
    {
        var copy = new Dictionary<string, VerifyingKey>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in keys) copy[pair.Key] = pair.Value;
        return new PlatformKeyStore(copy, Array.Empty<DownloadedCertificate>(), null, DateTimeOffset.MinValue);
    }

    /// <summary>This snapshot without the certificates expired by <paramref name="now"/>; itself when none has.</summary>
    public PlatformKeyStore WithoutExpired(string? preferredEncryptionId, DateTimeOffset now)
    {
        if (_keys.Values.All(key => !(key.NotAfter <= now))) return this;
        return new PlatformKeyStore(_configured, Downloaded.Where(c => c.Certificate.ExpireTime > now).ToArray(), preferredEncryptionId, now);
    }

    /// <summary>Loads every configured platform key and rejects the configuration mistakes seen most often.</summary>
    /// <param name="configured">The configured ids and PEM texts or paths.</param>
    /// <param name="merchantSerial">The merchant's own serial, which must not be used.</param>
    /// <param name="merchantPublicKey">The merchant's own public key, which must not be used.</param>
    /// <param name="canDownload">Whether the client can download certificates (an APIv3 key and refresh on): then none need be configured.</param>
    /// <param name="preferredEncryptionId">The configured <see cref="WeChatPayOptions.EncryptionKeyId"/>, or null.</param>
    /// <param name="now">The time, to choose the certificate in effect.</param>
    /// <exception cref="ArgumentException">No key (and no way to download one), an empty id, the merchant's own serial or key used as a platform key, or a certificate filed under another serial.</exception>
    public static PlatformKeyStore Load(IDictionary<string, string> configured, string merchantSerial, VerifyingKey merchantPublicKey,
        bool canDownload, string? preferredEncryptionId, DateTimeOffset now)
    {
        const string option = nameof(WeChatPayOptions.PlatformKeys);
        if (configured.Count == 0 && !canDownload)
            throw new ArgumentException(
                "PlatformKeys is empty: every answer from WeChat Pay is signed with a platform key, so at least one is needed. " +
                "Add the WeChat Pay public key under its id (PUB_KEY_ID_…, from the merchant platform: Account Center > API Security), " +
                "or a platform certificate under its serial number; or, in certificate mode, set ApiV3Key (with RefreshCertificates on) " +
                "and the client downloads the certificates on first use.", option);

        var keys = new Dictionary<string, VerifyingKey>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in configured)
        {
            var id = pair.Key ?? string.Empty;
            var name = $"PlatformKeys[\"{id}\"]";
            if (id.Length == 0)
                throw new ArgumentException("PlatformKeys has an empty id: use the platform certificate serial number or the PUB_KEY_ID_… of the WeChat Pay public key.", option);
            for (var i = 0; i < id.Length; i++)
            {
                if (id[i] <= ' ' || id[i] > '~')
                    throw new ArgumentException(
                        $"PlatformKeys has an id with {Shared.WireText.Describe(id[i])} at index {i}. A key id is sent as the Wechatpay-Serial header, " +
                        "so it is printable ASCII without spaces: the platform certificate serial number or the PUB_KEY_ID_… of the WeChat Pay public key.", option);
            }
            if (string.Equals(id, merchantSerial, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException(
                    $"{name} is the merchant's own serial number (MerchantSerialNumber). Platform keys are WeChat Pay's keys, which sign its answers: " +
                    "use the WeChat Pay public key (PUB_KEY_ID_…) or a platform certificate serial, not the merchant API certificate.", option);
            if (string.IsNullOrWhiteSpace(pair.Value))
                throw new ArgumentException($"{name} has no key: give PEM text or the path of a PEM file (public key or certificate).", option);

            var key = Keys.LoadVerifyingKey(pair.Value, name);
            if (key.Scheme != merchantPublicKey.Scheme)
                throw new ArgumentException(
                    $"{name} is a {key.Scheme.Name} key, but MerchantPrivateKey is a {merchantPublicKey.Scheme.Name} key: a merchant signs and is answered " +
                    "with one scheme. Configure the platform keys of the merchant's scheme (国密 merchants: SM2 certificates or public keys), or the merchant key that goes with them.", option);
            if (key.SameKeyAs(merchantPublicKey))
                throw new ArgumentException(
                    $"{name} holds the merchant's own public key. Platform keys are WeChat Pay's keys, which sign its answers: " +
                    "use the WeChat Pay public key or a platform certificate, not the merchant API certificate or key.", option);
            if (key.CertificateSerial != null && !id.StartsWith(PublicKeyIdPrefix, StringComparison.Ordinal) &&
                !SameSerial(key.CertificateSerial, id))
                throw new ArgumentException($"{name} holds a certificate whose serial number is {key.CertificateSerial}: file it under that id.", option);
            if (key.NotAfter <= now)
                throw new ArgumentException(
                    $"{name} is a certificate that expired on {key.NotAfter:yyyy-MM-dd}: remove it and configure the current one " +
                    "(with ApiV3Key set and RefreshCertificates on, the client downloads the current ones itself).", option);
            if (keys.ContainsKey(id))
                throw new ArgumentException($"PlatformKeys names {id} twice (ids compare case-insensitively).", option);
            keys.Add(id, key);
        }
        return new PlatformKeyStore(keys, Array.Empty<DownloadedCertificate>(), preferredEncryptionId, now);
    }
}

/// <summary>A certificate from a verified <c>v3/certificates</c> answer, with its parsed key.</summary>
internal sealed class DownloadedCertificate
{
    public DownloadedCertificate(WeChatPayPlatformCertificate certificate, VerifyingKey key)
    {
        Certificate = certificate;
        Key = key;
    }

    public WeChatPayPlatformCertificate Certificate { get; }

    public VerifyingKey Key { get; }
}
