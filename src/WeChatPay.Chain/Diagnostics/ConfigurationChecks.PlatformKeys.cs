using System;
using System.Linq;
using WeChatPay.Chain.Certificates;

namespace WeChatPay.Chain.Diagnostics;

/// <content>The platform keys: loaded as the client loads them, their mode, and their expiry.</content>
internal sealed partial class ConfigurationChecks
{
    private void PlatformKeys()
    {
        if (_merchantKey is null || _serial is null)
        {
            Add("platform-keys", WeChatPayCheckOutcome.Skipped, "the merchant key or serial could not be read, and the platform keys are checked against them.");
            Add("platform-key-expiry", WeChatPayCheckOutcome.Skipped, "the platform keys were not loaded.");
            return;
        }
        PlatformKeyStore store;
        try
        {
            var encryptionKeyId = string.IsNullOrWhiteSpace(_options.EncryptionKeyId) ? null : _options.EncryptionKeyId!.Trim();
            OptionsCheck.PublicKeysOnly(_options, encryptionKeyId);
            var canDownload = _options.RefreshCertificates && _options.ApiV3Key is not null && !_options.PublicKeysOnly;
            store = PlatformKeyStore.Load(_options.PlatformKeys, _serial, _merchantKey.PublicKey, canDownload, encryptionKeyId, _now);
        }
        catch (ArgumentException e)
        {
            Add("platform-keys", WeChatPayCheckOutcome.Failed, OptionMistake.Finding(e),
                "configure WeChat Pay's keys: the WeChat Pay public key under its PUB_KEY_ID_… (merchant platform: Account Center > API Security), or platform certificates under their serials.");
            Add("platform-key-expiry", WeChatPayCheckOutcome.Skipped, "the platform keys were not loaded.");
            return;
        }

        var ids = store.ConfiguredIds;
        var publicKeys = ids.Where(MigrationCounters.IsPublicKey).ToArray();
        var certificates = ids.Where(id => !MigrationCounters.IsPublicKey(id)).ToArray();
        var mode = publicKeys.Length > 0 && certificates.Length > 0
            ? $"migrating: the public key {string.Join(", ", publicKeys)} and the certificates {string.Join(", ", certificates)}"
            : publicKeys.Length > 0 ? $"public-key mode: {string.Join(", ", publicKeys)}"
            : certificates.Length > 0 ? $"certificate mode: {string.Join(", ", certificates)}"
            : "certificate mode: none configured, downloaded on first use with the APIv3 key";
        var refreshing = certificates.Length > 0 || publicKeys.Length == 0
            ? _options.PublicKeysOnly ? string.Empty
                : _options.RefreshCertificates && _options.ApiV3Key is not null ? "; certificates are downloaded and refreshed" : "; certificates are not refreshed (no APIv3 key, or RefreshCertificates off)"
            : string.Empty;
        Add("platform-keys", WeChatPayCheckOutcome.Passed,
            $"{mode}{refreshing}; none is the merchant's own; sensitive fields are encrypted with {store.EncryptionKeyId ?? "the first downloaded certificate"}.");

        var expiring = ids.Select(id => (Id: id, Store: store.TryGet(id, out var key) ? key.NotAfter : null))
            .Where(k => k.Store is not null).OrderBy(k => k.Store).ToArray();
        if (expiring.Length == 0)
            Add("platform-key-expiry", publicKeys.Length > 0 ? WeChatPayCheckOutcome.Passed : WeChatPayCheckOutcome.Skipped,
                publicKeys.Length > 0 ? "WeChat Pay public keys do not expire." : "no certificate is configured; downloaded ones are renewed by the client.");
        else if (expiring[0].Store!.Value - _now < ExpiryWarning)
            Add("platform-key-expiry", WeChatPayCheckOutcome.Warning,
                $"the platform certificate {expiring[0].Id} expires on {expiring[0].Store:yyyy-MM-dd}, in {(int)Math.Ceiling((expiring[0].Store!.Value - _now).TotalDays)} days.",
                _options.RefreshCertificates && _options.ApiV3Key is not null && !_options.PublicKeysOnly
                    ? "nothing to do for verification (the client downloads its successor); better, move to the WeChat Pay public key, which does not expire (docs/public-key-migration.md)."
                    : "download its successor (`wxpay certificates download`) and configure it, or move to the WeChat Pay public key (docs/public-key-migration.md).");
        else
            Add("platform-key-expiry", WeChatPayCheckOutcome.Passed, $"the first configured certificate to expire, {expiring[0].Id}, is valid until {expiring[0].Store:yyyy-MM-dd}.");
    }
}
