using System;
using System.Collections;
using System.Collections.Generic;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Flurl.Http;
using Flurl.Http.Content;
using Newtonsoft.Json;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Chain;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Http
{
    /// <summary>
    /// One call, start to end: expand the path, serialize the body once, sign the exact bytes (Flurl BeforeCall),
    /// send, then verify the answer or map the error (Flurl AfterCall).
    /// </summary>
    internal sealed partial class CallPipeline : IDisposable
    {
        private static readonly string UserAgent = BuildUserAgent();

        private readonly FlurlClient _flurl;

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

            var clock = options.TimeProvider ?? TimeProvider.System;
            MerchantKey = RsaPrivateKey.Load(options.MerchantPrivateKey, options.MerchantPrivateKeyPassphrase, nameof(WeChatPayOptions.MerchantPrivateKey));
            PlatformKeys = PlatformKeyStore.Load(options.PlatformKeys, serial, MerchantKey.PublicKey);
            Signer = new RequestSigner(merchantId, serial, MerchantKey, clock);
            Verifier = new ResponseVerifier(PlatformKeys, clock);

            _flurl = new FlurlClient(BaseUrl);
            _flurl.Settings.AllowedHttpStatusRange = "*";
            _flurl.Settings.JsonSerializer = NewtonsoftSerializer.Instance;
            _flurl.Settings.Timeout = options.Timeout;
            // A redirect would carry a signed request somewhere else; WeChat Pay's API never redirects.
            _flurl.Settings.Redirects.Enabled = false;
            _flurl.WithHeader("User-Agent", UserAgent).WithHeader("Accept", "application/json");
            _flurl.BeforeCall(SignRequest);
            _flurl.AfterCall(CheckAnswerAsync);
        }

        /// <summary>The base URL, ending with '/'.</summary>
        public string BaseUrl { get; }

        /// <summary>The merchant key (signs requests, decrypts merchant-key fields).</summary>
        public RsaPrivateKey MerchantKey { get; }

        /// <summary>The platform keys (verify answers, encrypt sensitive fields).</summary>
        public PlatformKeyStore PlatformKeys { get; }

        /// <summary>Signs each request.</summary>
        public RequestSigner Signer { get; }

        /// <summary>Verifies each 2xx answer.</summary>
        public ResponseVerifier Verifier { get; }

        /// <summary>Sends one call and returns the verified answer.</summary>
        /// <exception cref="ArgumentException">The call cannot be built (missing path value, bad body or query).</exception>
        /// <exception cref="WeChatPaySignatureException">The answer failed verification.</exception>
        /// <exception cref="WeChatPayException">WeChat Pay answered with an error, or the call failed in transport.</exception>
        public async Task<WeChatPayResponse> SendAsync(HttpMethod method, PathTemplate path, object? first,
            WeChatPayRequestOptions? options, CancellationToken cancellationToken)
        {
            var request = Build(method, path, first, options, out var content);
            cancellationToken.ThrowIfCancellationRequested();
            IFlurlResponse response;
            try
            {
                response = await request.SendAsync(method, content, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (FlurlHttpTimeoutException e)
            {
                throw new WeChatPayException($"{method.Method} {PathOf(e.Call)} timed out after {_flurl.Settings.Timeout?.TotalSeconds:0.#} s.", method.Method, PathOf(e.Call), innerException: e);
            }
            catch (FlurlHttpException e) when (e.InnerException is OperationCanceledException oce && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(oce.Message, oce, cancellationToken);
            }
            catch (FlurlHttpException e) when (!(e.InnerException is WeChatPayException))
            {
                throw new WeChatPayException($"{method.Method} {PathOf(e.Call)} could not be completed: {e.InnerException?.Message ?? e.Message}", method.Method, PathOf(e.Call), innerException: e);
            }
            return AnswerOf(response.ResponseMessage.RequestMessage!)
                ?? throw new InvalidOperationException("The answer was not checked; this is a bug in WeChatPay.Chain.");
        }

        private IFlurlRequest Build(HttpMethod method, PathTemplate path, object? first, WeChatPayRequestOptions? options, out HttpContent? content)
        {
            var isGet = method == HttpMethod.Get;
            var query = KeyValues.From(options?.Query, nameof(WeChatPayRequestOptions.Query));
            if (isGet && first is not null) query.InsertRange(0, KeyValues.From(first, "query"));
            var relative = ExpandPath(path, options?.PathValues, isGet ? query : null);

            var request = _flurl.Request();
            request.Url = new Flurl.Url(BaseUrl + relative);
            foreach (var pair in query)
                AddQuery(request, pair.Key, pair.Value);
            foreach (var pair in KeyValues.From(options?.Headers, nameof(WeChatPayRequestOptions.Headers), underscoreToHyphen: true))
            {
                if (string.Equals(pair.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException("The Authorization header is computed by the client for every call; do not set it.", nameof(WeChatPayRequestOptions.Headers));
                if (pair.Value is not null) request.WithHeader(pair.Key, KeyValues.ToText(pair.Value));
            }

            content = null;
            if (!isGet && first is not null)
                content = new CapturedStringContent(BodyText(first), "application/json");
            return request;
        }

        private static string ExpandPath(PathTemplate path, object? pathValues, List<KeyValuePair<string, object?>>? query)
        {
            var values = KeyValues.From(pathValues, nameof(WeChatPayRequestOptions.PathValues));
            var used = new bool[values.Count];
            var relative = path.Expand(name =>
            {
                for (var i = 0; i < values.Count; i++)
                {
                    if (values[i].Key != name) continue;
                    used[i] = true;
                    return values[i].Value is null ? null : KeyValues.ToText(values[i].Value!);
                }
                if (query is null) return null;
                for (var i = 0; i < query.Count; i++)
                {
                    if (query[i].Key != name) continue;
                    var value = query[i].Value;
                    query.RemoveAt(i);
                    return value is null ? null : KeyValues.ToText(value);
                }
                return null;
            });
            for (var i = 0; i < values.Count; i++)
            {
                if (!used[i])
                    throw new ArgumentException($"PathValues has '{values[i].Key}', but the path '{path.Text}' has no {{{values[i].Key}}} placeholder.", nameof(WeChatPayRequestOptions.PathValues));
            }
            return relative;
        }

        private static void AddQuery(IFlurlRequest request, string name, object? value)
        {
            switch (value)
            {
                case null:
                    return;
                case string s:
                    request.AppendQueryParam(name, s);
                    return;
                case IEnumerable list:
                    foreach (var item in list)
                        if (item is not null) request.AppendQueryParam(name, KeyValues.ToText(item));
                    return;
                default:
                    request.AppendQueryParam(name, KeyValues.ToText(value));
                    return;
            }
        }

        private static string BodyText(object body)
        {
            if (body is not string text) return WeChatPayJson.Serialize(body);
            try
            {
                WeChatPayJson.Parse(text);
            }
            catch (JsonException e)
            {
                throw new ArgumentException($"The body is a string but not JSON ({e.Message}); pass an object, or JSON text.", nameof(body));
            }
            return text;
        }

        private void SignRequest(FlurlCall call)
        {
            var message = call.HttpRequestMessage;
            if (message.Content is not null && call.RequestBody is null)
                throw new InvalidOperationException("Only text bodies can be signed.");
            message.Headers.TryAddWithoutValidation("Authorization",
                Signer.Authorize(message.Method.Method, message.RequestUri!.PathAndQuery, call.RequestBody ?? string.Empty));
        }

        private static string PathOf(FlurlCall? call) => call?.HttpRequestMessage?.RequestUri?.PathAndQuery ?? "(no request)";

        private static string BuildUserAgent()
        {
            var assembly = typeof(CallPipeline).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "0";
            var plus = version.IndexOf('+');
            if (plus > 0) version = version.Substring(0, plus);
            return $"WeChatPay.Chain/{version} ({System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.Replace('(', '[').Replace(')', ']')})";
        }

        /// <summary>Releases the HTTP connections.</summary>
        public void Dispose() => _flurl.Dispose();
    }
}
