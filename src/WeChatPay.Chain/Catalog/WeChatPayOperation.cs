using System;
using System.Collections.Generic;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain;

/// <summary>
/// One documented WeChat Pay operation, e.g. <c>POST v3/papay/sign/contracts/pre-entrust-sign</c>: its title, whether it
/// downloads a file, which fields are encrypted, and its request, query and response fields. <see cref="Describe"/> prints it.
/// </summary>
public sealed partial class WeChatPayOperation : IEquatable<WeChatPayOperation>
{

    private readonly CatalogOperation _operation;
    private IReadOnlyList<string>? _encryptedFields;
    private IReadOnlyList<string>? _decryptedFields;
    private IReadOnlyList<WeChatPayField>? _requestFields;
    private IReadOnlyList<WeChatPayField>? _queryFields;
    private IReadOnlyList<WeChatPayField>? _responseFields;

    internal WeChatPayOperation(CatalogOperation operation) => _operation = operation;

    /// <summary>
    /// The documented operations whose path, title or page title contains <paramref name="text"/> (case-insensitive), by
    /// path then method; every operation for an empty text. No client (and so no key) is needed.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static IReadOnlyList<WeChatPayOperation> Search(string text) =>
        Wrap(OperationCatalog.Default.Search(text ?? throw new ArgumentNullException(nameof(text))));

    /// <summary>The documented operation <paramref name="method"/> <paramref name="path"/> addresses (templates or values), or null.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static WeChatPayOperation? Find(string method, string path)
    {
        if (method is null) throw new ArgumentNullException(nameof(method));
        if (path is null) throw new ArgumentNullException(nameof(path));
        var operation = OperationCatalog.Default.Find(method, path.TrimStart('/'));
        return operation is null ? null : new WeChatPayOperation(operation);
    }

    /// <summary>The HTTP method in upper case, e.g. <c>POST</c>.</summary>
    public string Method => _operation.Method;

    /// <summary>The path template as documented, without leading slash: <c>v3/pay/transactions/id/{transaction_id}</c>.</summary>
    public string Path => _operation.Path;

    /// <summary>The documented title, e.g. <c>代扣预签约</c>.</summary>
    public string Title => _operation.Title;

    /// <summary>Whether the answer is a file download, which WeChat Pay does not sign.</summary>
    public bool IsDownload => _operation.Download;

    /// <summary>
    /// The request fields encrypted with the platform key before sending, as dotted paths from the body root
    /// (<c>identity.real_name</c>, <c>receivers[].name</c>); a query parameter is written <c>query.name</c>.
    /// </summary>
    public IReadOnlyList<string> EncryptedFields => _encryptedFields ??= CallerTexts(_operation.Encrypt);

    /// <summary>The response fields that arrive encrypted with the merchant key, as dotted paths from the response root (<c>bal_account_no</c>).</summary>
    public IReadOnlyList<string> DecryptedFields => _decryptedFields ??= CallerTexts(_operation.Decrypt);

    /// <summary>The fields of the request body; empty when the operation takes none.</summary>
    public IReadOnlyList<WeChatPayField> RequestFields => _requestFields ??= WeChatPayField.Wrap(_operation.BodyFields);

    /// <summary>The query parameters.</summary>
    public IReadOnlyList<WeChatPayField> QueryFields => _queryFields ??= WeChatPayField.Wrap(_operation.QueryFields);

    /// <summary>The fields of the response body.</summary>
    public IReadOnlyList<WeChatPayField> ResponseFields => _responseFields ??= WeChatPayField.Wrap(_operation.Response);

    internal CatalogOperation Source => _operation;

    /// <summary>The method, path and title on one line: <c>POST v3/papay/sign/contracts/pre-entrust-sign  代扣预签约</c>.</summary>
    public override string ToString() => Method + " " + Path + "  " + Title;

    /// <summary>Whether both describe the same documented operation.</summary>
    public bool Equals(WeChatPayOperation? other) => other is not null && ReferenceEquals(_operation, other._operation);

    /// <summary>Whether <paramref name="obj"/> describes the same documented operation.</summary>
    public override bool Equals(object? obj) => Equals(obj as WeChatPayOperation);

    /// <summary>A hash of the documented operation.</summary>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_operation);

    internal static IReadOnlyList<WeChatPayOperation> Wrap(IReadOnlyList<CatalogOperation> operations)
    {
        var wrapped = new WeChatPayOperation[operations.Count];
        for (var i = 0; i < wrapped.Length; i++) wrapped[i] = new WeChatPayOperation(operations[i]);
        return Array.AsReadOnly(wrapped);
    }

    private static IReadOnlyList<string> CallerTexts(IReadOnlyList<FieldPath> paths)
    {
        var result = new string[paths.Count];
        for (var i = 0; i < result.Length; i++) result[i] = paths[i].CallerText;
        return Array.AsReadOnly(result);
    }
}
