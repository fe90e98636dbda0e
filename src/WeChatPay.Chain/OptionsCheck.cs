using System;

namespace WeChatPay.Chain;

/// <summary>Start-up checks of <see cref="WeChatPayOptions"/> values, each naming the option to fix.</summary>
internal static class OptionsCheck
{
    /// <summary>An absolute http(s) URL, returned with a trailing '/'.</summary>
    /// <exception cref="ArgumentException">The URL is empty, relative, or not http(s).</exception>
    public static string BaseUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            throw new ArgumentException($"BaseUrl must be an absolute http(s) URL without query, e.g. {WeChatPayOptions.DefaultBaseUrl}", nameof(WeChatPayOptions.BaseUrl));
        var text = uri.GetLeftPart(UriPartial.Path);
        return text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/";
    }

    /// <summary>MaxRetries: 0 to 5.</summary>
    /// <exception cref="ArgumentException">The number is outside 0 to 5.</exception>
    public static int Retries(int value) =>
        value is >= 0 and <= 5 ? value
            : throw new ArgumentException($"MaxRetries must be between 0 (no retries) and 5; it is {value} (the default is 2).", nameof(WeChatPayOptions.MaxRetries));

    /// <summary>MaxDecompressedBillSize: a positive number of bytes.</summary>
    /// <exception cref="ArgumentException">The number is zero or negative.</exception>
    public static long MaxDecompressedBillSize(long value) =>
        value > 0 ? value
            : throw new ArgumentException($"MaxDecompressedBillSize must be a positive number of bytes; it is {value} (the default is 16 GiB).", nameof(WeChatPayOptions.MaxDecompressedBillSize));

    /// <summary>The origin retries fail over to: BackupBaseUrl's, the documented one for the default base URL, or none.</summary>
    /// <exception cref="ArgumentException">BackupBaseUrl is not a base URL, or its path is not BaseUrl's.</exception>
    public static string? BackupOrigin(WeChatPayOptions options, string baseUrl, string basePath)
    {
        if (!options.Failover) return null;
        string backup;
        if (options.BackupBaseUrl is null)
        {
            if (!string.Equals(baseUrl, WeChatPayOptions.DefaultBaseUrl, StringComparison.OrdinalIgnoreCase)) return null;
            backup = Http.RetryPolicy.DocumentedBackup;
        }
        else
        {
            try
            {
                backup = BaseUrl(options.BackupBaseUrl);
            }
            catch (ArgumentException)
            {
                throw new ArgumentException($"BackupBaseUrl must be an absolute http(s) URL without query, e.g. {Http.RetryPolicy.DocumentedBackup}", nameof(WeChatPayOptions.BackupBaseUrl));
            }
        }
        var uri = new Uri(backup);
        if (!string.Equals(uri.AbsolutePath, basePath, StringComparison.Ordinal))
            throw new ArgumentException($"BackupBaseUrl's path ({uri.AbsolutePath}) must be BaseUrl's ({basePath}): the same request target is signed for both.", nameof(WeChatPayOptions.BackupBaseUrl));
        return uri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>The scheme the merchant key belongs to; when the option names one, the key must belong to it.</summary>
    /// <exception cref="ArgumentException">The option names a scheme the key does not belong to, or no scheme at all.</exception>
    public static Crypto.Scheme Scheme(WeChatPayScheme? option, Crypto.SigningKey merchantKey)
    {
        const string SchemeOption = "Scheme";
        if (option is null) return merchantKey.Scheme;
        var named = option switch
        {
            WeChatPayScheme.Rsa => Crypto.Scheme.Rsa.Name,
            WeChatPayScheme.Sm2 => Crypto.Scheme.Sm.Name,
            _ => throw new ArgumentException($"Scheme {(int)option} is not a scheme: use WeChatPayScheme.Rsa or WeChatPayScheme.Sm2, or leave it null to follow MerchantPrivateKey.", SchemeOption),
        };
        if (named != merchantKey.Scheme.Name)
            throw new ArgumentException($"Scheme is {option} ({named}), but MerchantPrivateKey is a {merchantKey.Scheme.Name} key: give the merchant key of that scheme, " +
                "or leave Scheme null to follow the key.", SchemeOption);
        return merchantKey.Scheme;
    }

    /// <summary>PublicKeysOnly: the configuration must name public keys (<c>PUB_KEY_ID_…</c>) only, for verifying and for encrypting.</summary>
    /// <exception cref="ArgumentException">A certificate is configured, no public key is, or EncryptionKeyId names a certificate.</exception>
    public static void PublicKeysOnly(WeChatPayOptions options, string? encryptionKeyId)
    {
        if (!options.PublicKeysOnly) return;
        const string Switch = "WeChatPayOptions.PublicKeysOnly is on (never download certificates, never send a certificate serial)";
        var publicKeys = 0;
        foreach (var id in options.PlatformKeys.Keys)
        {
            if (Diagnostics.MigrationCounters.IsPublicKey(id ?? string.Empty)) publicKeys++;
            else
                throw new ArgumentException($"{Switch}, but PlatformKeys holds the certificate {id}: remove it, or turn PublicKeysOnly off while WeChat Pay may still sign with it " +
                    "(docs/public-key-migration.md).", nameof(WeChatPayOptions.PlatformKeys));
        }
        if (publicKeys == 0)
            throw new ArgumentException($"{Switch}, but PlatformKeys holds no WeChat Pay public key: add it under its PUB_KEY_ID_… (merchant platform: Account Center > API Security).",
                nameof(WeChatPayOptions.PlatformKeys));
        if (encryptionKeyId is not null && !Diagnostics.MigrationCounters.IsPublicKey(encryptionKeyId))
            throw new ArgumentException($"{Switch}, but EncryptionKeyId names the certificate {encryptionKeyId}: name the public key, or leave it unset.",
                nameof(WeChatPayOptions.EncryptionKeyId));
    }

    /// <summary>An optional APIv3 key: null, or exactly 32 ASCII characters.</summary>
    /// <exception cref="ArgumentException">The key is set but not 32 ASCII characters (the message never shows it).</exception>
    public static string? ApiV3Key(string? value)
    {
        if (value is null) return null;
        var ascii = true;
        foreach (var c in value) ascii &= c > ' ' && c <= '~';
        if (value.Length != 32 || !ascii)
            throw new ArgumentException($"ApiV3Key must be the 32-character APIv3 key set in the merchant platform (the value given has {value.Length} characters{(ascii ? string.Empty : ", not all printable ASCII")}).", nameof(WeChatPayOptions.ApiV3Key));
        return value;
    }

    /// <summary>An optional APIv2 key: null, or 32 printable ASCII characters (<see cref="Crypto.ApiV2Key.Check"/>).</summary>
    /// <exception cref="ArgumentException">The key is set but is not an APIv2 key (the message never shows it).</exception>
    public static string? ApiV2Key(string? value)
    {
        if (value is null) return null;
        Crypto.ApiV2Key.Check(value, nameof(WeChatPayOptions.ApiV2Key));
        return value;
    }

    /// <summary>A value that goes into the Authorization header between quotes: non-empty, no spaces, quotes or commas.</summary>
    /// <exception cref="ArgumentException">The value is empty or holds such a character.</exception>
    public static string HeaderToken(string? value, string option, string what)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
            throw new ArgumentException($"{option} is empty: give {what}.", option);
        foreach (var c in trimmed)
        {
            if (c <= ' ' || c == '"' || c == ',' || c == '\\' || c > '~')
                throw new ArgumentException($"{option} holds a character that cannot go into the Authorization header; it should be {what}.", option);
        }
        return trimmed;
    }

    /// <summary>
    /// The claims on notifications the options describe, keyed from the APIv3 key, or from the APIv2 key when there is no
    /// APIv3 key (a merchant that reads only APIv2 notifications); null without either (no callback can be read then).
    /// </summary>
    /// <exception cref="ArgumentException">NotificationMemoryTime or NotificationLease is out of range, or WhenNotificationStoreUnreachable is not a defined value.</exception>
    public static Notifications.NotificationClaims? NotificationClaims(WeChatPayOptions options, string? apiV3Key, string? apiV2Key, TimeProvider clock)
    {
        if (options.NotificationMemoryTime < TimeSpan.FromMinutes(10))
            throw new ArgumentException("NotificationMemoryTime must be at least 10 minutes, twice the ±300 s window (the default is 48 hours).", nameof(WeChatPayOptions.NotificationMemoryTime));
        if (options.NotificationLease < TimeSpan.FromSeconds(1) || options.NotificationLease > options.NotificationMemoryTime)
            throw new ArgumentException("NotificationLease must be between one second and NotificationMemoryTime (the default is one minute, renewed while the handler runs).",
                nameof(WeChatPayOptions.NotificationLease));
        if (options.WhenNotificationStoreUnreachable is not (NotificationStoreFailure.AnswerRetryLater or NotificationStoreFailure.ProcessHere))
            throw new ArgumentException($"WhenNotificationStoreUnreachable is {(int)options.WhenNotificationStoreUnreachable}, which is not a NotificationStoreFailure value.",
                nameof(WeChatPayOptions.WhenNotificationStoreUnreachable));
        return apiV3Key is null && apiV2Key is null ? null
            : new Notifications.NotificationClaims(options.NotificationStore, apiV3Key, apiV2Key, options.NotificationLease, options.NotificationMemoryTime,
                options.WhenNotificationStoreUnreachable, clock);
    }
}
