using System;
using System.Collections.Generic;
using System.Linq;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Certificates;

/// <summary>The WeChat Pay platform keys by id (platform certificate serial or <c>PUB_KEY_ID_…</c>), loaded and checked once at start.</summary>
internal sealed class PlatformKeyStore
{
    /// <summary>The prefix of WeChat Pay public key ids (public-key mode).</summary>
    public const string PublicKeyIdPrefix = "PUB_KEY_ID_";

    private readonly Dictionary<string, RsaPublicKey> _keys;

    private PlatformKeyStore(Dictionary<string, RsaPublicKey> keys)
    {
        _keys = keys;
        Ids = keys.Keys.OrderBy(id => id, StringComparer.Ordinal).ToArray();
        // Public-key mode is WeChat Pay's current scheme; among certificates the newest one encrypts.
        EncryptionKeyId = Ids.FirstOrDefault(id => id.StartsWith(PublicKeyIdPrefix, StringComparison.Ordinal))
            ?? Ids.OrderByDescending(id => keys[id].NotBefore ?? DateTimeOffset.MinValue).ThenBy(id => id, StringComparer.Ordinal).First();
    }

    /// <summary>The configured key ids, sorted.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The key that encrypts sensitive fields unless a call names another: the <c>PUB_KEY_ID_…</c> key if any, else the newest certificate.</summary>
    public string EncryptionKeyId { get; }

    /// <summary>Finds the key a <c>Wechatpay-Serial</c> names (serials compare case-insensitively).</summary>
    public bool TryGet(string id, out RsaPublicKey key) => _keys.TryGetValue(id, out key!);

    /// <summary>A store of already-loaded keys (e.g. the certificates of one <c>v3/certificates</c> answer).</summary>
    public static PlatformKeyStore Of(IReadOnlyDictionary<string, RsaPublicKey> keys)
    {
        var copy = new Dictionary<string, RsaPublicKey>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in keys) copy[pair.Key] = pair.Value;
        return new PlatformKeyStore(copy);
    }

    /// <summary>Loads every configured platform key and rejects the configuration mistakes seen most often.</summary>
    /// <exception cref="ArgumentException">No key, an empty id, the merchant's own serial or key used as a platform key, or a certificate filed under another serial.</exception>
    public static PlatformKeyStore Load(IDictionary<string, string> configured, string merchantSerial, RsaPublicKey merchantPublicKey)
    {
        const string option = nameof(WeChatPayOptions.PlatformKeys);
        if (configured.Count == 0)
            throw new ArgumentException(
                "PlatformKeys is empty: every answer from WeChat Pay is signed with a platform key, so at least one is needed. " +
                "Add the WeChat Pay public key under its id (PUB_KEY_ID_…, from the merchant platform: Account Center > API Security), " +
                "or a platform certificate under its serial number.", option);

        var keys = new Dictionary<string, RsaPublicKey>(StringComparer.OrdinalIgnoreCase);
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
                        $"PlatformKeys has an id with {Http.WireText.Describe(id[i])} at index {i}. A key id is sent as the Wechatpay-Serial header, " +
                        "so it is printable ASCII without spaces: the platform certificate serial number or the PUB_KEY_ID_… of the WeChat Pay public key.", option);
            }
            if (string.Equals(id, merchantSerial, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException(
                    $"{name} is the merchant's own serial number (MerchantSerialNumber). Platform keys are WeChat Pay's keys, which sign its answers: " +
                    "use the WeChat Pay public key (PUB_KEY_ID_…) or a platform certificate serial, not the merchant API certificate.", option);
            if (string.IsNullOrWhiteSpace(pair.Value))
                throw new ArgumentException($"{name} has no key: give PEM text or the path of a PEM file (public key or certificate).", option);

            var key = RsaPublicKey.Load(pair.Value, name);
            if (key.SameKeyAs(merchantPublicKey))
                throw new ArgumentException(
                    $"{name} holds the merchant's own public key. Platform keys are WeChat Pay's keys, which sign its answers: " +
                    "use the WeChat Pay public key or a platform certificate, not the merchant API certificate or key.", option);
            if (key.CertificateSerial != null && !id.StartsWith(PublicKeyIdPrefix, StringComparison.Ordinal) &&
                !string.Equals(key.CertificateSerial.TrimStart('0'), id.TrimStart('0'), StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"{name} holds a certificate whose serial number is {key.CertificateSerial}: file it under that id.", option);
            if (keys.ContainsKey(id))
                throw new ArgumentException($"PlatformKeys names {id} twice (ids compare case-insensitively).", option);
            keys.Add(id, key);
        }
        return new PlatformKeyStore(keys);
    }
}
