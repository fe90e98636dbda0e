using System;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain
{
    /// <summary>
    /// A call to WeChat Pay failed: an error answer (4xx/5xx, JSON or not), a transport failure or a timeout.
    /// Carries the whole call so that the caller can act on it and quote the <see cref="RequestId"/> to WeChat Pay support.
    /// </summary>
    public class WeChatPayException : Exception
    {
        /// <summary>Creates the exception for one call.</summary>
        public WeChatPayException(string message, string method, string url, int? statusCode = null, string? responseBody = null,
            IReadOnlyDictionary<string, string>? responseHeaders = null, Exception? innerException = null)
            : base(message, innerException)
        {
            Method = method;
            Url = url;
            StatusCode = statusCode;
            ResponseBody = responseBody;
            ResponseHeaders = responseHeaders ?? EmptyHeaders;

            var json = responseBody is null ? null : Http.WeChatPayJson.TryParse(responseBody) as JObject;
            Code = (string?)json?["code"];
            ErrorMessage = (string?)json?["message"];
            Detail = json?["detail"];
            SignInformation = Detail is JObject detail ? detail["sign_information"] : null;
        }

        private static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>();

        /// <summary>The HTTP method of the failed call.</summary>
        public string Method { get; }

        /// <summary>The path and query of the failed call (no host, no secrets).</summary>
        public string Url { get; }

        /// <summary>The HTTP status code, or null when no answer arrived (transport failure, timeout).</summary>
        public int? StatusCode { get; }

        /// <summary>WeChat Pay's error <c>code</c>, e.g. <c>PARAM_ERROR</c> or <c>SIGN_ERROR</c>, when the answer was JSON.</summary>
        public string? Code { get; }

        /// <summary>WeChat Pay's error <c>message</c>, when the answer was JSON.</summary>
        public string? ErrorMessage { get; }

        /// <summary>WeChat Pay's error <c>detail</c> object, when present.</summary>
        public JToken? Detail { get; }

        /// <summary>The server's view of what was signed (<c>detail.sign_information</c>), present on signature errors.</summary>
        public JToken? SignInformation { get; }

        /// <summary>The <c>Request-ID</c> header of the answer, when present.</summary>
        public string? RequestId => ResponseHeaders.TryGetValue("Request-ID", out var id) ? id : null;

        /// <summary>The raw answer body (JSON, HTML or anything else), or null when no answer arrived.</summary>
        public string? ResponseBody { get; }

        /// <summary>The answer's headers (empty when no answer arrived).</summary>
        public IReadOnlyDictionary<string, string> ResponseHeaders { get; }
    }
}
