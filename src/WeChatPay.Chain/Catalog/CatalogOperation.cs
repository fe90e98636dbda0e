using System;
using System.Collections.Generic;

namespace WeChatPay.Chain.Catalog;

/// <summary>One documented operation: a method on a path template, with what to encrypt, decrypt and expect.</summary>
internal sealed partial class CatalogOperation
{
    /// <summary>Creates an operation.</summary>
    public CatalogOperation(
        string method,
        string path,
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
        Method = method ?? throw new ArgumentNullException(nameof(method));
        Path = path ?? throw new ArgumentNullException(nameof(path));
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

    /// <summary>The HTTP method in upper case (<c>GET</c>, <c>POST</c>, <c>PUT</c>, <c>PATCH</c>, <c>DELETE</c>).</summary>
    public string Method { get; }

    /// <summary>The path template without leading slash, <c>{x}</c> placeholders kept (<c>v3/pay/transactions/id/{transaction_id}</c>); a trailing slash is significant.</summary>
    public string Path { get; }

    /// <summary>The page title, or the sub-operation heading on a page that documents several operations.</summary>
    public string Title { get; }

    /// <summary>The page heading when <see cref="Title"/> is a sub-operation heading; otherwise null.</summary>
    public string? PageTitle { get; }

    /// <summary>The request body kind: <c>json</c>, <c>xml</c> (v2), <c>multipart</c>, or null when the request has no body.</summary>
    public string? RequestBody { get; }

    /// <summary>The documented host when the operation is not served by the default one (for example <c>https://apihk.mch.weixin.qq.com/</c>); otherwise null.</summary>
    public string? BaseUri { get; }

    /// <summary>The <c>{x}</c> placeholders of <see cref="Path"/>, in order, without braces.</summary>
    public IReadOnlyList<string> PathParams { get; }

    /// <summary>The request fields to encrypt with the platform key (body <c>identity.real_name</c>, <c>receivers[].name</c>, query parameters, multipart meta).</summary>
    public IReadOnlyList<FieldPath> Encrypt { get; }

    /// <summary>The answer fields to decrypt with the merchant private key.</summary>
    public IReadOnlyList<FieldPath> Decrypt { get; }

    /// <summary>Whether the response is a file stream that carries no signature to verify.</summary>
    public bool Download { get; }

    /// <summary>Whether the request documents a <c>Wechatpay-Serial</c> header.</summary>
    public bool SerialHeader { get; }

    /// <summary>The request rows: top-level rows are the request options (<c>json</c>, <c>xml</c>, <c>body</c>, <c>query</c>, <c>headers</c>, path parameters, ...).</summary>
    public IReadOnlyList<CatalogField> Request { get; }

    /// <summary>The response body fields.</summary>
    public IReadOnlyList<CatalogField> Response { get; }

    /// <summary>Orders operations by path, then method (ordinal).</summary>
    public static int CompareByPathThenMethod(CatalogOperation x, CatalogOperation y)
    {
        var byPath = string.CompareOrdinal(x.Path, y.Path);
        return byPath != 0 ? byPath : string.CompareOrdinal(x.Method, y.Method);
    }

    /// <inheritdoc />
    public override string ToString() => Method + " " + Path;
}
