using System;
using System.Collections.Generic;
using System.Threading;

namespace WeChatPay.Chain.Catalog;

/// <summary>One documented operation: a method on a path template, with what to encrypt, decrypt and expect.</summary>
/// <remarks>
/// The embedded catalog knows every operation's method and path when it loads, and reads the rest of an operation
/// (its fields, what to encrypt) from its line the first time any of it is asked for: a call reads one operation,
/// not 1,147. Reading is thread-safe and happens once.
/// </remarks>
internal sealed partial class CatalogOperation
{
    private readonly CatalogReader? _lines;
    private readonly int _line;
    private Details? _details;

    /// <summary>Creates an operation from all its facts.</summary>
    public CatalogOperation(string method, string path, Details details)
    {
        Method = method ?? throw new ArgumentNullException(nameof(method));
        Path = path ?? throw new ArgumentNullException(nameof(path));
        _details = details ?? throw new ArgumentNullException(nameof(details));
    }

    // An operation whose details are read from line `line` of the catalog text when first needed.
    internal CatalogOperation(string method, string path, CatalogReader lines, int line)
    {
        Method = method;
        Path = path;
        _lines = lines;
        _line = line;
    }

    /// <summary>The HTTP method in upper case (<c>GET</c>, <c>POST</c>, <c>PUT</c>, <c>PATCH</c>, <c>DELETE</c>).</summary>
    public string Method { get; }

    /// <summary>The path template without leading slash, <c>{x}</c> placeholders kept (<c>v3/pay/transactions/id/{transaction_id}</c>); a trailing slash is significant.</summary>
    public string Path { get; }

    /// <summary>The page title, or the sub-operation heading on a page that documents several operations.</summary>
    public string Title => Read.Title;

    /// <summary>The page heading when <see cref="Title"/> is a sub-operation heading; otherwise null.</summary>
    public string? PageTitle => Read.PageTitle;

    /// <summary>The request body kind: <c>json</c>, <c>xml</c> (v2), <c>multipart</c>, or null when the request has no body.</summary>
    public string? RequestBody => Read.RequestBody;

    /// <summary>The documented host when the operation is not served by the default one (for example <c>https://apihk.mch.weixin.qq.com/</c>); otherwise null.</summary>
    public string? BaseUri => Read.BaseUri;

    /// <summary>The <c>{x}</c> placeholders of <see cref="Path"/>, in order, without braces.</summary>
    public IReadOnlyList<string> PathParams => Read.PathParams;

    /// <summary>The request fields to encrypt with the platform key (body <c>identity.real_name</c>, <c>receivers[].name</c>, query parameters, multipart meta).</summary>
    public IReadOnlyList<FieldPath> Encrypt => Read.Encrypt;

    /// <summary>The answer fields to decrypt with the merchant private key.</summary>
    public IReadOnlyList<FieldPath> Decrypt => Read.Decrypt;

    /// <summary>Whether the response is a file stream that carries no signature to verify.</summary>
    public bool Download => Read.Download;

    /// <summary>Whether the request documents a <c>Wechatpay-Serial</c> header.</summary>
    public bool SerialHeader => Read.SerialHeader;

    /// <summary>The request rows: top-level rows are the request options (<c>json</c>, <c>xml</c>, <c>body</c>, <c>query</c>, <c>headers</c>, path parameters, ...).</summary>
    public IReadOnlyList<CatalogField> Request => Read.Request;

    /// <summary>The response body fields.</summary>
    public IReadOnlyList<CatalogField> Response => Read.Response;

    /// <summary>The top-level rows that document the path parameters, in <see cref="PathParams"/> order; a parameter the page documents elsewhere (under <c>query</c>) is left out.</summary>
    public IReadOnlyList<CatalogField> PathParamFields => Read.PathParamFields;

    private Details Read
    {
        get
        {
            var details = Volatile.Read(ref _details);
            if (details is null)
            {
                var read = _lines!.ReadOperation(_line, Method, Path);
                details = Interlocked.CompareExchange(ref _details, read, null) ?? read;
            }
            return details;
        }
    }

    /// <summary>Orders operations by path, then method (ordinal).</summary>
    public static int CompareByPathThenMethod(CatalogOperation x, CatalogOperation y)
    {
        var byPath = string.CompareOrdinal(x.Path, y.Path);
        return byPath != 0 ? byPath : string.CompareOrdinal(x.Method, y.Method);
    }

    /// <inheritdoc />
    public override string ToString() => Method + " " + Path;

    /// <summary>Everything of an operation but its method and path.</summary>
    internal sealed class Details
    {
        public Details(
            string title,
            string? pageTitle,
            string? requestBody,
            string? baseUri,
            IReadOnlyList<string> pathParams,
            IReadOnlyList<FieldPath> encrypt,
            IReadOnlyList<FieldPath> decrypt,
            bool download,
            bool serialHeader,
            IReadOnlyList<CatalogField> request,
            IReadOnlyList<CatalogField> response)
        {
            Title = title ?? throw new ArgumentNullException(nameof(title));
            PageTitle = pageTitle;
            RequestBody = requestBody;
            BaseUri = baseUri;
            PathParams = pathParams ?? throw new ArgumentNullException(nameof(pathParams));
            Encrypt = encrypt ?? throw new ArgumentNullException(nameof(encrypt));
            Decrypt = decrypt ?? throw new ArgumentNullException(nameof(decrypt));
            Download = download;
            SerialHeader = serialHeader;
            Request = request ?? throw new ArgumentNullException(nameof(request));
            Response = response ?? throw new ArgumentNullException(nameof(response));
            PathParamFields = CollectPathParamFields(pathParams, request);
        }

        public string Title { get; }
        public string? PageTitle { get; }
        public string? RequestBody { get; }
        public string? BaseUri { get; }
        public IReadOnlyList<string> PathParams { get; }
        public IReadOnlyList<FieldPath> Encrypt { get; }
        public IReadOnlyList<FieldPath> Decrypt { get; }
        public bool Download { get; }
        public bool SerialHeader { get; }
        public IReadOnlyList<CatalogField> Request { get; }
        public IReadOnlyList<CatalogField> Response { get; }
        public IReadOnlyList<CatalogField> PathParamFields { get; }
    }
}
