using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Paths;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Http;

/// <summary>
/// One call, top to bottom: build → encrypt → seal → sign and send → verify → decrypt → answer.
/// Each step is its own piece; this class only composes them and holds what the client was configured with.
/// </summary>
internal sealed class CallPipeline : IDisposable
{
    private readonly Transport _transport;
    private readonly SensitiveFields _sensitive;
    private readonly int _maxBody;
    private readonly TimeProvider _clock;
    private static readonly PathTemplate CertificatesPath = PathTemplate.Root.AppendPath("v3/certificates");

    public CallPipeline(WeChatPayOptions options)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        BaseUrl = OptionsCheck.BaseUrl(options.BaseUrl);
        var merchantId = OptionsCheck.HeaderToken(options.MerchantId, nameof(WeChatPayOptions.MerchantId), "the merchant id (mchid), e.g. 1900000001");
        var serial = OptionsCheck.HeaderToken(options.MerchantSerialNumber, nameof(WeChatPayOptions.MerchantSerialNumber), "the serial number of the merchant API certificate");
        if (string.IsNullOrWhiteSpace(options.MerchantPrivateKey))
            throw new ArgumentException("MerchantPrivateKey is empty: give the merchant API private key as PEM text or the path of apiclient_key.pem.", nameof(WeChatPayOptions.MerchantPrivateKey));
        if (options.Timeout <= TimeSpan.Zero)
            throw new ArgumentException("Timeout must be positive.", nameof(WeChatPayOptions.Timeout));
        if (options.MaxResponseBodySize <= 0)
            throw new ArgumentException("MaxResponseBodySize must be a positive number of bytes (the default is 4 MiB).", nameof(WeChatPayOptions.MaxResponseBodySize));

        ApiV3Key = OptionsCheck.ApiV3Key(options.ApiV3Key);
        var clock = _clock = options.TimeProvider ?? TimeProvider.System;
        AutoEncryption = options.AutoEncryption;
        Validate = options.Validate;
        _maxBody = options.MaxResponseBodySize;
        MerchantKey = RsaPrivateKey.Load(options.MerchantPrivateKey, options.MerchantPrivateKeyPassphrase, nameof(WeChatPayOptions.MerchantPrivateKey));
        PlatformKeys = PlatformKeyStore.Load(options.PlatformKeys, serial, MerchantKey.PublicKey);
        Verifier = new ResponseVerifier(PlatformKeys, clock);
        _sensitive = new SensitiveFields(PlatformKeys, MerchantKey);
        Signer = new RequestSigner(merchantId, serial, MerchantKey, clock);
        _transport = new Transport(BaseUrl, Signer, options.Timeout, options.MaxResponseBodySize, options.HttpMessageHandler);
    }

    /// <summary>The base URL, ending with '/'.</summary>
    public string BaseUrl { get; }

    /// <summary>The APIv3 key, when configured.</summary>
    public string? ApiV3Key { get; }

    /// <summary>The merchant key (signs requests, decrypts merchant-key fields).</summary>
    public RsaPrivateKey MerchantKey { get; }

    /// <summary>The platform keys (verify answers, encrypt sensitive fields).</summary>
    public PlatformKeyStore PlatformKeys { get; }

    /// <summary>Signs each request.</summary>
    public RequestSigner Signer { get; }

    /// <summary>Verifies each 2xx answer and each callback.</summary>
    public ResponseVerifier Verifier { get; }

    /// <summary>Encrypt documented sensitive fields and decrypt documented merchant-key fields unless a call says otherwise.</summary>
    public bool AutoEncryption { get; }

    /// <summary>Validate every request against the catalog unless a call says otherwise.</summary>
    public bool Validate { get; }

    /// <summary>Sends one call and returns its verified, decrypted answer.</summary>
    /// <exception cref="ArgumentException">The call cannot be built (missing or unsendable path value, query, header or body, unknown Wechatpay-Serial).</exception>
    /// <exception cref="WeChatPayValidationException">Validation is on and the request does not match the documented operation.</exception>
    /// <exception cref="WeChatPaySignatureException">The answer failed verification.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, or the call failed in transport or timed out.</exception>
    public async Task<WeChatPayResponse> SendAsync(HttpMethod method, PathTemplate path, object? first,
        WeChatPayRequestOptions? options, CancellationToken cancellationToken)
    {
        var call = RequestBuilder.Build(method, path, first, options, AutoEncryption, Validate);
        _sensitive.Encrypt(call, options);
        call.Seal(_transport.BasePath);
        var answer = await _transport.SendAsync(call, readWhole: call.Operation?.Download == true, cancellationToken).ConfigureAwait(false);
        AnswerCheck.ThrowUnlessVerified(answer, call, Verifier, _maxBody);
        var decrypted = new List<string>();
        var json = _sensitive.Decrypt(call, options, answer, decrypted);
        return new WeChatPayResponse(answer.StatusCode, answer.Headers, answer.Body, json, call.EncryptedFields, decrypted);
    }

    /// <summary>
    /// <c>GET v3/certificates</c>, read by <see cref="CertificateAnswer"/>: the answer is verified by its own rule (a known key,
    /// or on first contact the listed certificate <c>Wechatpay-Serial</c> names), not by the standard answer check.
    /// </summary>
    /// <exception cref="InvalidOperationException">No APIv3 key is configured.</exception>
    /// <exception cref="WeChatPaySignatureException">The answer failed verification.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, the call failed, or a certificate does not decrypt or check out.</exception>
    public async Task<IReadOnlyList<WeChatPayPlatformCertificate>> DownloadCertificatesAsync(CancellationToken cancellationToken)
    {
        if (ApiV3Key is null)
            throw new InvalidOperationException("Downloading platform certificates needs the APIv3 key, which decrypts them: set WeChatPayOptions.ApiV3Key.");
        var call = RequestBuilder.Build(HttpMethod.Get, CertificatesPath, null, null, AutoEncryption, validate: false);
        call.Seal(_transport.BasePath);
        var answer = await _transport.SendAsync(call, readWhole: false, cancellationToken).ConfigureAwait(false);
        AnswerCheck.ThrowIfError(answer, call, _maxBody);
        return CertificateAnswer.Read(call.ShownTarget, answer.Headers, answer.Body, ApiV3Key, PlatformKeys, _clock);
    }

    /// <summary>Releases the HTTP connections.</summary>
    public void Dispose() => _transport.Dispose();
}
