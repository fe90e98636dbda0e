using System;
using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Cli;

/// <summary>
/// The client configuration of <c>wxpay</c>, from flags, then environment variables (<c>WECHATPAY_…</c>), then a JSON file
/// (<c>--config</c>, or <c>WECHATPAY_CONFIG</c>; the shape <c>wxpay sandbox --json</c> prints, <c>SandboxHost.ClientJson</c>: <c>MerchantId</c>,
/// <c>MerchantSerialNumber</c>, <c>MerchantPrivateKey</c>, <c>PlatformKeys</c>, <c>BaseUrl</c>, <c>ApiV3Key</c>, <c>ApiV2Key</c>, <c>MerchantCertificate</c>,
/// <c>MerchantCertificatePassword</c>, <c>PublicKeysOnly</c>), the first
/// that gives a setting winning. Keys may be PEM text or file paths, as in <see cref="WeChatPayOptions"/>.
/// </summary>
internal sealed class CliConfiguration
{
    /// <summary>The environment variable of each setting.</summary>
    public static readonly IReadOnlyDictionary<string, string> Variables = new Dictionary<string, string>
    {
        ["MerchantId"] = "WECHATPAY_MERCHANT_ID",
        ["MerchantSerialNumber"] = "WECHATPAY_MERCHANT_SERIAL",
        ["MerchantPrivateKey"] = "WECHATPAY_MERCHANT_KEY",
        ["PlatformKeys"] = "WECHATPAY_PLATFORM_KEYS",
        ["BaseUrl"] = "WECHATPAY_BASE_URL",
        ["ApiV3Key"] = "WECHATPAY_APIV3_KEY",
        ["ApiV2Key"] = "WECHATPAY_APIV2_KEY",
        ["MerchantCertificate"] = "WECHATPAY_MERCHANT_CERTIFICATE",
        ["MerchantCertificatePassword"] = "WECHATPAY_MERCHANT_CERTIFICATE_PASSWORD",
        ["PublicKeysOnly"] = "WECHATPAY_PUBLIC_KEYS_ONLY",
    };

    public string? ConfigFile { get; init; }

    public string? MerchantId { get; init; }

    public string? MerchantSerialNumber { get; init; }

    public string? MerchantPrivateKey { get; init; }

    /// <summary><c>ID=key</c> pairs (a key's PEM or file path), from <c>--platform-key</c>.</summary>
    public IReadOnlyList<string> PlatformKeys { get; init; } = Array.Empty<string>();

    public string? BaseUrl { get; init; }

    public string? ApiV3Key { get; init; }

    public string? ApiV2Key { get; init; }

    /// <summary>apiclient_cert.p12's path, or apiclient_cert.pem's text or path (APIv2's security operations).</summary>
    public string? MerchantCertificate { get; init; }

    public string? MerchantCertificatePassword { get; init; }

    /// <summary><c>--public-keys-only</c>: WeChatPayOptions.PublicKeysOnly (the flag can only turn it on).</summary>
    public bool PublicKeysOnly { get; init; }

    /// <exception cref="CliException">The file is missing or not JSON, a setting has the wrong shape, or a required one is missing.</exception>
    public WeChatPayOptions ToOptions(Func<string, string?> environment)
    {
        var file = ReadFile(ConfigFile ?? environment("WECHATPAY_CONFIG"));
        string? Pick(string name, string? flag) => flag ?? environment(Variables[name]) ?? Text(file, name);

        var options = new WeChatPayOptions
        {
            MerchantId = Pick("MerchantId", MerchantId) ?? Missing("MerchantId", "--merchant-id"),
            MerchantSerialNumber = Pick("MerchantSerialNumber", MerchantSerialNumber) ?? Missing("MerchantSerialNumber", "--merchant-serial"),
            MerchantPrivateKey = Pick("MerchantPrivateKey", MerchantPrivateKey) ?? Missing("MerchantPrivateKey", "--merchant-key"),
            ApiV3Key = Pick("ApiV3Key", ApiV3Key),
            ApiV2Key = Pick("ApiV2Key", ApiV2Key),
            MerchantCertificate = Pick("MerchantCertificate", MerchantCertificate),
            MerchantCertificatePassword = Pick("MerchantCertificatePassword", MerchantCertificatePassword),
        };
        if (Pick("BaseUrl", BaseUrl) is { } baseUrl) options.BaseUrl = baseUrl;
        options.PublicKeysOnly = PublicKeysOnly || (Switch(environment(Variables["PublicKeysOnly"]), Variables["PublicKeysOnly"]) ?? FileSwitch(file, "PublicKeysOnly") ?? false);

        // Platform keys: the flags, else the variable (ID=key;ID=key), else the file's object.
        if (PlatformKeys.Count > 0)
        {
            foreach (var pair in PlatformKeys) Add(options, pair, "--platform-key");
        }
        else if (environment(Variables["PlatformKeys"]) is { Length: > 0 } variable)
        {
            foreach (var pair in variable.Split(';', StringSplitOptions.RemoveEmptyEntries)) Add(options, pair, Variables["PlatformKeys"]);
        }
        else if (file?["PlatformKeys"] is JObject keys)
        {
            foreach (var key in keys.Properties())
                options.PlatformKeys[key.Name] = key.Value.Type == JTokenType.String ? (string)key.Value! : throw new CliException($"PlatformKeys.{key.Name} in {ConfigFile} is not a string: give the key's PEM or file path.");
        }
        return options;
    }

    private static void Add(WeChatPayOptions options, string pair, string source)
    {
        var equals = pair.IndexOf('=');
        if (equals <= 0 || equals == pair.Length - 1)
            throw new CliException($"{source} takes ID=KEY (the platform certificate serial or PUB_KEY_ID_…, then the key's PEM or file path); got '{Shorten(pair)}'.");
        options.PlatformKeys[pair.Substring(0, equals).Trim()] = pair.Substring(equals + 1).Trim();
    }

    private static string Missing(string name, string flag) =>
        throw new CliException($"No {name}: pass {flag}, set {Variables[name]}, or give it in a --config file (wxpay sandbox --json writes one).");

    private static JObject? ReadFile(string? path)
    {
        if (path is null) return null;
        if (!File.Exists(path)) throw new CliException($"The configuration file {path} does not exist.");
        try
        {
            return JObject.Parse(InputFile.Read(path, "--config " + path));
        }
        catch (Newtonsoft.Json.JsonException e)
        {
            throw new CliException($"The configuration file {path} is not a JSON object ({e.Message}).");
        }
    }

    private static string? Text(JObject? file, string name) => file?[name] switch
    {
        null => null,
        { Type: JTokenType.Null } => null,
        { Type: JTokenType.String } token => (string)token!,
        _ => throw new CliException($"{name} in the configuration file is not a string."),
    };

    // "true"/"false" (or 1/0), any case; empty or unset is no say.
    private static bool? Switch(string? text, string source) => text switch
    {
        null or "" => null,
        _ when text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1" => true,
        _ when text.Equals("false", StringComparison.OrdinalIgnoreCase) || text == "0" => false,
        _ => throw new CliException($"{source} takes true or false; got '{Shorten(text)}'."),
    };

    private static bool? FileSwitch(JObject? file, string name) => file?[name] switch
    {
        null => null,
        { Type: JTokenType.Null } => null,
        { Type: JTokenType.Boolean } token => (bool)token!,
        { Type: JTokenType.String } token => Switch((string)token!, name + " in the configuration file"),
        _ => throw new CliException($"{name} in the configuration file is not true or false."),
    };

    // Never echo what may be key material whole.
    private static string Shorten(string text) => text.Length <= 24 ? text : text.Substring(0, 12) + "…";
}

/// <summary>A mistake of the caller's that <c>wxpay</c> reports as one line.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message) : base(message)
    {
    }
}
