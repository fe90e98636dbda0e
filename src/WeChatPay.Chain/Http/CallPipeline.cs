using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Paths;

namespace WeChatPay.Chain.Http;

/// <summary>
/// One call, top to bottom: build → encrypt → seal → sign and send → verify → decrypt → answer. Each step is its own
/// piece; this class only runs them in order, for a JSON call, an upload and a download alike (<see cref="RunAsync"/>);
/// uploads and downloads are features in <c>Files/</c> on top of it.
/// It is composed by <see cref="ClientSetup"/> and reads no option itself.
/// </summary>
internal sealed partial class CallPipeline : IDisposable
{
    private readonly Exchange _exchange;
    private readonly PlatformKeyRing _keys;
    private readonly SignedAnswers _signatures;
    private readonly SensitiveFields _sensitive;
    private readonly bool _autoEncryption;
    private readonly bool _validate;
    private readonly ApiV2Protocol _v2;
    private readonly ApiV2BankKey _bankKey = new();
    private readonly string _merchantId;

    public CallPipeline(Exchange exchange, PlatformKeyRing keys, SignedAnswers signatures, SensitiveFields sensitive, bool autoEncryption, bool validate,
        long maxInflated, ApiV2Protocol v2, string merchantId)
    {
        _merchantId = merchantId;
        _v2 = v2;
        _exchange = exchange;
        _keys = keys;
        _signatures = signatures;
        _sensitive = sensitive;
        _autoEncryption = autoEncryption;
        _validate = validate;
        MaxInflated = maxInflated;
    }

    /// <summary>The most bytes a gzip download may inflate to (WeChatPayOptions.MaxDecompressedBillSize).</summary>
    public long MaxInflated { get; }

    /// <summary>Sends one call and returns its verified, decrypted answer.</summary>
    /// <exception cref="ArgumentException">The call cannot be built (missing or unsendable path value, query, header or body, unknown Wechatpay-Serial).</exception>
    /// <exception cref="WeChatPayValidationException">Validation is on and the request does not match the documented operation.</exception>
    /// <exception cref="WeChatPaySignatureException">The answer failed verification.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, or the call failed in transport or timed out.</exception>
    public Task<WeChatPayResponse> SendAsync(HttpMethod method, PathTemplate path, object? first, WeChatPayRequestOptions? options, CancellationToken cancellationToken) =>
        RunAsync(RequestBuilder.Build(method, path, first, options, _autoEncryption, _validate), options, cancellationToken);

    /// <summary>Steps 1–2 of a call (<see cref="RequestBuilder"/>) with the client's defaults, for a feature that completes the call before sending it (an upload).</summary>
    /// <exception cref="ArgumentException">The call cannot be built.</exception>
    public PreparedCall Build(HttpMethod method, PathTemplate path, object? first, WeChatPayRequestOptions? options, bool validate) =>
        RequestBuilder.Build(method, path, first, options, _autoEncryption, validate && _validate);

    /// <summary>Steps 3–7 of a call a feature built (<see cref="Build"/>) and completed.</summary>
    /// <exception cref="WeChatPaySignatureException">The answer failed verification.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, or the call failed.</exception>
    public Task<WeChatPayResponse> SendAsync(PreparedCall call, WeChatPayRequestOptions? options, CancellationToken cancellationToken) =>
        RunAsync(call, options, cancellationToken);

    /// <summary>
    /// A GET whose 2xx body is a file: built, encrypted, sealed, signed and sent like any call, the body handed to
    /// <paramref name="sink"/> as it arrives (downloads carry no WeChat Pay signature, as documented); an error is thrown as
    /// for any call. A part that does not decrypt or inflates past the limit is reported with the call. An APIv2 download
    /// (<c>v2/…</c>) is POSTed as its signed XML instead (<see cref="FetchV2Async"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The call cannot be built.</exception>
    /// <exception cref="NotSupportedException">A <c>v2/…</c> path that is not an APIv2 download, or one this client cannot send.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, or the call or the sink failed.</exception>
    public async Task<(Answer Answer, PreparedCall Call)> FetchAsync(PathTemplate path, object? query, WeChatPayRequestOptions? options,
        string label, Func<Stream, CancellationToken, Task> sink, CancellationToken cancellationToken)
    {
        if (ApiV2Protocol.IsV2(path.Text)) return await FetchV2Async(path, query, options, label, sink, cancellationToken).ConfigureAwait(false);
        var call = RequestBuilder.Build(HttpMethod.Get, path, query, options, _autoEncryption, _validate);
        var keys = _keys.Current;
        if (keys.IsEmpty) keys = await _keys.ReadyAsync(cancellationToken).ConfigureAwait(false); // first use: download
        Prepare(call, options, keys);
        // A download is sent again only if it never reached the server: once its file has begun, it is not written twice.
        var answer = await _exchange.SendAsync(call, idempotent: false, Guarded(call, label, sink), check: null, cancellationToken).ConfigureAwait(false);
        return (answer, call);
    }

    // The sink, its failures reported with the call: a part that does not decrypt, a gzip file that inflates past the limit.
    private static Func<Stream, CancellationToken, Task> Guarded(PreparedCall call, string label, Func<Stream, CancellationToken, Task> sink) =>
        async (stream, token) =>
        {
            var method = call.Method.Method;
            try
            {
                await sink(stream, token).ConfigureAwait(false);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new WeChatPayException($"{method} {call.ShownTarget}: {label}{e.Message}; do not use what was written (download it again).",
                    method, call.ShownTarget, 200, null, null, e);
            }
            catch (DecompressionLimitException e)
            {
                throw new WeChatPayException($"{method} {call.ShownTarget}: {label}{e.Message}.", method, call.ShownTarget, 200, null, null, e);
            }
        };

    // Steps 3–7 of a built call: encrypt, seal, sign and send, verify the answer and read its JSON, decrypt.
    private async Task<WeChatPayResponse> RunAsync(PreparedCall call, WeChatPayRequestOptions? options, CancellationToken cancellationToken)
    {
        if (call.IsV2) return await RunV2Async(call, cancellationToken).ConfigureAwait(false);
        var decrypting = SensitiveFields.DecryptPaths(call, options); // a path the call names that cannot be read is refused before sending
        var keys = _keys.Current;
        if (keys.IsEmpty) keys = await _keys.ReadyAsync(cancellationToken).ConfigureAwait(false); // first use: download
        Prepare(call, options, keys);
        JToken? json = null;
        var answer = await _exchange.SendAsync(call, idempotent: call.Method == HttpMethod.Get, sink: null, async sent =>
        {
            // WeChat Pay does not sign downloads; a failed check may still pass after a refresh brings an unknown serial.
            if (call.Operation?.Download != true && await _signatures.VerifyAsync(keys, sent.Headers, sent.Body, callback: false, cancellationToken).ConfigureAwait(false) is { } failure)
                throw new WeChatPaySignatureException(failure.Check, failure.Reason, call.Method.Method, call.ShownTarget, sent.StatusCode, sent.Text, sent.Headers);
            json = AnswerCheck.Json(sent, call, tree: decrypting.Count > 0); // a verified body that is not JSON is no success
        }, cancellationToken).ConfigureAwait(false);
        var decrypted = new List<string>();
        _sensitive.Decrypt(call, decrypting, answer, json, decrypted);
        return new WeChatPayResponse(answer.StatusCode, answer.Headers, answer.Body, json, call.EncryptedFields, decrypted);
    }

    // An APIv2 call: fields checked, signed and written as XML (no platform key, no v3 signature), sent once (never resent
    // after it may have reached WeChat Pay: money moves), its answer read as XML and judged.
    private async Task<WeChatPayResponse> RunV2Async(PreparedCall call, CancellationToken cancellationToken)
    {
        var bankKey = ApiV2Protocol.NeedsBankKey(call) ? await _bankKey.GetAsync(FetchBankKeyAsync, cancellationToken).ConfigureAwait(false) : null;
        _v2.Prepare(call, bankKey);
        call.Seal(_exchange.BasePath);
        JObject? json = null;
        var answer = await _exchange.SendAsync(call, idempotent: false, sink: null, sent =>
        {
            json = _v2.Read(sent, call);
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        return new WeChatPayResponse(answer.StatusCode, answer.Headers, answer.Body, json, call.EncryptedFields, Array.Empty<string>());
    }

    // The pay-to-bank key: v2/risk/getpublickey, a v2 call like any (signed, sent with the client certificate, judged).
    private async Task<string?> FetchBankKeyAsync(CancellationToken cancellationToken)
    {
        var call = RequestBuilder.Build(HttpMethod.Post, PathTemplate.Root.AppendPath(ApiV2BankKey.Operation), new Dictionary<string, string> { ["mch_id"] = _merchantId, ["sign_type"] = "MD5" },
            null, _autoEncryption, validate: false);
        var answer = await RunV2Async(call, cancellationToken).ConfigureAwait(false);
        return (string?)answer.Json?["pub_key"];
    }

    // Steps 3–4 under the platform keys held (on first use, the first download's): the sensitive fields encrypted, the call
    // sealed. Not async: a Task of the keys on every call was an allocation the call did not need.
    private void Prepare(PreparedCall call, WeChatPayRequestOptions? options, PlatformKeyStore keys)
    {
        _sensitive.Encrypt(call, options, keys);
        call.Seal(_exchange.BasePath);
    }

    /// <summary>Releases the HTTP connections.</summary>
    public void Dispose() => _exchange.Dispose();
}
