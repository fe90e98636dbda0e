using System;

namespace WeChatPay.Chain.Sandbox;

/// <content>国密: the merchant and platform SM2 keys, given or generated, and in certificate mode an SM2 platform certificate.</content>
internal sealed partial class SandboxKeys
{
    // The options were checked for the cheap mistakes already; SM2 keys are generated in microseconds, so no parallel start.
    private static SandboxKeys CreateSm(SandboxOptions options, string merchantId, string apiV3Key, TimeProvider clock)
    {
        var merchantPem = options.MerchantPrivateKey is null ? null : PemText(options.MerchantPrivateKey, nameof(SandboxOptions.MerchantPrivateKey));
        var merchantKey = merchantPem is null ? SandboxSm2.Generate() : SandboxSm2.FromPrivatePem(merchantPem, nameof(SandboxOptions.MerchantPrivateKey));
        var platformKey = options.PlatformPrivateKey is null
            ? SandboxSm2.Generate()
            : SandboxSm2.FromPrivatePem(PemText(options.PlatformPrivateKey, nameof(SandboxOptions.PlatformPrivateKey)), nameof(SandboxOptions.PlatformPrivateKey));
        if (platformKey.SameKeyAs(merchantKey))
            throw new ArgumentException("PlatformPrivateKey is the merchant key: the platform key must be a different key.", nameof(SandboxOptions.PlatformPrivateKey));
        var merchantSerial = options.MerchantSerialNumber is null
            ? RandomHex()
            : Token(options.MerchantSerialNumber, nameof(SandboxOptions.MerchantSerialNumber));
        merchantPem ??= merchantKey.PrivatePem;

        if (options.Mode == KeyMode.PublicKey)
        {
            var id = options.PlatformKeyId?.Trim() ?? "PUB_KEY_ID_" + RandomDigits(28);
            return new SandboxKeys(SchemeRules.Sm, KeyMode.PublicKey, merchantId, merchantSerial, merchantPem, merchantKey,
                new PlatformIdentity(id, platformKey.PublicPem, platformKey, null, null, null), apiV3Key, "PUB_KEY_ID_" + RandomDigits(28));
        }

        var certificatePem = options.PlatformCertificate is not null
            ? PemText(options.PlatformCertificate, nameof(SandboxOptions.PlatformCertificate))
            : SandboxSm2Certificate.SelfSigned(platformKey, SerialBytes(options.PlatformKeyId ?? RandomHex()), ValidFrom(clock.GetUtcNow(), fromNow: false));
        var platform = SandboxSm2Certificate.Identity(certificatePem, platformKey);
        if (options.PlatformKeyId != null && !string.Equals(options.PlatformKeyId.TrimStart('0'), platform.Id, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"PlatformKeyId must be the certificate serial ({platform.Id}) in certificate mode.", nameof(SandboxOptions.PlatformKeyId));
        return new SandboxKeys(SchemeRules.Sm, KeyMode.Certificate, merchantId, merchantSerial, merchantPem, merchantKey, platform, apiV3Key, RandomHex());
    }
}
