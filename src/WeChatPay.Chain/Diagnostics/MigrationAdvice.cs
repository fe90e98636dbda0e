using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace WeChatPay.Chain.Diagnostics;

/// <summary>
/// The step still missing on the way from platform certificates to the WeChat Pay public key alone, in the order
/// docs/public-key-migration.md takes them: configure the public key, let WeChat Pay sign with it, stop naming certificates
/// in <c>Wechatpay-Serial</c>, remove the certificates.
/// </summary>
internal static class MigrationAdvice
{
    /// <summary>The first step still missing, as one sentence; null when the public key alone is configured and nothing used a certificate.</summary>
    public static string? NextStep(WeChatPayKeyUse answers, WeChatPayKeyUse callbacks, WeChatPayKeyUse requests, long downloads,
        IReadOnlyCollection<string> configuredIds, bool publicKeysOnly)
    {
        var publicKeys = configuredIds.Where(MigrationCounters.IsPublicKey).ToArray();
        var certificates = configuredIds.Where(id => !MigrationCounters.IsPublicKey(id)).ToArray();
        if (publicKeys.Length == 0)
            return "configure the WeChat Pay public key: apply for it in the merchant platform (Account Center > API Security), then add it to " +
                "PlatformKeys under its PUB_KEY_ID_… beside the certificates (docs/public-key-migration.md, phase 2)";
        var signedByCertificate = answers.Certificate + callbacks.Certificate;
        if (signedByCertificate > 0)
            return $"WeChat Pay still signed {Count(answers.Certificate, "answer")} and {Count(callbacks.Certificate, "callback")} with a platform certificate: " +
                "switch to the public key in the merchant platform (Account Center > API Security), and keep the certificates configured until it signs with the public key alone";
        if (requests.Certificate > 0)
            return $"the certificate serial is still sent in Wechatpay-Serial ({Count(requests.Certificate, "request")}): leave EncryptionKeyId unset or set it to " +
                $"{publicKeys[0]}, and name the public key in any Wechatpay-Serial header of your own";
        if (certificates.Length > 0 || downloads > 0)
        {
            var still = certificates.Length == 0 ? $"certificates are still downloaded ({Count(downloads, "download")})"
                : downloads > 0 ? $"certificates are still configured ({string.Join(", ", certificates)}) and downloaded ({Count(downloads, "download")})"
                : $"certificates are still configured ({string.Join(", ", certificates)})";
            return still + ": remove them from PlatformKeys and set WeChatPayOptions.PublicKeysOnly, so that none is downloaded or sent again";
        }
        return null;
    }

    private static string Count(long count, string what) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + what + (count == 1 ? string.Empty : "s");
}
