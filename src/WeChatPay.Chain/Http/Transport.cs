using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Flurl.Http;
using Flurl.Http.Content;

namespace WeChatPay.Chain.Http;

/// <summary>
/// Steps 4–5 of a call: Flurl sends the sealed request, its BeforeCall hook signs the exact bytes that leave, and the
/// answer is read once, bounded by <see cref="WeChatPayOptions.MaxResponseBodySize"/>, within the call's timeout.
/// </summary>
internal sealed class Transport : IDisposable
{
    private static readonly string UserAgent = BuildUserAgent();

    private readonly FlurlClient _flurl;
    // The merchant's client certificate goes only with the calls that need it, over connections of their own; null without one.
    private readonly FlurlClient? _certified;
    private readonly string _origin;
    private readonly RequestSigner _signer;
    private readonly TimeSpan _timeout;
    private readonly int _maxBody;
    // The requests of APIv2 calls, which carry their sign in the body: the BeforeCall hook adds no v3 Authorization to them.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IFlurlRequest, object> _unsigned = new();

    /// <param name="baseUrl">The base URL.</param>
    /// <param name="signer">Signs v3 requests.</param>
    /// <param name="timeout">The time one attempt may take.</param>
    /// <param name="maxResponseBodySize">The cap on an answer read into memory.</param>
    /// <param name="handler">The caller's handler (not disposed), or null for the client's own.</param>
    /// <param name="certificate">The merchant's client certificate, for connections of the client's own, or null.</param>
    /// <param name="certificateHandler">The caller's handler that presents the certificate (not disposed), or null.</param>
    public Transport(string baseUrl, RequestSigner signer, TimeSpan timeout, int maxResponseBodySize, HttpMessageHandler? handler,
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, HttpMessageHandler? certificateHandler)
    {
        var uri = new Uri(baseUrl);
        _origin = uri.GetLeftPart(UriPartial.Authority);
        BasePath = uri.AbsolutePath;
        _signer = signer;
        _timeout = timeout;
        _maxBody = maxResponseBodySize;
        _flurl = Configure(handler is null ? new FlurlClient(baseUrl) : new FlurlClient(new HttpClient(handler, disposeHandler: false), baseUrl));
        if (certificateHandler is not null)
            _certified = Configure(new FlurlClient(new HttpClient(certificateHandler, disposeHandler: false), baseUrl));
        else if (certificate is not null)
            _certified = Configure(new FlurlClient(new HttpClient(HandlerPresenting(certificate), disposeHandler: true), baseUrl));
    }

    private FlurlClient Configure(FlurlClient flurl)
    {
        flurl.Settings.AllowedHttpStatusRange = "*";
        flurl.Settings.Timeout = null; // the call's own deadline covers sending and reading the answer
        // A redirect would carry a signed request somewhere else; WeChat Pay's API never redirects.
        flurl.Settings.Redirects.Enabled = false;
        flurl.WithHeader("User-Agent", UserAgent).WithHeader("Accept", "application/json");
        flurl.BeforeCall(Sign);
        return flurl;
    }

    // Flurl's own handler, as for every other call, presenting the certificate when the server asks for one. The server's
    // certificate is validated as always.
    private static HttpMessageHandler HandlerPresenting(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var handler = new Flurl.Http.Configuration.DefaultFlurlClientFactory().CreateInnerHandler();
        switch (handler)
        {
#if NET5_0_OR_GREATER
            case SocketsHttpHandler sockets:
                sockets.SslOptions.ClientCertificates = new System.Security.Cryptography.X509Certificates.X509CertificateCollection { certificate };
                return sockets;
#endif
            case HttpClientHandler classic:
                classic.ClientCertificateOptions = ClientCertificateOption.Manual;
                classic.ClientCertificates.Add(certificate);
                return classic;
            default:
                handler.Dispose();
                throw new NotSupportedException($"Flurl's default handler is a {handler.GetType().Name}, to which the client cannot add a certificate: set WeChatPayOptions.CertificateHttpMessageHandler.");
        }
    }

    /// <summary>The path of the base URL, starting and ending with '/'.</summary>
    public string BasePath { get; }

    /// <summary>The scheme and host of the base URL (<c>https://api.mch.weixin.qq.com</c>).</summary>
    public string Origin => _origin;

    /// <summary>Sends one sealed call and reads its answer.</summary>
    /// <param name="call">The sealed call.</param>
    /// <param name="readWhole">Read the answer whatever its size (downloads); otherwise stop at the cap.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="sink">When given, a 2xx answer's body is handed to it as a stream (a download), not read into memory.</param>
    /// <exception cref="ArgumentException">The sealed target would not survive URI normalisation unchanged (never for a target the builder escaped).</exception>
    /// <exception cref="WeChatPayException">The call timed out or failed in transport, or its body does not decompress (a false <c>Content-Encoding</c>, a corrupt gzip file).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <param name="origin">The scheme and host to send to (<c>https://api2.mch.weixin.qq.com</c> when failing over); the base URL's by default.</param>
    public async Task<Answer> SendAsync(PreparedCall call, bool readWhole, CancellationToken cancellationToken,
        Func<Stream, CancellationToken, Task>? sink = null, string? origin = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // What is signed and sent is the URI's path and query: it must be the sealed target exactly (no normalisation of
        // dot segments, escapes or backslashes may change it). The target is escaped so that this always holds.
        var uri = new Uri((origin ?? _origin) + call.Target);
        if (!string.Equals(uri.PathAndQuery, call.Target, StringComparison.Ordinal))
            throw new ArgumentException($"{call.Method.Method} {call.ShownTarget}: URI normalisation would change the request target, so what is signed and sent would differ from the call; check the path values.", "path");
        // The URL as text: Flurl keeps it, instead of parsing a Uri into parts and rebuilding it. (FlurlClient.Request() would
        // first combine the base URL with Url.Combine, loading System.Text.RegularExpressions at start-up, for a URL replaced here.)
        var request = new FlurlRequest(new Flurl.Url(uri.OriginalString))
        {
            Client = call.ClientCertificate ? _certified ?? throw new InvalidOperationException("No client certificate is configured.") : _flurl,
        };
        foreach (var pair in call.Headers)
            request.WithHeader(pair.Key, pair.Value);
        HttpContent? content = call.Body is null ? null : new CapturedStringContent(call.Body, call.IsV2 ? "text/xml" : "application/json");
        if (call.IsV2)
        {
            _unsigned.Add(request, call);
            request.WithHeader("Accept", "text/xml");
        }
        if (call.Upload is { } upload)
        {
            // multipart/form-data: the meta JSON (what is signed) and the file, streamed; signed here, since Flurl captures no text.
            var form = new MultipartFormDataContent();
            if (call.V2Form is { } fields)
            {
                // APIv2: each signed field a form part of its own; the sign is among them.
                foreach (var field in fields) form.Add(new StringContent(field.Value, Encoding.UTF8), "\"" + field.Key + "\"");
            }
            else
            {
                form.Add(new StringContent(call.Body!, Encoding.UTF8, "application/json"), "\"meta\"");
            }
            var file = new StreamContent(upload.Content, 81920);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(upload.ContentType);
            form.Add(file, "\"" + upload.Name + "\"", "\"" + upload.FileName + "\"");
            content = form;
            if (call.V2Form is null) request.WithHeader("Authorization", _signer.Authorize(call.Method.Method, call.Target, call.Body!));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            using var response = await request.SendAsync(call.Method, content, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var message = response.ResponseMessage;
            var status = (int)message.StatusCode;
            var streamed = sink is not null && status >= 200 && status <= 299;
            try
            {
                if (streamed)
                {
#if NET5_0_OR_GREATER
                    using var stream = await message.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
#else
                    using var stream = await message.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
                    await sink!(stream, deadline.Token).ConfigureAwait(false);
                    return new Answer(status, HeadersOf(message), Array.Empty<byte>(), false);
                }
                var (body, overCap) = await ReadBodyAsync(message.Content, readWhole ? long.MaxValue : _maxBody, deadline.Token).ConfigureAwait(false);
                return new Answer(status, HeadersOf(message), body, overCap);
            }
            catch (InvalidDataException e)
            {
                // A body that does not decompress: a Content-Encoding (decoded by the HTTP handler) or a gzip file that lies.
                throw new WeChatPayException(
                    $"{call.Method.Method} {call.ShownTarget} answered {status}, but its body does not decompress ({e.Message.TrimEnd('.')}): the " +
                    "Content-Encoding it declares, or the gzip file it carries, does not match its bytes, so it was altered on its way or mislabelled" +
                    (streamed ? "; do not use what was written." : "; nothing of it was used."),
                    call.Method.Method, call.ShownTarget, status, null, HeadersOf(message), e);
            }
        }
        catch (Exception e) when (IsCancellation(e) && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The call was cancelled.", Cause(e), cancellationToken);
        }
        catch (Exception e) when (IsCancellation(e) || e is FlurlHttpTimeoutException)
        {
            throw new WeChatPayException($"{call.Method.Method} {call.ShownTarget} timed out after {_timeout.TotalSeconds:0.###} s (WeChatPayOptions.Timeout).",
                call.Method.Method, call.ShownTarget, innerException: Cause(e)) { TimedOut = true };
        }
        catch (Exception e) when (e is FlurlHttpException || e is HttpRequestException || e is IOException)
        {
            var cause = Cause(e);
            throw new WeChatPayException($"{call.Method.Method} {call.ShownTarget} could not be completed: {Messages(cause)}",
                call.Method.Method, call.ShownTarget, innerException: cause);
        }
    }

    // BeforeCall: the signature covers the request target and the body text exactly as they leave.
    private void Sign(FlurlCall call)
    {
        var message = call.HttpRequestMessage;
        if (_unsigned.TryGetValue(call.Request, out _)) return; // an APIv2 call, signed in its body
        if (message.Headers.Contains("Authorization")) return; // an upload, signed over its meta before sending
        if (message.Content is not null && call.RequestBody is null)
            throw new InvalidOperationException("Only text bodies can be signed.");
        message.Headers.TryAddWithoutValidation("Authorization",
            _signer.Authorize(message.Method.Method, message.RequestUri!.PathAndQuery, call.RequestBody ?? string.Empty));
    }

    private static bool IsCancellation(Exception e) => e is OperationCanceledException || e.InnerException is OperationCanceledException;

    // Flurl's own exception quotes the whole URL (sensitive query values included): keep the transport's cause instead.
    private static Exception? Cause(Exception e) => e is FlurlHttpException ? e.InnerException : e;

    private static string Messages(Exception? e)
    {
        var text = new StringBuilder();
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (text.Length > 0) text.Append(": ");
            text.Append(current.Message.TrimEnd('.'));
        }
        return text.Length == 0 ? "no cause given" : text.Append('.').ToString();
    }

    // Reads at most cap + 1 bytes; when the answer says it is larger than the cap, only a prefix for the error message.
    private static async Task<(byte[] Body, bool OverCap)> ReadBodyAsync(HttpContent? content, long cap, CancellationToken cancellationToken)
    {
        if (content is null) return (Array.Empty<byte>(), false);
        var declared = content.Headers.ContentLength;
        var overCap = declared > cap;
        var limit = overCap ? WeChatPayException.MaxResponseBodyLength : cap == long.MaxValue ? long.MaxValue : cap + 1;
#if NET5_0_OR_GREATER
        using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        var buffer = new byte[declared is { } known && known <= limit ? (int)known : (int)Math.Min(limit, 16 * 1024)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length >= limit || (length == declared && !overCap)) break;
                var grown = new byte[(int)Math.Min(limit, Math.Max(1024, (long)buffer.Length * 2))];
                Buffer.BlockCopy(buffer, 0, grown, 0, length);
                buffer = grown;
            }
            var read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            length += read;
        }
        if (length > cap) overCap = true;
        if (length == buffer.Length && !overCap) return (buffer, false);
        var body = new byte[overCap ? Math.Min(length, (int)Math.Min(cap, WeChatPayException.MaxResponseBodyLength)) : length];
        Buffer.BlockCopy(buffer, 0, body, 0, body.Length);
        return (body, overCap);
    }

    private static IReadOnlyDictionary<string, string> HeadersOf(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
#if NET5_0_OR_GREATER
        // The raw values as received: no parsing or validation of each header, no joining of single values.
        foreach (var header in response.Headers.NonValidated)
            headers[header.Key] = header.Value.ToString();
        foreach (var header in response.Content.Headers.NonValidated)
            headers[header.Key] = header.Value.ToString();
#else
        foreach (var header in response.Headers)
            headers[header.Key] = string.Join(", ", header.Value);
        if (response.Content is not null)
            foreach (var header in response.Content.Headers)
                headers[header.Key] = string.Join(", ", header.Value);
#endif
        return headers;
    }

    private static string BuildUserAgent()
    {
        var assembly = typeof(Transport).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "0";
        var plus = version.IndexOf('+');
        if (plus > 0) version = version.Substring(0, plus);
        return $"WeChatPay.Chain/{version} ({System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.Replace('(', '[').Replace(')', ']')})";
    }

    /// <summary>Releases the HTTP connections.</summary>
    public void Dispose()
    {
        _flurl.Dispose();
        _certified?.Dispose();
    }
}
