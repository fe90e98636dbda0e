using WeChatPay.Chain.Shared;

namespace WeChatPay.Chain.Http;

/// <summary>Step 6 of a call, first half: an error answer becomes a <see cref="WeChatPayException"/> (the signature of a 2xx answer is checked next, in the pipeline).</summary>
internal static class AnswerCheck
{
    private const int MaxQuotedMessage = 1024;

    /// <summary>Throws for an error answer, or a success answer larger than the cap; says nothing of the signature. A SIGN_ERROR
    /// is explained by comparing what WeChat Pay verified with what the client signed (under <c>merchantSerial</c>).</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, or with more than the cap.</exception>
    public static void ThrowIfError(Answer answer, PreparedCall call, int maxBody, string merchantSerial)
    {
        var method = call.Method.Method;
        if (!answer.IsSuccess)
            throw ErrorFor(call, answer, maxBody, merchantSerial);
        if (answer.OverCap)
            throw new WeChatPayException(
                $"{method} {call.ShownTarget} answered {answer.StatusCode} with more than WeChatPayOptions.MaxResponseBodySize ({maxBody} bytes); " +
                "the answer was not read whole. Raise MaxResponseBodySize if this operation legitimately answers more.",
                method, call.ShownTarget, answer.StatusCode, answer.Text, answer.Headers, responseBodyTruncated: true);
    }

    /// <summary>
    /// Checks that the body of a verified success answer is JSON, and parses it when <paramref name="tree"/> is wanted now (to
    /// decrypt fields in it) or when only parsing can tell: null for an empty body (a 204, or white space), for a download's
    /// file, which is not JSON, and for a JSON body not parsed yet, which the response parses when it is first read.
    /// </summary>
    /// <exception cref="WeChatPayException">The body is neither empty nor JSON (HTML from a proxy, a truncated object, plain text).</exception>
    public static Newtonsoft.Json.Linq.JToken? Json(Answer answer, PreparedCall call, bool tree)
    {
        if (call.Operation?.Download == true) return null;
        if (!tree && JsonShape.IsObjectOrArray(answer.Body)) return null;
        if (string.IsNullOrWhiteSpace(answer.Text)) return null;
        if (WeChatPayJson.TryParse(answer.Body, answer.Text) is { } json) return json;
        var method = call.Method.Method;
        answer.Headers.TryGetValue("Content-Type", out var type);
        var requestId = answer.Headers.TryGetValue("Request-ID", out var id) ? $" (Request-ID: {id})" : string.Empty;
        throw new WeChatPayException(
            $"{method} {call.ShownTarget} answered {answer.StatusCode} with a body that is not JSON " +
            $"(a {(string.IsNullOrEmpty(type) ? "body without Content-Type" : type + " body")} of {answer.Body.Length} bytes), although its signature verified: " +
            $"every WeChat Pay APIv3 answer but a download's file is JSON, so this one cannot be read; ResponseBody holds it{requestId}. " +
            "If it is a file, fetch it with DownloadAsync.",
            method, call.ShownTarget, answer.StatusCode, answer.Text, answer.Headers);
    }

    private static WeChatPayException ErrorFor(PreparedCall call, Answer answer, int maxBody, string merchantSerial)
    {
        var method = call.Method.Method;
        var target = call.ShownTarget;
        var json = WeChatPayException.ErrorJson(answer.Text);
        var code = WeChatPayException.Text(json?["code"]);
        answer.Headers.TryGetValue("Content-Type", out var type);
        var what = code != null
            ? $"{code}: {Quoted(WeChatPayException.Text(json!["message"]))}"
            : answer.OverCap
                ? $"a body larger than WeChatPayOptions.MaxResponseBodySize ({maxBody} bytes), not read whole"
                : $"a {(string.IsNullOrEmpty(type) ? "body without Content-Type" : type + " body")} of {answer.Body.Length} bytes";
        var requestId = answer.Headers.TryGetValue("Request-ID", out var id) ? $" (Request-ID: {id})" : string.Empty;
        // A SIGN_ERROR says what WeChat Pay verified: what differs from what the client signed is the cause.
        var why = code == "SIGN_ERROR" && SignErrorExplanation.For(call, (json!["detail"] as Newtonsoft.Json.Linq.JObject)?["sign_information"], answer.Headers, merchantSerial) is { } reason
            ? ". Why: " + reason + "."
            : string.Empty;
        return new WeChatPayException($"{method} {target} failed with {answer.StatusCode} {what}{requestId}{why}",
            method, target, answer.StatusCode, answer.Text, json, answer.Headers, null, answer.OverCap);
    }

    // The server's message, bounded so that a huge error answer cannot make a huge exception message.
    private static string Quoted(string? message) =>
        message is null ? string.Empty : message.Length <= MaxQuotedMessage ? message : message.Substring(0, MaxQuotedMessage) + "…";
}
