using WeChatPay.Chain.Shared;
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain;

// RS0026 (several overloads with optional parameters): each verb has an object overload and a typed-request overload with the
// same optional options and token; they differ in their first parameter's type, so a call binds to one of them unambiguously.
#pragma warning disable RS0026
public partial class WeChatPayNode
{
    private static readonly HttpMethod PatchMethod = new HttpMethod("PATCH");

    /// <summary>Sends a GET. <paramref name="query"/> names fill the path's <c>{placeholders}</c> first; the rest become query parameters.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed (see the subtype <see cref="WeChatPaySignatureException"/>).</exception>
    public Task<WeChatPayResponse> GetAsync(object? query = null, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, query, options, cancellationToken);

    /// <summary>Sends a GET without parameters.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse> GetAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, null, null, cancellationToken);

    /// <summary>Sends a POST with a JSON body (an object, a dictionary, a JToken or JSON text).</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse> PostAsync(object? body = null, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, body, options, cancellationToken);

    /// <summary>Sends a POST without a body.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse> PostAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, null, null, cancellationToken);

    /// <summary>Sends a PUT with a JSON body.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse> PutAsync(object? body = null, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, body, options, cancellationToken);

    /// <summary>Sends a PUT without a body.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse> PutAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Put, null, null, cancellationToken);

    /// <summary>Sends a PATCH with a JSON body.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse> PatchAsync(object? body = null, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(PatchMethod, body, options, cancellationToken);

    /// <summary>Sends a PATCH without a body.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse> PatchAsync(CancellationToken cancellationToken) => SendAsync(PatchMethod, null, null, cancellationToken);

    /// <summary>Sends a DELETE, with an optional JSON body (a few operations document one).</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse> DeleteAsync(object? body = null, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, body, options, cancellationToken);

    /// <summary>Sends a DELETE without a body.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse> DeleteAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Delete, null, null, cancellationToken);

    /// <summary>
    /// Sends a GET whose answer is a file (a bill from <c>v3/billdownload/file</c>, an image, a statement) and writes it to
    /// <paramref name="destination"/> as it arrives, never holding it whole; downloads carry no WeChat Pay signature, as documented.
    /// An APIv2 download (<c>v2/pay/downloadbill</c>, <c>v2/pay/downloadfundflow</c>) is POSTed as its signed XML instead, with
    /// <paramref name="query"/> as its fields; an XML answer is the error it reports, and nothing of it is written.
    /// </summary>
    /// <param name="destination">Where the file goes; written, not disposed.</param>
    /// <param name="query">Fills the path's <c>{placeholders}</c>, the rest become query parameters; for APIv2, the request's fields.</param>
    /// <param name="options">Headers and the like, as for any call.</param>
    /// <param name="decompress">Decompress a gzip file (recognised by its first bytes) on its way to <paramref name="destination"/>.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    /// <exception cref="NotSupportedException">A <c>v2/…</c> path that is not an APIv2 download (its answer is XML: call PostAsync).</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayDownload> DownloadAsync(System.IO.Stream destination, object? query = null, WeChatPayRequestOptions? options = null,
        bool decompress = false, CancellationToken cancellationToken = default) =>
        Files.FileDownload.DownloadAsync(_pipeline, _path, query, options, destination ?? throw new System.ArgumentNullException(nameof(destination)),
            decompress, null, null, cancellationToken);

    /// <summary>
    /// <see cref="DownloadAsync"/> into a file: written as <c>path.partial</c> and moved to <paramref name="path"/> only once
    /// complete, so that a failed download never leaves a file that looks whole.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or its directory does not exist.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayDownload> DownloadToFileAsync(string path, object? query = null, WeChatPayRequestOptions? options = null,
        bool decompress = false, CancellationToken cancellationToken = default) =>
        Files.FileTarget.WriteAsync(path, file => DownloadAsync(file, query, options, decompress, cancellationToken));

    /// <summary>
    /// Uploads a file to a documented upload operation (<c>v3/merchant/media/upload</c>, <c>…/video_upload</c>,
    /// <c>v3/marketing/favor/media/image-upload</c>, …): the client adds the file name and the digest the operation documents
    /// to <paramref name="meta"/>, encrypts its sensitive fields, signs the meta JSON and streams the file.
    /// </summary>
    /// <param name="file">The file: <see cref="WeChatPayFile.FromPath"/>, <see cref="WeChatPayFile.FromStream"/> or <see cref="WeChatPayFile.FromBytes"/>.</param>
    /// <param name="meta">Further meta fields (e.g. <c>transaction_id</c> for a shopping receipt); the file name and digest are added unless given.</param>
    /// <param name="options">Headers and the like, as for any call.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <exception cref="ArgumentException">Not a documented upload, or the file breaks a documented limit (type, size).</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse> UploadAsync(WeChatPayFile file, object? meta = null, WeChatPayRequestOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Files.FileUpload.UploadAsync(_pipeline, _path, file ?? throw new ArgumentNullException(nameof(file)), meta, options, cancellationToken);

    /// <summary>
    /// <see cref="DownloadToFileAsync"/>, waiting for the file to be written (for scripts). There is no sync twin named
    /// <c>Download</c>: that name is a path segment (<c>v3/new-tax-control-fapiao/download</c>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or its directory does not exist.</exception>
    /// <exception cref="NotSupportedException">A <c>v2/…</c> path that is not an APIv2 download.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public WeChatPayDownload DownloadToFile(string path, object? query = null, WeChatPayRequestOptions? options = null,
        bool decompress = false, CancellationToken cancellationToken = default) =>
        SyncOverAsync.Run(() => DownloadToFileAsync(path, query, options, decompress, cancellationToken));

    /// <summary>Sends a GET and waits for the answer (for scripts).</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public WeChatPayResponse Get(object? query = null, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Wait(() => GetAsync(query, options, cancellationToken));

    /// <summary>Sends a POST and waits for the answer (for scripts).</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public WeChatPayResponse Post(object? body = null, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Wait(() => PostAsync(body, options, cancellationToken));

    /// <summary>Sends a PUT and waits for the answer (for scripts).</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public WeChatPayResponse Put(object? body = null, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Wait(() => PutAsync(body, options, cancellationToken));

    /// <summary>Sends a PATCH and waits for the answer (for scripts).</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public WeChatPayResponse Patch(object? body = null, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Wait(() => PatchAsync(body, options, cancellationToken));

    /// <summary>Sends a DELETE and waits for the answer (for scripts).</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public WeChatPayResponse Delete(object? body = null, WeChatPayRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        Wait(() => DeleteAsync(body, options, cancellationToken));

    // (data, cancellationToken): the order the dynamic verbs took, typed.

    /// <summary>Sends a GET with <paramref name="query"/> and no request options.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse> GetAsync(object? query, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, query, null, cancellationToken);

    /// <summary>Sends a POST with <paramref name="body"/> and no request options.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse> PostAsync(object? body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, body, null, cancellationToken);

    /// <summary>Sends a PUT with <paramref name="body"/> and no request options.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse> PutAsync(object? body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Put, body, null, cancellationToken);

    /// <summary>Sends a PATCH with <paramref name="body"/> and no request options.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse> PatchAsync(object? body, CancellationToken cancellationToken) => SendAsync(PatchMethod, body, null, cancellationToken);

    /// <summary>Sends a DELETE with <paramref name="body"/> and no request options.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public Task<WeChatPayResponse> DeleteAsync(object? body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Delete, body, null, cancellationToken);

    /// <summary>Sends a GET with <paramref name="query"/> and waits for the answer.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public WeChatPayResponse Get(object? query, CancellationToken cancellationToken) => Wait(() => GetAsync(query, cancellationToken));

    /// <summary>Sends a POST with <paramref name="body"/> and waits for the answer.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public WeChatPayResponse Post(object? body, CancellationToken cancellationToken) => Wait(() => PostAsync(body, cancellationToken));

    /// <summary>Sends a PUT with <paramref name="body"/> and waits for the answer.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public WeChatPayResponse Put(object? body, CancellationToken cancellationToken) => Wait(() => PutAsync(body, cancellationToken));

    /// <summary>Sends a PATCH with <paramref name="body"/> and waits for the answer.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public WeChatPayResponse Patch(object? body, CancellationToken cancellationToken) => Wait(() => PatchAsync(body, cancellationToken));

    /// <summary>Sends a DELETE with <paramref name="body"/> and waits for the answer.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error or the call failed.</exception>
    public WeChatPayResponse Delete(object? body, CancellationToken cancellationToken) => Wait(() => DeleteAsync(body, cancellationToken));

    private Task<WeChatPayResponse> SendAsync(HttpMethod method, object? first, WeChatPayRequestOptions? options, CancellationToken cancellationToken)
    {
        // A request-options object given where the body or query goes is what the caller meant as options.
        if (first is WeChatPayRequestOptions misplaced && options is null)
        {
            options = misplaced;
            first = null;
        }
        return _pipeline.SendAsync(method, _path, first, options, cancellationToken);
    }

    private static WeChatPayResponse Wait(System.Func<Task<WeChatPayResponse>> call) => SyncOverAsync.Run(call);
}
#pragma warning restore RS0026
