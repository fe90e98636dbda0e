using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using WeChatPay.Chain.Files;
using WeChatPay.Chain.Paths;

namespace WeChatPay.Chain.Http;

/// <content>
/// An APIv2 download (<c>v2/pay/downloadbill</c>, <c>v2/pay/downloadfundflow</c>) through the same send skeleton: built,
/// checked and signed as any v2 call (<see cref="ApiV2Protocol"/>), POSTed once (never sent again after it may have reached
/// WeChat Pay, as every v2 call), its 2xx body told apart by its first bytes (<see cref="ApiV2DownloadBody"/>): a bill is
/// handed to the sink as it arrives; XML is the error it reports, judged inside the attempt as a v2 call's answer.
/// </content>
internal sealed partial class CallPipeline
{
    private async Task<(Answer Answer, PreparedCall Call)> FetchV2Async(PathTemplate path, object? body, WeChatPayRequestOptions? options, string label,
        Func<Stream, CancellationToken, Task> sink, CancellationToken cancellationToken)
    {
        var call = RequestBuilder.Build(HttpMethod.Post, path, body, options, _autoEncryption, _validate);
        _v2.PrepareDownload(call);
        call.Seal(_exchange.BasePath);
        var guarded = Guarded(call, label, sink);
        ApiV2DownloadBody? attempt = null;
        var answer = await _exchange.SendAsync(call, idempotent: false, (stream, token) =>
        {
            attempt = new ApiV2DownloadBody(guarded, _exchange.MaxBody);
            return attempt.ReadAsync(stream, token);
        }, sent =>
        {
            if (attempt is { IsBill: false } notBill)
                throw _v2.DownloadError(new Answer(sent.StatusCode, sent.Headers, notBill.Xml ?? Array.Empty<byte>(), notBill.XmlOverCap), call, _exchange.MaxBody);
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        return (answer, call);
    }
}
