using System;
using System.CommandLine;

namespace WeChatPay.Chain.Cli;

/// <summary>The configuration flags of <c>wxpay</c>, on every command that builds a client, and the options they make (<see cref="CliConfiguration"/>).</summary>
internal static class ConfigurationFlags
{
    public static readonly Option<string?> ConfigFile = new("--config") { Description = "A JSON configuration file (wxpay sandbox --json writes one).", Recursive = true };
    public static readonly Option<string?> MerchantId = new("--merchant-id") { Description = "The merchant id (mchid). Env: WECHATPAY_MERCHANT_ID.", Recursive = true };
    public static readonly Option<string?> MerchantSerial = new("--merchant-serial") { Description = "The merchant certificate serial. Env: WECHATPAY_MERCHANT_SERIAL.", Recursive = true };
    public static readonly Option<string?> MerchantKey = new("--merchant-key") { Description = "The merchant private key: PEM or file path. Env: WECHATPAY_MERCHANT_KEY.", Recursive = true };
    public static readonly Option<string[]> PlatformKey = new("--platform-key") { Description = "ID=KEY: a platform certificate serial or PUB_KEY_ID_…, and its PEM or file path (repeatable). Env: WECHATPAY_PLATFORM_KEYS (ID=KEY;ID=KEY).", Recursive = true, AllowMultipleArgumentsPerToken = false };
    public static readonly Option<string?> BaseUrl = new("--base-url") { Description = "The API base URL. Env: WECHATPAY_BASE_URL.", Recursive = true };
    public static readonly Option<string?> ApiV3Key = new("--apiv3-key") { Description = "The APIv3 key (callbacks, certificates). Env: WECHATPAY_APIV3_KEY.", Recursive = true };
    public static readonly Option<string?> ApiV2Key = new("--apiv2-key") { Description = "The APIv2 key (v2/… calls). Env: WECHATPAY_APIV2_KEY.", Recursive = true };
    public static readonly Option<string?> MerchantCertificate = new("--merchant-certificate")
        { Description = "apiclient_cert.p12's path, or apiclient_cert.pem (APIv2 operations that need the client certificate). Env: WECHATPAY_MERCHANT_CERTIFICATE.", Recursive = true };
    public static readonly Option<string?> MerchantCertificatePassword = new("--merchant-certificate-password")
        { Description = "The .p12's password (the merchant id by default). Env: WECHATPAY_MERCHANT_CERTIFICATE_PASSWORD.", Recursive = true };

    public static readonly Option<bool> PublicKeysOnly = new("--public-keys-only")
        { Description = "Public keys only: never download or name a platform certificate (a merchant whose move to public keys is complete). Env: WECHATPAY_PUBLIC_KEYS_ONLY=true.", Recursive = true };

    /// <summary>Every configuration flag, in the order the help lists them.</summary>
    public static Option[] All => new Option[] { ConfigFile, MerchantId, MerchantSerial, MerchantKey, PlatformKey, BaseUrl, ApiV3Key, ApiV2Key, MerchantCertificate, MerchantCertificatePassword, PublicKeysOnly };

    /// <summary>The client options: the flags, then the environment, then the configuration file.</summary>
    /// <exception cref="CliException">A setting is missing or has the wrong shape.</exception>
    public static WeChatPayOptions Options(ParseResult result) => new CliConfiguration
    {
        ConfigFile = result.GetValue(ConfigFile),
        MerchantId = result.GetValue(MerchantId),
        MerchantSerialNumber = result.GetValue(MerchantSerial),
        MerchantPrivateKey = result.GetValue(MerchantKey),
        PlatformKeys = result.GetValue(PlatformKey) ?? Array.Empty<string>(),
        BaseUrl = result.GetValue(BaseUrl),
        ApiV3Key = result.GetValue(ApiV3Key),
        ApiV2Key = result.GetValue(ApiV2Key),
        MerchantCertificate = result.GetValue(MerchantCertificate),
        MerchantCertificatePassword = result.GetValue(MerchantCertificatePassword),
        PublicKeysOnly = result.GetValue(PublicKeysOnly),
    }.ToOptions(Environment.GetEnvironmentVariable);
}
