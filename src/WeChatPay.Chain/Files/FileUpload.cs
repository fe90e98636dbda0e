using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Http;
using WeChatPay.Chain.Paths;

namespace WeChatPay.Chain.Files;

/// <summary>
/// An upload (<c>multipart/form-data</c>) on top of the pipeline: the caller's meta fields plus the file name and digest the
/// operation documents (the digest read from the file before sending); then the pipeline encrypts the sensitive meta fields,
/// signs the meta JSON, sends it as the <c>meta</c> part with the file streamed as the documented file part, and verifies the answer.
/// APIv2's upload (<c>v2/secapi/mch/uploadmedia</c>) is the same call: its fields (<c>media_hash</c>, the file's MD5, filled
/// in) are signed as APIv2 fields and sent as form parts beside the file, with the client certificate.
/// </summary>
internal static class FileUpload
{
    /// <summary>Uploads <paramref name="file"/> with <paramref name="meta"/>.</summary>
    /// <exception cref="ArgumentException">Not a documented upload, a meta that is not an object, a file that breaks a documented limit, or a content type that is not the documented one or not the file's own.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, or the call failed.</exception>
    public static async Task<WeChatPayResponse> UploadAsync(CallPipeline pipeline, PathTemplate path, WeChatPayFile file, object? meta,
        WeChatPayRequestOptions? options, CancellationToken cancellationToken)
    {
        var call = pipeline.Build(HttpMethod.Post, path, null, options, validate: false);
        var shown = "POST /" + call.RelativePath;
        var plan = UploadPlan.For(call.Operation, shown);
        var metaTree = meta is null ? new JObject() : RequestBuilder.BodyTree(meta) as JObject
            ?? throw new ArgumentException("The meta must be a JSON object (an object, a dictionary or JSON text).", nameof(meta));
        plan.CheckName(shown, file);
        var (content, _, digest) = await plan.OpenAsync(shown, file, cancellationToken).ConfigureAwait(false);
        using (content)
        {
            var (head, headLength) = await UploadPlan.HeadAsync(content, cancellationToken).ConfigureAwait(false);
            UploadPlan.CheckContent(file, head, headLength);
            plan.Fill(metaTree, file, digest);
            // v3 signs and sends {"meta": …}; v2 signs its fields as APIv2 fields and sends each as a form part.
            call.BodySource = call.BodyTree = plan.IsV2 ? metaTree : new JObject { ["meta"] = metaTree };
            call.BodyChanged = true;
            call.Upload = new UploadPart(plan.FilePart, file.FileName, file.ContentType, content);
            return await pipeline.SendAsync(call, options, cancellationToken).ConfigureAwait(false);
        }
    }
}
