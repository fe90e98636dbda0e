using System;
using System.Collections.Generic;
using System.Net.Http;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Paths;

namespace WeChatPay.Chain.Http;

/// <summary>
/// How a typed request (<see cref="WeChatPayRequest"/>) becomes the parts of a call that an anonymous object would have given:
/// its path values, its query, and itself as the body. It is checked against the call: the verb must be its method, and the node
/// its documented path, so that a request type never reaches another operation.
/// </summary>
internal static class TypedRequest
{
    /// <exception cref="ArgumentException">The verb is not the request's documented method.</exception>
    public static void CheckMethod(WeChatPayRequest request, HttpMethod method)
    {
        if (!string.Equals(request.OperationMethod, method.Method, StringComparison.Ordinal))
            throw new ArgumentException(
                $"{request.GetType().Name} is the request of {request.OperationMethod} {request.OperationPath}, not of a {method.Method}: " +
                $"call {Verb(request.OperationMethod)}.", "request");
    }

    /// <summary>The request's query parameters; for a GET also the extra fields of <see cref="WeChatPayModel.AdditionalData"/>.</summary>
    /// <exception cref="ArgumentException">An extra field has no text form, or the operation has neither body nor query to carry it.</exception>
    public static List<KeyValuePair<string, object?>> Query(WeChatPayRequest request, bool isGet)
    {
        var query = new List<KeyValuePair<string, object?>>(request.OperationQuery());
        if (request.AdditionalData is not { Count: > 0 } extra || request.OperationHasBody && !isGet) return query;
        if (!isGet)
            throw new ArgumentException(
                $"{request.GetType().Name}.AdditionalData holds fields, but {request.OperationMethod} {request.OperationPath} documents no body to send them in.", "request");
        foreach (var pair in extra)
        {
            if (pair.Value is not JValue value)
                throw new ArgumentException($"{request.GetType().Name}.AdditionalData['{pair.Key}'] is an object or a list, which a query parameter cannot hold.", "request");
            query.Add(new KeyValuePair<string, object?>(pair.Key, value.Value));
        }
        return query;
    }

    /// <summary>The request's path values that are not null.</summary>
    public static List<KeyValuePair<string, object?>> PathValues(WeChatPayRequest request)
    {
        var values = new List<KeyValuePair<string, object?>>();
        foreach (var pair in request.OperationPathValues())
            if (pair.Value is not null) values.Add(pair);
        return values;
    }

    /// <summary>The body: the request itself (its path and query members are not serialized), or none when the operation documents none.</summary>
    public static object? Body(WeChatPayRequest request) => request.OperationHasBody ? request : null;

    /// <summary>
    /// The call reached the request's operation: the catalog finds the same documented path, and every path value the request holds
    /// (<paramref name="pathValues"/>, from <see cref="PathValues"/>) is the one in the path (a value the chain wrote with the indexer must agree with the request's).
    /// </summary>
    /// <exception cref="ArgumentException">The node is another operation's, or a path value disagrees.</exception>
    public static void CheckOperation(WeChatPayRequest request, List<KeyValuePair<string, object?>> pathValues, CatalogOperation? operation, string relativePath)
    {
        if (operation is null || !SameShape(operation.Path, request.OperationPath))
            throw new ArgumentException(
                $"{request.GetType().Name} is the request of {request.OperationMethod} {request.OperationPath}, but this call goes to " +
                $"{(operation is null ? relativePath + ", which the catalog does not document" : operation.Path)}: " +
                $"send it from the node of {request.OperationPath}.", "request");

        var documented = request.OperationPath.Split('/');
        var sent = relativePath.Split('/');
        foreach (var pair in pathValues)
        {
            var index = Array.IndexOf(documented, "{" + pair.Key + "}");
            if (index < 0 || index >= sent.Length) continue;
            var value = PathTemplate.EscapeValue(KeyValues.ToText(pair.Value!, "The path value", pair.Key), pair.Key, request.OperationPath);
            if (!string.Equals(sent[index], value, StringComparison.Ordinal))
                throw new ArgumentException(
                    $"The chain wrote another value for {{{pair.Key}}} than {request.GetType().Name} holds; give it in one place.", "request");
        }
    }

    // The same documented path up to the names of its placeholders: v3/apply4subject/applyment/{business_code}/cancel and
    // …/{applyment_id}/cancel are one URL shape, and the catalog finds either for a path holding a value.
    private static bool SameShape(string found, string documented)
    {
        var a = found.Split('/');
        var b = documented.Split('/');
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal) && !(IsPlaceholder(a[i]) && IsPlaceholder(b[i]))) return false;
        return true;
    }

    private static bool IsPlaceholder(string segment) => segment.Length > 2 && segment[0] == '{' && segment[segment.Length - 1] == '}';

    private static string Verb(string method) => method.Substring(0, 1) + method.Substring(1).ToLowerInvariant() + "Async";
}
