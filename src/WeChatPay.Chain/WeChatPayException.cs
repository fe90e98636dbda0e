using System;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain;

/// <summary>
/// A call to WeChat Pay failed: an error answer (4xx/5xx, JSON or not), a transport failure or a timeout.
/// Carries the whole call so that the caller can act on it and quote the <see cref="RequestId"/> to WeChat Pay support.
/// </summary>
public class WeChatPayException : Exception
{
    /// <summary>The most characters of the answer body an exception keeps in <see cref="ResponseBody"/> (16 Ki).</summary>
    public const int MaxResponseBodyLength = 16 * 1024;

    /// <summary>Creates the exception for one call.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathAndQuery">The path and query of the call, sensitive values redacted.</param>
    /// <param name="statusCode">The status answered, or null when no answer arrived.</param>
    /// <param name="responseBody">The answer body; WeChat Pay's error fields are read from it, and at most <see cref="MaxResponseBodyLength"/> characters are kept.</param>
    /// <param name="responseHeaders">The answer's headers.</param>
    /// <param name="innerException">The cause.</param>
    /// <param name="responseBodyTruncated">The body given is already only a prefix of the answer.</param>
    public WeChatPayException(string message, string method, string pathAndQuery, int? statusCode = null, string? responseBody = null,
        IReadOnlyDictionary<string, string>? responseHeaders = null, Exception? innerException = null, bool responseBodyTruncated = false)
        : this(message, method, pathAndQuery, statusCode, responseBody, ErrorJson(responseBody), responseHeaders, innerException, responseBodyTruncated)
    {
    }

    // With the answer's JSON already parsed once (ErrorJson), by the caller that also needs its code for the message.
    internal WeChatPayException(string message, string method, string pathAndQuery, int? statusCode, string? responseBody, JObject? json,
        IReadOnlyDictionary<string, string>? responseHeaders, Exception? innerException, bool responseBodyTruncated)
        : base(message, innerException)
    {
        Method = method;
        PathAndQuery = pathAndQuery;
        StatusCode = statusCode;
        ResponseHeaders = responseHeaders ?? EmptyHeaders;

        Code = Text(json?["code"]);
        ErrorMessage = Text(json?["message"]);
        Detail = json?["detail"];
        SignInformation = Detail is JObject detail ? detail["sign_information"] : null;
        ResponseBodyTruncated = responseBodyTruncated || responseBody?.Length > MaxResponseBodyLength;
        ResponseBody = responseBody?.Length > MaxResponseBodyLength ? responseBody.Substring(0, MaxResponseBodyLength) : responseBody;
    }

    // The same failure, its message followed by a note (how many attempts were made): every property kept, the cause too.
    private WeChatPayException(WeChatPayException failure, string note)
        : base(failure.Message + " " + note, failure.InnerException)
    {
        Method = failure.Method;
        PathAndQuery = failure.PathAndQuery;
        StatusCode = failure.StatusCode;
        ResponseHeaders = failure.ResponseHeaders;
        Code = failure.Code;
        ErrorMessage = failure.ErrorMessage;
        Detail = failure.Detail;
        SignInformation = failure.SignInformation;
        ResponseBodyTruncated = failure.ResponseBodyTruncated;
        ResponseBody = failure.ResponseBody;
        TimedOut = failure.TimedOut;
    }

    /// <summary>This failure with <paramref name="note"/> added to its message; null for a subtype, which keeps its own message.</summary>
    internal WeChatPayException? WithNote(string note) => GetType() == typeof(WeChatPayException) ? new WeChatPayException(this, note) : null;

    /// <summary>No answer came within the timeout (set where the transport gives up waiting).</summary>
    internal bool TimedOut { get; set; }

    /// <summary>The answer body as WeChat Pay's error object (<c>{"code","message","detail"}</c>), or null when it is not a JSON object.</summary>
    internal static JObject? ErrorJson(string? responseBody) => responseBody is null ? null : Shared.WeChatPayJson.TryParse(responseBody) as JObject;

    /// <summary>WeChat Pay's error <c>code</c> in an error object, as text.</summary>
    internal static string? Text(JToken? token) => token is JValue { Value: not null } value && token.Type != JTokenType.Null ? System.Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>();

    /// <summary>The HTTP method of the failed call.</summary>
    public string Method { get; }

    /// <summary>The path and query of the failed call as on the request line, the values of sensitive query parameters redacted (no host).</summary>
    public string PathAndQuery { get; }

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

    /// <summary>The raw answer body (JSON, HTML or anything else), at most <see cref="MaxResponseBodyLength"/> characters; null when no answer arrived.</summary>
    public string? ResponseBody { get; }

    /// <summary>True when <see cref="ResponseBody"/> is only the start of the answer (a long answer, or one over <see cref="WeChatPayOptions.MaxResponseBodySize"/>).</summary>
    public bool ResponseBodyTruncated { get; }

    /// <summary>The answer's headers (empty when no answer arrived).</summary>
    public IReadOnlyDictionary<string, string> ResponseHeaders { get; }
}
