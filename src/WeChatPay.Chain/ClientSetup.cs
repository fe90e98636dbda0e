using System;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Http;

namespace WeChatPay.Chain;

/// <summary>
/// The client's configuration, checked and composed in one place: every option is read and checked here, once, and turned
/// into the pieces a call uses — the keys and their scheme, the signer, the transport and its retries, the platform keys
/// and their renewal, the pipeline. Nothing after this reads <see cref="WeChatPayOptions"/>.
/// </summary>
internal sealed class ClientSetup : IDisposable
{
    public ClientSetup(WeChatPayOptions options)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        BaseUrl = OptionsCheck.BaseUrl(options.BaseUrl);
        MerchantId = OptionsCheck.HeaderToken(options.MerchantId, nameof(WeChatPayOptions.MerchantId), "the merchant id (mchid), e.g. 1900000001");
        var serial = OptionsCheck.HeaderToken(options.MerchantSerialNumber, nameof(WeChatPayOptions.MerchantSerialNumber), "the serial number of the merchant API certificate");
        if (string.IsNullOrWhiteSpace(options.MerchantPrivateKey))
            throw new ArgumentException("MerchantPrivateKey is empty: give the merchant API private key as PEM text or the path of apiclient_key.pem.", nameof(WeChatPayOptions.MerchantPrivateKey));
        if (options.Timeout <= TimeSpan.Zero)
            throw new ArgumentException("Timeout must be positive.", nameof(WeChatPayOptions.Timeout));
        if (options.MaxResponseBodySize <= 0)
            throw new ArgumentException("MaxResponseBodySize must be a positive number of bytes (the default is 4 MiB).", nameof(WeChatPayOptions.MaxResponseBodySize));
        if (options.CertificateRefreshInterval < TimeSpan.FromMinutes(1) || options.CertificateRefreshInterval > TimeSpan.FromDays(30))
            throw new ArgumentException("CertificateRefreshInterval must be between one minute and 30 days (the default is 12 hours).", nameof(WeChatPayOptions.CertificateRefreshInterval));
        ApiV3Key = OptionsCheck.ApiV3Key(options.ApiV3Key);
        Clock = options.TimeProvider ?? TimeProvider.System;
        var maxInflated = OptionsCheck.MaxDecompressedBillSize(options.MaxDecompressedBillSize);
        var encryptionKeyId = options.EncryptionKeyId is null ? null
            : OptionsCheck.HeaderToken(options.EncryptionKeyId, nameof(WeChatPayOptions.EncryptionKeyId), "a platform key id (PUB_KEY_ID_… or a certificate serial)");

        OptionsCheck.PublicKeysOnly(options, encryptionKeyId);
        PublicKeysOnly = options.PublicKeysOnly;
        Options = options.Clone();
        Migration = new Diagnostics.MigrationCounters(MerchantId);

        // The keys, and the scheme they follow.
        MerchantKey = Keys.LoadSigningKey(options.MerchantPrivateKey, options.MerchantPrivateKeyPassphrase, nameof(WeChatPayOptions.MerchantPrivateKey));
        Scheme = OptionsCheck.Scheme(options.Scheme, MerchantKey);
        var refreshes = options.RefreshCertificates && ApiV3Key is not null && !options.PublicKeysOnly;
        var configured = PlatformKeyStore.Load(options.PlatformKeys, serial, MerchantKey.PublicKey, canDownload: refreshes, encryptionKeyId, Clock.GetUtcNow());
        if (encryptionKeyId is not null && !configured.TryGet(encryptionKeyId, out _) && !refreshes)
            throw new ArgumentException($"EncryptionKeyId {encryptionKeyId} names none of the PlatformKeys ({string.Join(", ", configured.Ids)}).", nameof(WeChatPayOptions.EncryptionKeyId));

        // Sending: signed by the merchant key, sent (again) by the exchange.
        Signer = new RequestSigner(MerchantId, serial, MerchantKey, Clock);
        MerchantCertificate = options.MerchantCertificate is null ? null
            : Crypto.MerchantCertificate.Load(options.MerchantCertificate, options.MerchantCertificatePassword, MerchantId, MerchantKey, Clock.GetUtcNow());
        if (MerchantCertificate is not null && options.HttpMessageHandler is not null && options.CertificateHttpMessageHandler is null)
        {
            MerchantCertificate.Dispose();
            throw new ArgumentException(
                "MerchantCertificate is set, and HttpMessageHandler is a handler of yours, to which the client adds no certificate: set CertificateHttpMessageHandler " +
                "to a handler like yours that presents the merchant API certificate (docs/apiv2.md, \"The client certificate\").", nameof(WeChatPayOptions.CertificateHttpMessageHandler));
        }
        var transport = new Transport(BaseUrl, Signer, options.Timeout, options.MaxResponseBodySize, options.HttpMessageHandler,
            options.CertificateHttpMessageHandler is null ? MerchantCertificate : null, options.CertificateHttpMessageHandler);
        BasePath = transport.BasePath;
        BackupOrigin = OptionsCheck.BackupOrigin(options, BaseUrl, transport.BasePath);
        var retry = new RetryPolicy(OptionsCheck.Retries(options.MaxRetries), transport.Origin, BackupOrigin, new CallObserver(MerchantId, options.CallCompleted));
        var exchange = new Exchange(transport, retry, options.MaxResponseBodySize, serial);

        // The platform keys, renewed through their own narrow way to the network.
        PlatformKeys = new PlatformKeyRing(configured, refreshes && !configured.PublicKeyModeOnly, ApiV3Key, MerchantId, Scheme,
            options.CertificateRefreshInterval, options.CertificateStore, options.CertificateRefreshed, encryptionKeyId, Clock,
            new CertificateSource(exchange, Scheme, Clock), Migration);
        Verifier = new ResponseVerifier(Clock, Scheme);
        Signatures = new SignedAnswers(Verifier, PlatformKeys, Migration);
        Pipeline = new CallPipeline(exchange, PlatformKeys, Signatures, new SensitiveFields(MerchantKey, Migration, PublicKeysOnly), options.AutoEncryption, options.Validate, maxInflated,
            new ApiV2Protocol(ApiV2Key = OptionsCheck.ApiV2Key(options.ApiV2Key), MerchantId,
                operationHosts: string.Equals(BaseUrl, WeChatPayOptions.DefaultBaseUrl, StringComparison.OrdinalIgnoreCase),
                noCertificate: MerchantCertificate is null && options.CertificateHttpMessageHandler is null
                    ? "set WeChatPayOptions.MerchantCertificate to the path of apiclient_cert.p12 (or apiclient_cert.pem's text or path)"
                    : null), MerchantId);
        PayParameters = new Payments.PayParameterSigner(MerchantKey, MerchantId, Clock);
        NotificationClaims = OptionsCheck.NotificationClaims(options, ApiV3Key, ApiV2Key, Clock);
    }

    /// <summary>The merchant id.</summary>
    public string MerchantId { get; }

    /// <summary>A copy of the options as given, read by nothing but the doctor (<see cref="Diagnostics.Doctor"/>), which checks them again item by item.</summary>
    public WeChatPayOptions Options { get; }

    /// <summary>Counts the kind of platform key each answer, callback and request used (the migration report).</summary>
    public Diagnostics.MigrationCounters Migration { get; }

    /// <summary>WeChatPayOptions.PublicKeysOnly: no certificate is downloaded or named.</summary>
    public bool PublicKeysOnly { get; }

    /// <summary>The origin retries fail over to (the backup domain), or null.</summary>
    public string? BackupOrigin { get; }

    /// <summary>The base URL, ending with '/'.</summary>
    public string BaseUrl { get; }

    /// <summary>The base URL's path, ending with '/' (what a download_url's path must begin with).</summary>
    public string BasePath { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The APIv3 key, when configured.</summary>
    public string? ApiV3Key { get; }

    /// <summary>The APIv2 key (checked), or null: signs v2 calls and authenticates v2 notifications.</summary>
    public string? ApiV2Key { get; }

    /// <summary>The merchant API certificate with its key, checked, for the APIv2 calls that need it; null when not configured.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? MerchantCertificate { get; }

    /// <summary>The merchant key (signs requests, decrypts merchant-key fields).</summary>
    public SigningKey MerchantKey { get; }

    /// <summary>The scheme the merchant key (or the Scheme option) names.</summary>
    public Scheme Scheme { get; }

    /// <summary>Signs each request.</summary>
    public RequestSigner Signer { get; }

    /// <summary>Checks one signature (the benchmarks time it alone).</summary>
    public ResponseVerifier Verifier { get; }

    /// <summary>The platform keys (verify answers, encrypt sensitive fields), renewed in certificate mode.</summary>
    public PlatformKeyRing PlatformKeys { get; }

    /// <summary>Verifies each 2xx answer and each callback, after a refresh when its serial is new.</summary>
    public SignedAnswers Signatures { get; }

    /// <summary>Sends calls.</summary>
    public CallPipeline Pipeline { get; }

    /// <summary>Signs the parameters a front end starts a payment with.</summary>
    public Payments.PayParameterSigner PayParameters { get; }

    /// <summary>The notification claims, when an APIv3 or APIv2 key is configured (keyed from the APIv3 key when there is one).</summary>
    public Notifications.NotificationClaims? NotificationClaims { get; }

    /// <summary>Stops the certificate schedule and releases the HTTP connections.</summary>
    public void Dispose()
    {
        PlatformKeys.Dispose();
        Pipeline.Dispose();
        MerchantCertificate?.Dispose();
    }
}
