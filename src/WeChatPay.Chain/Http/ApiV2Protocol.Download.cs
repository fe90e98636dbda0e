using System;

namespace WeChatPay.Chain.Http;

/// <content>
/// The APIv2 downloads (the catalog's <c>download</c> v2 operations: <c>v2/pay/downloadbill</c>, <c>v2/pay/downloadfundflow</c>):
/// prepared as any v2 call, their answer a bill that carries no sign (nothing in it can be verified), or XML that reports an
/// error with HTTP 200.
/// </content>
internal sealed partial class ApiV2Protocol
{
    /// <summary><see cref="Prepare(PreparedCall)"/> for a call whose answer is streamed as a file: only a documented v2 download answers one.</summary>
    /// <exception cref="NotSupportedException">The operation is not an APIv2 download (its answer is always XML).</exception>
    /// <exception cref="InvalidOperationException">No APIv2 key is configured, or the operation needs the client certificate (downloadfundflow) and none is.</exception>
    /// <exception cref="WeChatPayValidationException">The request's mch_id/mchid is not the configured merchant.</exception>
    /// <exception cref="ArgumentException">The body is not an object of fields, carries a sign, or a field cannot be sent.</exception>
    public void PrepareDownload(PreparedCall call)
    {
        if (call.Operation?.Download != true)
            throw new NotSupportedException(
                $"{call.Method.Method} {call.RelativePath} is not an APIv2 download (v2/pay/downloadbill, v2/pay/downloadfundflow): it answers XML, " +
                "which DownloadAsync does not take; call PostAsync. Nothing was sent.");
        Prepare(call);
    }

    /// <summary>
    /// The error of a v2 download whose 2xx answer was not a bill: the error its XML reports, judged as any v2 call's answer
    /// (<see cref="Read"/>: return_code, result_code; DTDs and entities refused); or, for XML that reports none, an empty body or
    /// XML larger than <paramref name="maxBody"/>, an error that says so. Nothing of the answer was written anywhere.
    /// </summary>
    /// <param name="answer">The answer, its body the XML as read (a prefix when over the cap), empty when the body was.</param>
    /// <param name="call">The sealed call.</param>
    /// <param name="maxBody">WeChatPayOptions.MaxResponseBodySize.</param>
    /// <exception cref="WeChatPayException">The error the XML reports (thrown by <see cref="Read"/> rather than returned).</exception>
    /// <exception cref="WeChatPaySignatureException">The XML carries a sign that does not verify (only where the operation documents one).</exception>
    public WeChatPayException DownloadError(Answer answer, PreparedCall call, int maxBody)
    {
        var method = call.Method.Method;
        var shown = $"{method} {call.ShownTarget} answered {answer.StatusCode}";
        if (answer.OverCap)
            return new WeChatPayException(
                $"{shown} with XML larger than WeChatPayOptions.MaxResponseBodySize ({maxBody} bytes); it was not read whole, and nothing was written: " +
                "an APIv2 download answers XML only to report an error.", method, call.ShownTarget, answer.StatusCode, answer.Text, answer.Headers,
                responseBodyTruncated: true);
        if (answer.Body.Length == 0)
            return new WeChatPayException($"{shown} with an empty body: neither a bill nor an error; nothing was written.",
                method, call.ShownTarget, answer.StatusCode, string.Empty, answer.Headers);
        Read(answer, call); // throws the error the answer reports
        return new WeChatPayException(
            $"{shown} with XML that reports no error, and no bill; nothing was written.",
            method, call.ShownTarget, answer.StatusCode, answer.Text, answer.Headers);
    }
}
