using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Flurl.Http;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Http
{
    internal sealed partial class CallPipeline
    {
        private const string AnswerKey = "WeChatPay.Chain.Answer";

        // AfterCall: read the body once, verify a 2xx answer (downloads excepted) or turn an error answer into an exception.
        private async Task CheckAnswerAsync(FlurlCall call)
        {
            var response = call.HttpResponseMessage;
            if (response is null) return; // transport failure: Flurl raises it
            var request = call.HttpRequestMessage;
            var bytes = response.Content is null ? new byte[0] : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var headers = HeadersOf(response);
            var status = (int)response.StatusCode;
            var method = request.Method.Method;
            var url = request.RequestUri!.PathAndQuery;

            if (status < 200 || status > 299)
            {
                response.Dispose(); // the exception carries its own copy; the message would otherwise outlive the call
                throw ErrorFor(method, url, status, bytes, headers);
            }

            if (OperationCatalog.Default.Find(method, request.RequestUri.AbsolutePath.Substring(BasePathLength))?.Download != true)
            {
                headers.TryGetValue("Wechatpay-Timestamp", out var timestamp);
                headers.TryGetValue("Wechatpay-Nonce", out var nonce);
                headers.TryGetValue("Wechatpay-Signature", out var signature);
                headers.TryGetValue("Wechatpay-Serial", out var serial);
                if (!Verifier.TryVerify(timestamp, nonce, signature, serial, bytes, out var check, out var reason))
                {
                    response.Dispose();
                    throw new WeChatPaySignatureException(check, reason, method, url, status, System.Text.Encoding.UTF8.GetString(bytes), headers);
                }
            }

            var answer = new WeChatPayResponse(status, headers, bytes);
#if NET5_0_OR_GREATER
            request.Options.Set(new HttpRequestOptionsKey<WeChatPayResponse>(AnswerKey), answer);
#else
            request.Properties[AnswerKey] = answer;
#endif
        }

        private static WeChatPayResponse? AnswerOf(HttpRequestMessage request)
        {
#if NET5_0_OR_GREATER
            return request.Options.TryGetValue(new HttpRequestOptionsKey<WeChatPayResponse>(AnswerKey), out var answer) ? answer : null;
#else
            return request.Properties.TryGetValue(AnswerKey, out var answer) ? answer as WeChatPayResponse : null;
#endif
        }

        private static WeChatPayException ErrorFor(string method, string url, int status, byte[] bytes, IReadOnlyDictionary<string, string> headers)
        {
            var body = System.Text.Encoding.UTF8.GetString(bytes);
            var error = new WeChatPayException(string.Empty, method, url, status, body, headers);
            headers.TryGetValue("Content-Type", out var type);
            var what = error.Code != null
                ? $"{error.Code}: {error.ErrorMessage}"
                : $"a {(string.IsNullOrEmpty(type) ? "body without Content-Type" : type + " body")} of {bytes.Length} bytes";
            var requestId = error.RequestId is null ? string.Empty : $" (Request-ID: {error.RequestId})";
            return new WeChatPayException($"{method} {url} failed with {status} {what}{requestId}", method, url, status, body, headers);
        }

        private static IReadOnlyDictionary<string, string> HeadersOf(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
#if NET5_0_OR_GREATER
            // The raw values as received: no parsing or validation of each header, no joining of single values.
            foreach (var header in response.Headers.NonValidated)
                headers[header.Key] = header.Value.ToString();
            if (response.Content is not null)
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
    }
}
