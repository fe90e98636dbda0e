using System;
using System.Collections.Generic;
using System.IO;
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
    private readonly long _maxInflated;
    private readonly RetryPolicy _retry;
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
        var clock = options.TimeProvider ?? TimeProvider.System;
        AutoEncryption = options.AutoEncryption;
        Validate = options.Validate;
        _maxBody = options.MaxResponseBodySize;
        _maxInflated = OptionsCheck.MaxDecompressedBillSize(options.MaxDecompressedBillSize);
        if (options.CertificateRefreshInterval < TimeSpan.FromMinutes(1) || options.CertificateRefreshInterval > TimeSpan.FromDays(30))
            throw new ArgumentException("CertificateRefreshInterval must be between one minute and 30 days (the default is 12 hours).", nameof(WeChatPayOptions.CertificateRefreshInterval));
        var encryptionKeyId = options.EncryptionKeyId is null ? null
            : OptionsCheck.HeaderToken(options.EncryptionKeyId, nameof(WeChatPayOptions.EncryptionKeyId), "a platform key id (PUB_KEY_ID_… or a certificate serial)");
        MerchantKey = Keys.LoadSigningKey(options.MerchantPrivateKey, options.MerchantPrivateKeyPassphrase, nameof(WeChatPayOptions.MerchantPrivateKey));
        var refreshes = options.RefreshCertificates && ApiV3Key is not null;
        var configured = PlatformKeyStore.Load(options.PlatformKeys, serial, MerchantKey.PublicKey, canDownload: refreshes, encryptionKeyId, clock.GetUtcNow());
        if (encryptionKeyId is not null && !configured.TryGet(encryptionKeyId, out _) && !refreshes)
            throw new ArgumentException($"EncryptionKeyId {encryptionKeyId} names none of the PlatformKeys ({string.Join(", ", configured.Ids)}).", nameof(WeChatPayOptions.EncryptionKeyId));
        Verifier = new ResponseVerifier(clock);
        _sensitive = new SensitiveFields(MerchantKey);
        Signer = new RequestSigner(merchantId, serial, MerchantKey, clock);
        _transport = new Transport(BaseUrl, Signer, options.Timeout, options.MaxResponseBodySize, options.HttpMessageHandler);
        MerchantId = merchantId;
        _retry = new RetryPolicy(OptionsCheck.Retries(options.MaxRetries), _transport.Origin, OptionsCheck.BackupOrigin(options, BaseUrl, _transport.BasePath),
            new Telemetry.CallObserver(merchantId, options.CallCompleted));
        Clock = clock;
        PayParameters = new Payments.PayParameterSigner(MerchantKey, merchantId, clock);
        PlatformKeys = new PlatformKeyRing(configured, refreshes && !configured.PublicKeyModeOnly, ApiV3Key, merchantId,
            options.CertificateRefreshInterval, options.CertificateStore, options.CertificateRefreshed, encryptionKeyId, clock, DownloadAsync);
        Signatures = new SignedAnswers(Verifier, PlatformKeys);
    }

    /// <summary>The merchant id.</summary>
    public string MerchantId { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Signs the parameters a front end starts a payment with.</summary>
    public Payments.PayParameterSigner PayParameters { get; }

    /// <summary>The base URL, ending with '/'.</summary>
    public string BaseUrl { get; }

    /// <summary>The base URL's path, ending with '/' (what a download_url's path must begin with).</summary>
    public string BasePath => _transport.BasePath;

    /// <summary>The most bytes a gzip download may inflate to (WeChatPayOptions.MaxDecompressedBillSize).</summary>
    public long MaxInflated => _maxInflated;

    /// <summary>The APIv3 key, when configured.</summary>
    public string? ApiV3Key { get; }

    /// <summary>The merchant key (signs requests, decrypts merchant-key fields).</summary>
    public SigningKey MerchantKey { get; }

    /// <summary>The platform keys (verify answers, encrypt sensitive fields), renewed in certificate mode.</summary>
    public PlatformKeyRing PlatformKeys { get; }

    /// <summary>Signs each request.</summary>
    public RequestSigner Signer { get; }

    /// <summary>Checks one signature (the benchmarks time it alone).</summary>
    public ResponseVerifier Verifier { get; }

    /// <summary>Verifies each 2xx answer and each callback, after a refresh when its serial is new.</summary>
    public SignedAnswers Signatures { get; }

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
        return await SendBuiltAsync(call, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An upload (<c>multipart/form-data</c>): the caller's meta fields plus the file name and digest the operation documents
    /// (the digest read from the file before sending), sensitive meta fields encrypted, the meta JSON signed and sent as the
    /// <c>meta</c> part and the file streamed as the documented file part; the answer verified like any other.
    /// </summary>
    /// <exception cref="ArgumentException">Not a documented upload, a meta that is not an object, a file that breaks a documented limit, or a content type that is not the documented one or not the file's own.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, or the call failed.</exception>
    public async Task<WeChatPayResponse> UploadAsync(PathTemplate path, WeChatPayFile file, object? meta, WeChatPayRequestOptions? options,
        CancellationToken cancellationToken)
    {
        var call = RequestBuilder.Build(HttpMethod.Post, path, null, options, AutoEncryption, validate: false);
        var plan = Files.UploadPlan.For(call.Operation, "POST /" + call.RelativePath);
        var metaTree = meta is null ? new Newtonsoft.Json.Linq.JObject() : RequestBuilder.BodyTree(meta) as Newtonsoft.Json.Linq.JObject
            ?? throw new ArgumentException("The meta must be a JSON object (an object, a dictionary or JSON text).", nameof(meta));
        var shown = "POST /" + call.RelativePath;
        plan.CheckName(shown, file);
        var (content, _, digest) = await plan.OpenAsync(shown, file, cancellationToken).ConfigureAwait(false);
        using (content)
        {
            var (head, headLength) = await Files.UploadPlan.HeadAsync(content, cancellationToken).ConfigureAwait(false);
            Files.UploadPlan.CheckContent(file, head, headLength);
            plan.Fill(metaTree, file, digest);
            call.BodySource = call.BodyTree = new Newtonsoft.Json.Linq.JObject { ["meta"] = metaTree };
            call.BodyChanged = true;
            call.Upload = (plan.FilePart, file, content);
            return await SendBuiltAsync(call, options, cancellationToken).ConfigureAwait(false);
        }
    }

    // Steps 3–7 of a built call: encrypt, seal, sign and send, check the answer, decrypt.
    private async Task<WeChatPayResponse> SendBuiltAsync(PreparedCall call, WeChatPayRequestOptions? options, CancellationToken cancellationToken)
    {
        var keys = PlatformKeys.Current;
        if (keys.IsEmpty) keys = await PlatformKeys.ReadyAsync(cancellationToken).ConfigureAwait(false); // first use: download
        _sensitive.Encrypt(call, options, keys);
        call.Seal(_transport.BasePath);
        Newtonsoft.Json.Linq.JToken? json = null;
        var answer = await _retry.RunAsync(call, idempotent: call.Method == HttpMethod.Get, resendable: call.Upload is null, async origin =>
        {
            var sent = await _transport.SendAsync(call, readWhole: call.Operation?.Download == true, cancellationToken, null, origin).ConfigureAwait(false);
            AnswerCheck.ThrowIfError(sent, call, _maxBody, Signer.Serial);
            // WeChat Pay does not sign downloads; a failed check may still pass after a refresh brings an unknown serial.
            if (call.Operation?.Download != true && await Signatures.VerifyAsync(keys, sent.Headers, sent.Body, cancellationToken).ConfigureAwait(false) is { } failure)
                throw new WeChatPaySignatureException(failure.Check, failure.Reason, call.Method.Method, call.ShownTarget, sent.StatusCode, sent.Text, sent.Headers);
            json = AnswerCheck.Json(sent, call); // a verified body that is not JSON is no success
            return sent;
        }, cancellationToken).ConfigureAwait(false);
        var decrypted = new List<string>();
        _sensitive.Decrypt(call, options, answer, json, decrypted);
        return new WeChatPayResponse(answer.StatusCode, answer.Headers, answer.Body, json, call.EncryptedFields, decrypted);
    }

    /// <summary>
    /// A GET whose 2xx answer is a file (a bill, an image, a statement): streamed to <paramref name="destination"/> as it
    /// arrives, gzip decompressed on the way when asked, its digest checked against <paramref name="expectedDigest"/> when
    /// given. Downloads carry no WeChat Pay signature, as documented; an error answer is read and thrown as for any call.
    /// </summary>
    /// <exception cref="ArgumentException">The call cannot be built, or <paramref name="hashType"/> is not SHA1 or SHA256.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, the call failed, or the digest does not match.</exception>
    public async Task<WeChatPayDownload> DownloadAsync(PathTemplate path, object? query, WeChatPayRequestOptions? options, Stream destination,
        bool decompress, string? hashType, string? expectedDigest, CancellationToken cancellationToken)
    {
        var algorithm = DigestAlgorithm(hashType, nameof(hashType));
        (long Written, bool Decompressed, string? Digest) copied = default;
        var (answer, call) = await FetchAsync(path, query, options, string.Empty,
            async (stream, token) => copied = await Files.FileCopy.CopyAsync(stream, destination, algorithm, decompress, _maxInflated, token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        if (expectedDigest is not null && !string.Equals(copied.Digest, expectedDigest.Trim(), StringComparison.OrdinalIgnoreCase))
            throw DigestMismatch(call, answer, string.Empty, hashType!, copied.Digest, expectedDigest);
        return new WeChatPayDownload(answer.StatusCode, answer.Headers, copied.Written, copied.Decompressed, false, 1,
            expectedDigest is null ? null : hashType!.ToUpperInvariant(), copied.Digest);
    }

    /// <summary>The digest a <c>hash_type</c> names, or null for none.</summary>
    /// <exception cref="ArgumentException">It is not SHA1 or SHA256.</exception>
    internal static System.Security.Cryptography.HashAlgorithmName? DigestAlgorithm(string? hashType, string option) =>
        hashType is null ? null
            : Files.FileCopy.Algorithm(hashType) ?? throw new ArgumentException($"hash_type {hashType} is not one WeChat Pay documents (SHA1, SHA256).", option);

    /// <summary>The error of a downloaded file whose digest is not the one WeChat Pay gave.</summary>
    internal static WeChatPayException DigestMismatch(PreparedCall call, Answer answer, string label, string hashType, string? actual, string expected) =>
        new($"GET {call.ShownTarget}: {label}the file's {hashType} is {actual}, not the {expected} WeChat Pay gave for it: it is incomplete or was altered; " +
            "do not use it (download it again).", "GET", call.ShownTarget, answer.StatusCode, null, answer.Headers);

    /// <summary>
    /// Steps 1–7 of a download: build, encrypt, seal, sign and send; a 2xx body goes to the sink, an error is thrown as for
    /// any call. A part that does not decrypt (the sink's CryptographicException) is reported with the call.
    /// </summary>
    internal async Task<(Answer Answer, PreparedCall Call)> FetchAsync(PathTemplate path, object? query, WeChatPayRequestOptions? options,
        string label, Func<Stream, CancellationToken, Task> sink, CancellationToken cancellationToken)
    {
        var call = RequestBuilder.Build(HttpMethod.Get, path, query, options, AutoEncryption, Validate);
        var keys = PlatformKeys.Current;
        if (keys.IsEmpty) keys = await PlatformKeys.ReadyAsync(cancellationToken).ConfigureAwait(false);
        _sensitive.Encrypt(call, options, keys);
        call.Seal(_transport.BasePath);
        // A download is sent again only if it never reached the server: once its file has begun, it is not written twice.
        var answer = await _retry.RunAsync(call, idempotent: false, resendable: true, async origin =>
        {
            Answer sent;
            try
            {
                sent = await _transport.SendAsync(call, readWhole: false, cancellationToken, sink, origin).ConfigureAwait(false);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new WeChatPayException($"GET {call.ShownTarget}: {label}{e.Message}; do not use what was written (download it again).",
                    "GET", call.ShownTarget, 200, null, null, e);
            }
            catch (Files.DecompressionLimitException e)
            {
                throw new WeChatPayException($"GET {call.ShownTarget}: {label}{e.Message}.", "GET", call.ShownTarget, 200, null, null, e);
            }
            AnswerCheck.ThrowIfError(sent, call, _maxBody, Signer.Serial);
            return sent;
        }, cancellationToken).ConfigureAwait(false);
        return (answer, call);
    }

    /// <summary>
    /// <c>GET v3/certificates</c>, read by <see cref="CertificateAnswer"/>: the answer is verified by its own rule (a key held,
    /// or on first contact the listed certificate <c>Wechatpay-Serial</c> names), not by the standard answer check.
    /// </summary>
    /// <exception cref="InvalidOperationException">No APIv3 key is configured.</exception>
    /// <exception cref="WeChatPaySignatureException">The answer failed verification.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, the call failed, or a certificate does not decrypt or check out.</exception>
    public async Task<IReadOnlyList<WeChatPayPlatformCertificate>> DownloadCertificatesAsync(CancellationToken cancellationToken)
    {
        if (ApiV3Key is null)
            throw new InvalidOperationException("Downloading platform certificates needs the APIv3 key, which decrypts them: set WeChatPayOptions.ApiV3Key.");
        var download = await DownloadAsync(cancellationToken).ConfigureAwait(false);
        var known = PlatformKeys.Current;
        var read = CertificateAnswer.Read(CertificateAnswer.Target, download, ApiV3Key, known.IsEmpty ? null : known, Clock);
        var certificates = new WeChatPayPlatformCertificate[read.Count];
        for (var i = 0; i < read.Count; i++) certificates[i] = read[i].Certificate;
        return certificates;
    }

    // The raw signed answer of GET v3/certificates, error answers thrown; read (verified, decrypted) by the caller.
    private async Task<WeChatPayCertificateDownload> DownloadAsync(CancellationToken cancellationToken)
    {
        var call = RequestBuilder.Build(HttpMethod.Get, CertificatesPath, null, null, AutoEncryption, validate: false);
        call.Seal(_transport.BasePath);
        var answer = await _retry.RunAsync(call, idempotent: true, resendable: true, async origin =>
        {
            var sent = await _transport.SendAsync(call, readWhole: false, cancellationToken, null, origin).ConfigureAwait(false);
            AnswerCheck.ThrowIfError(sent, call, _maxBody, Signer.Serial);
            return sent;
        }, cancellationToken).ConfigureAwait(false);
        return new WeChatPayCertificateDownload(Clock.GetUtcNow(), answer.Headers, answer.Text);
    }

    /// <summary>Stops the certificate schedule and releases the HTTP connections.</summary>
    public void Dispose()
    {
        PlatformKeys.Dispose();
        _transport.Dispose();
    }
}
