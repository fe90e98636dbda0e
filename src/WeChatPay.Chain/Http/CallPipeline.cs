using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Flurl.Http;
using Flurl.Http.Content;
using Newtonsoft.Json;
using System.Security.Cryptography;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;
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
        private const string SerialHeader = "Wechatpay-Serial";
        private static readonly string UserAgent = BuildUserAgent();

        private readonly FlurlClient _flurl;

        public CallPipeline(WeChatPayOptions options)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            BaseUrl = OptionsCheck.BaseUrl(options.BaseUrl);
            BasePathLength = new Uri(BaseUrl).AbsolutePath.Length;
            var merchantId = OptionsCheck.HeaderToken(options.MerchantId, nameof(WeChatPayOptions.MerchantId), "the merchant id (mchid), e.g. 1900000001");
            var serial = OptionsCheck.HeaderToken(options.MerchantSerialNumber, nameof(WeChatPayOptions.MerchantSerialNumber), "the serial number of the merchant API certificate");
            if (string.IsNullOrWhiteSpace(options.MerchantPrivateKey))
                throw new ArgumentException("MerchantPrivateKey is empty: give the merchant API private key as PEM text or the path of apiclient_key.pem.", nameof(WeChatPayOptions.MerchantPrivateKey));
            if (options.Timeout <= TimeSpan.Zero)
                throw new ArgumentException("Timeout must be positive.", nameof(WeChatPayOptions.Timeout));

            ApiV3Key = OptionsCheck.ApiV3Key(options.ApiV3Key);
            var clock = options.TimeProvider ?? TimeProvider.System;
            AutoEncryption = options.AutoEncryption;
            Validate = options.Validate;
            MerchantKey = RsaPrivateKey.Load(options.MerchantPrivateKey, options.MerchantPrivateKeyPassphrase, nameof(WeChatPayOptions.MerchantPrivateKey));
            PlatformKeys = PlatformKeyStore.Load(options.PlatformKeys, serial, MerchantKey.PublicKey);
            Signer = new RequestSigner(merchantId, serial, MerchantKey, clock);
            Verifier = new ResponseVerifier(PlatformKeys, clock);

            _flurl = options.HttpMessageHandler is null
                ? new FlurlClient(BaseUrl)
                : new FlurlClient(new HttpClient(options.HttpMessageHandler, disposeHandler: false), BaseUrl);
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

        private int BasePathLength { get; }

        /// <summary>The APIv3 key, when configured.</summary>
        public string? ApiV3Key { get; }

        /// <summary>The merchant key (signs requests, decrypts merchant-key fields).</summary>
        public RsaPrivateKey MerchantKey { get; }

        /// <summary>The platform keys (verify answers, encrypt sensitive fields).</summary>
        public PlatformKeyStore PlatformKeys { get; }

        /// <summary>Signs each request.</summary>
        public RequestSigner Signer { get; }

        /// <summary>Verifies each 2xx answer.</summary>
        public ResponseVerifier Verifier { get; }

        /// <summary>Encrypt documented sensitive fields and decrypt documented merchant-key fields unless a call says otherwise.</summary>
        public bool AutoEncryption { get; }

        /// <summary>Validate every request against the catalog unless a call says otherwise.</summary>
        public bool Validate { get; }

        /// <summary>Sends one call and returns the verified answer.</summary>
        /// <exception cref="ArgumentException">The call cannot be built (missing path value, bad body or query, unknown Wechatpay-Serial).</exception>
        /// <exception cref="WeChatPaySignatureException">The answer failed verification.</exception>
        /// <exception cref="WeChatPayException">WeChat Pay answered with an error, or the call failed in transport.</exception>
        public async Task<WeChatPayResponse> SendAsync(HttpMethod method, PathTemplate path, object? first,
            WeChatPayRequestOptions? options, CancellationToken cancellationToken)
        {
            var call = Prepare(method, path, first, options);
            cancellationToken.ThrowIfCancellationRequested();
            var request = _flurl.Request();
            var url = new Flurl.Url(BaseUrl + call.RelativePath);
            foreach (var pair in call.Query)
                AddQuery(url, pair.Key, pair.Value);
            // Flurl encodes the query; freezing the result as text keeps Flurl from rebuilding it from its parsed parts each time it reads the URL.
            request.Url = call.Query.Count == 0 ? url : new Flurl.Url(url.ToString());
            foreach (var pair in call.Headers)
                request.WithHeader(pair.Key, pair.Value);
            var content = call.Body is null ? null : new CapturedStringContent(call.Body, "application/json");

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

            WeChatPayResponse? answer;
            using (response)
                answer = AnswerOf(response.ResponseMessage.RequestMessage!); // the answer holds its own copy of status, headers and body
            if (answer is null)
                throw new InvalidOperationException("The answer was not checked; this is a bug in WeChatPay.Chain.");
            answer.EncryptedFields = call.EncryptedFields;
            DecryptAnswer(answer, call, options);
            return answer;
        }

        // Steps 1-3 of a call: expand the path, find the documented operation, serialize the body once and encrypt its sensitive fields.
        private PreparedCall Prepare(HttpMethod method, PathTemplate path, object? first, WeChatPayRequestOptions? options)
        {
            var isGet = method == HttpMethod.Get;
            var query = KeyValues.From(options?.Query, nameof(WeChatPayRequestOptions.Query));
            if (isGet && first is not null) query.InsertRange(0, KeyValues.From(first, "query"));
            var call = new PreparedCall(ExpandPath(path, options?.PathValues, isGet ? query : null), query);
            call.Operation = OperationCatalog.Default.Find(method.Method, call.RelativePath);
            call.AutoEncryption = options?.AutoEncryption ?? AutoEncryption;

            string? serial = null;
            foreach (var pair in KeyValues.From(options?.Headers, nameof(WeChatPayRequestOptions.Headers), underscoreToHyphen: true))
            {
                if (pair.Value is null) continue;
                if (string.Equals(pair.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException("The Authorization header is computed by the client for every call; do not set it.", nameof(WeChatPayRequestOptions.Headers));
                var value = KeyValues.ToText(pair.Value);
                if (string.Equals(pair.Key, SerialHeader, StringComparison.OrdinalIgnoreCase))
                    serial = value;
                else
                    call.Headers.Add(new KeyValuePair<string, string>(pair.Key, value));
            }

            var hasBody = !isGet && first is not null;
            JToken? tree = null;
            if (options?.Validate ?? Validate)
            {
                tree = hasBody ? BodyTree(first!) : null;
                var operation = $"{method.Method} {call.RelativePath}";
                if (call.Operation is null)
                    throw new WeChatPayValidationException(operation, new[] { "the catalog documents no such operation, so it cannot be validated (turn validation off for this call)" });
                var problems = RequestValidator.Validate(call.Operation, tree, call.Query.Where(q => q.Value is not null).Select(q => q.Key).ToArray());
                if (problems.Count > 0) throw new WeChatPayValidationException(call.Operation.ToString(), problems);
            }

            var (bodyPaths, queryPaths) = EncryptPaths(call, options);
            if (bodyPaths.Count + queryPaths.Count == 0 && !(call.AutoEncryption && call.Operation?.SerialHeader == true))
            {
                // Nothing for the client to encrypt: a Wechatpay-Serial of the caller's own goes out as given.
                if (serial is not null) call.Headers.Add(new KeyValuePair<string, string>(SerialHeader, serial));
            }
            else
            {
                serial ??= PlatformKeys.EncryptionKeyId;
                if (!PlatformKeys.TryGet(serial, out var key))
                    throw new ArgumentException($"The {SerialHeader} header names {serial}, which is not a configured platform key (configured: {string.Join(", ", PlatformKeys.Ids)}).", nameof(WeChatPayRequestOptions.Headers));
                call.Headers.Add(new KeyValuePair<string, string>(SerialHeader, serial));
                EncryptQuery(call, queryPaths, key);
                if (hasBody && bodyPaths.Count > 0)
                {
                    tree ??= BodyTree(first!);
                    foreach (var fieldPath in bodyPaths)
                        FieldPaths.Apply(tree, fieldPath, key.Encrypt, call.EncryptedFields);
                }
            }
            if (hasBody)
                call.Body = tree is not null && call.EncryptedFields.Count > 0 ? tree.ToString(Formatting.None) : BodyText(first!);
            return call;
        }

        private static readonly List<string> NoPaths = new List<string>(0);

        private static (List<string> Body, List<string> Query) EncryptPaths(PreparedCall call, WeChatPayRequestOptions? options)
        {
            if ((!call.AutoEncryption || call.Operation is null || call.Operation.Encrypt.Count == 0) && options?.EncryptFields is null)
                return (NoPaths, NoPaths);
            var body = new List<string>();
            var query = new List<string>();
            void Add(string path)
            {
                if (path.StartsWith("query.", StringComparison.Ordinal)) query.Add(path.Substring(6));
                else if (path.StartsWith("json.", StringComparison.Ordinal)) body.Add(path.Substring(5));
                else if (path.StartsWith("body.", StringComparison.Ordinal))
                    throw new NotSupportedException($"{call.Operation} encrypts the multipart field {path}; multipart uploads are not supported yet.");
                else body.Add(path);
            }
            if (call.AutoEncryption && call.Operation is not null)
                foreach (var path in call.Operation.Encrypt) Add(path);
            if (options?.EncryptFields is not null)
            {
                foreach (var path in options.EncryptFields)
                {
                    if (string.IsNullOrWhiteSpace(path))
                        throw new ArgumentException("EncryptFields holds an empty path.", nameof(WeChatPayRequestOptions.EncryptFields));
                    Add(path.Trim());
                }
            }
            return (body, query);
        }

        private static void EncryptQuery(PreparedCall call, List<string> names, RsaPublicKey key)
        {
            foreach (var name in names)
            {
                for (var i = 0; i < call.Query.Count; i++)
                {
                    var pair = call.Query[i];
                    if (pair.Key != name || pair.Value is null) continue;
                    if (!(pair.Value is string text))
                        throw new ArgumentException($"The query parameter {name} is sensitive and must be a string.", nameof(WeChatPayRequestOptions.Query));
                    call.Query[i] = new KeyValuePair<string, object?>(name, key.Encrypt(text));
                    call.EncryptedFields.Add("query." + name);
                }
            }
        }

        // The body as a JSON tree that this call may change: never the caller's own object.
        private static JToken BodyTree(object body) => body switch
        {
            JToken token => token.DeepClone(),
            string text => ParseBody(text),
            _ => JToken.FromObject(body, WeChatPayJson.Serializer),
        };

        private static JToken ParseBody(string text)
        {
            try
            {
                return WeChatPayJson.Parse(text);
            }
            catch (JsonException e)
            {
                throw new ArgumentException($"The body is a string but not JSON ({e.Message}); pass an object, or JSON text.", "body");
            }
        }

        private void DecryptAnswer(WeChatPayResponse answer, PreparedCall call, WeChatPayRequestOptions? options)
        {
            if ((!call.AutoEncryption || call.Operation is null || call.Operation.Decrypt.Count == 0) && options?.DecryptFields is null)
                return;
            var paths = new List<string>();
            if (call.AutoEncryption && call.Operation is not null) paths.AddRange(call.Operation.Decrypt);
            if (options?.DecryptFields is not null) paths.AddRange(options.DecryptFields);
            if (paths.Count == 0 || answer.Json is null) return;

            var json = answer.Json.DeepClone();
            var decrypted = new List<string>();
            foreach (var fieldPath in paths)
            {
                try
                {
                    FieldPaths.Apply(json, fieldPath, MerchantKey.Decrypt, decrypted);
                }
                catch (Exception e) when (e is CryptographicException || e is ArgumentException)
                {
                    var url = "/" + call.RelativePath;
                    throw new WeChatPayException(
                        $"{call.Operation?.Method} {url}: the answer's field {fieldPath} could not be decrypted with the merchant private key ({e.Message}). " +
                        "Check that MerchantPrivateKey belongs to MerchantSerialNumber.", call.Operation?.Method ?? string.Empty, url, answer.StatusCode, answer.Body, answer.Headers, e);
                }
            }
            answer.SetJson(json);
            answer.DecryptedFields = decrypted;
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

        private static void AddQuery(Flurl.Url url, string name, object? value)
        {
            switch (value)
            {
                case null:
                    return;
                case string s:
                    url.AppendQueryParam(name, s);
                    return;
                case IEnumerable list:
                    foreach (var item in list)
                        if (item is not null) url.AppendQueryParam(name, KeyValues.ToText(item));
                    return;
                default:
                    url.AppendQueryParam(name, KeyValues.ToText(value));
                    return;
            }
        }

        private static string BodyText(object body)
        {
            if (body is not string text) return WeChatPayJson.Serialize(body);
            ParseBody(text);
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
