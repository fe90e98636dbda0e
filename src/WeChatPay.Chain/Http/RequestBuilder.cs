using WeChatPay.Chain.Shared;
using System;
using System.Collections;
using System.Collections.Generic;
using System.Net.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Paths;

namespace WeChatPay.Chain.Http;

/// <summary>
/// Steps 1–2 of a call: expand the path, read the query and headers as checked text, find the documented operation once,
/// take the body, and validate it all when asked. Every value is checked here, before anything is sent.
/// </summary>
internal static class RequestBuilder
{
    private const string SerialHeader = "Wechatpay-Serial";

    /// <summary>Builds one call.</summary>
    /// <exception cref="ArgumentException">A path value, query parameter, header or the body cannot be sent as given.</exception>
    /// <exception cref="WeChatPayValidationException">Validation is on and the request does not match the documented operation.</exception>
    public static PreparedCall Build(HttpMethod method, PathTemplate path, object? first, WeChatPayRequestOptions? options, bool autoEncryption, bool validate)
    {
        var isGet = method == HttpMethod.Get;
        var typed = first as WeChatPayRequest;
        if (typed is not null) TypedRequest.CheckMethod(typed, method);
        var rawQuery = KeyValues.From(options?.Query, nameof(WeChatPayRequestOptions.Query));
        if (typed is not null) rawQuery.InsertRange(0, TypedRequest.Query(typed, isGet));
        else if (isGet && first is not null) rawQuery.InsertRange(0, KeyValues.From(first, "query"));
        var requestValues = typed is null ? null : TypedRequest.PathValues(typed);
        var relativePath = ExpandPath(path, options?.PathValues, requestValues, isGet && typed is null ? rawQuery : null);
        var operation = OperationCatalog.Default.Find(method.Method, relativePath);
        if (typed is not null) TypedRequest.CheckOperation(typed, requestValues!, operation, relativePath);
        var call = new PreparedCall(method, relativePath, operation, QueryText(rawQuery), options?.AutoEncryption ?? autoEncryption);
        if (call.IsV2 && (options?.EncryptFields is not null || options?.DecryptFields is not null))
            throw new ArgumentException($"{method.Method} {relativePath} is an APIv2 call: EncryptFields and DecryptFields name fields of an APIv3 JSON body " +
                "or answer, and an APIv2 call encrypts its documented fields itself (enc_bank_no, enc_true_name). Leave them out.", nameof(options));
        ReadHeaders(call, options?.Headers);

        var body = typed is null ? first : TypedRequest.Body(typed);
        if (!isGet && body is not null) call.BodySource = body;
        // APIv2 calls are checked by ApiV2Protocol (their catalog rows describe XML, not a JSON body).
        if ((options?.Validate ?? validate) && !call.IsV2)
        {
            var shown = $"{method.Method} {relativePath}";
            if (operation is null)
                throw new WeChatPayValidationException(shown, new[] { "the catalog documents no such operation, so it cannot be validated (turn validation off for this call)" });
            if (call.BodySource is not null) call.BodyTree = BodyTree(call.BodySource);
            var names = new string[call.Query.Count];
            for (var i = 0; i < names.Length; i++) names[i] = call.Query[i].Key;
            var problems = RequestValidator.Validate(operation, call.BodyTree, names);
            if (problems.Count > 0) throw new WeChatPayValidationException(operation.ToString(), problems);
        }
        return call;
    }

    /// <summary>The body as a JSON tree that the call may change: never the caller's own object.</summary>
    /// <exception cref="ArgumentException">The body is a string but not JSON.</exception>
    public static JToken BodyTree(object body) => body switch
    {
        JToken token => token.DeepClone(),
        string text => ParseBody(text),
        _ => WeChatPayJson.Tree(body),
    };

    /// <summary>The body text to send: JSON text as given (checked to parse), anything else serialized once.</summary>
    /// <exception cref="ArgumentException">The body is a string but not JSON.</exception>
    public static string BodyText(object body)
    {
        if (body is not string text) return WeChatPayJson.Serialize(body);
        ParseBody(text);
        return text;
    }

    private static JToken ParseBody(string text)
    {
        try
        {
            return WeChatPayJson.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The body is a string but not JSON ({e.Message}); pass an object, or JSON text.", "body");
        }
    }

    // Template values come from PathValues, then from a typed request's path members, then (GET) from the query, whose used
    // names leave the query. A typed request's value that the chain already wrote is checked by TypedRequest.CheckOperation.
    private static string ExpandPath(PathTemplate path, object? pathValues, List<KeyValuePair<string, object?>>? requestValues,
        List<KeyValuePair<string, object?>>? query)
    {
        var values = KeyValues.From(pathValues, nameof(WeChatPayRequestOptions.PathValues));
        var used = new bool[values.Count];
        var relative = path.Expand(name =>
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i].Key != name) continue;
                used[i] = true;
                return values[i].Value is null ? null : KeyValues.ToText(values[i].Value!, "The path value", name);
            }
            if (requestValues is not null)
            {
                foreach (var pair in requestValues)
                    if (pair.Key == name) return KeyValues.ToText(pair.Value!, "The path value", name);
            }
            if (query is null) return null;
            for (var i = 0; i < query.Count; i++)
            {
                if (query[i].Key != name) continue;
                var value = query[i].Value;
                query.RemoveAt(i);
                return value is null ? null : KeyValues.ToText(value, "The path value", name);
            }
            return null;
        });
        for (var i = 0; i < values.Count; i++)
        {
            if (!used[i])
                throw new ArgumentException($"PathValues has '{values[i].Key}', but the path '{path.Text}' has no {{{values[i].Key}}} placeholder.", nameof(WeChatPayRequestOptions.PathValues));
        }
        return relative;
    }

    // Null values are left out (documented); a list repeats its name once per item; everything else is one text value.
    private static List<KeyValuePair<string, string>> QueryText(List<KeyValuePair<string, object?>> raw)
    {
        var query = new List<KeyValuePair<string, string>>(raw.Count);
        foreach (var pair in raw)
        {
            if (pair.Key.Length == 0)
                throw new ArgumentException("The query holds a parameter with an empty name.", nameof(WeChatPayRequestOptions.Query));
            WireText.RequireUtf16(pair.Key, "A query parameter name");
            switch (pair.Value)
            {
                case null:
                    continue;
                case string text:
                    query.Add(new KeyValuePair<string, string>(pair.Key, KeyValues.ToText(text, "The query parameter", pair.Key)));
                    continue;
                case JObject _:
                    throw new ArgumentException($"The query parameter {pair.Key} is an object, which has no text form: give one value, or a list of values.", pair.Key);
                case IEnumerable list:
                    foreach (var item in list)
                        if (item is not null) query.Add(new KeyValuePair<string, string>(pair.Key, KeyValues.ToText(item, "An item of the query parameter", pair.Key)));
                    continue;
                default:
                    query.Add(new KeyValuePair<string, string>(pair.Key, KeyValues.ToText(pair.Value, "The query parameter", pair.Key)));
                    continue;
            }
        }
        return query;
    }

    // Every header name and value is checked (RFC 9110) and each name given once; the caller's Wechatpay-Serial is kept apart.
    private static void ReadHeaders(PreparedCall call, object? headers)
    {
        const string option = nameof(WeChatPayRequestOptions.Headers);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in KeyValues.From(headers, option, underscoreToHyphen: true))
        {
            WireText.HeaderName(pair.Key, option);
            if (!seen.Add(pair.Key))
                throw new ArgumentException($"Headers names the {pair.Key} header twice (header names compare case-insensitively); give it once.", option);
            if (pair.Value is null) continue;
            var value = KeyValues.ToText(pair.Value, "The header", pair.Key);
            WireText.HeaderValue(pair.Key, value, option);
            if (string.Equals(pair.Key, SerialHeader, StringComparison.OrdinalIgnoreCase))
                call.CallerSerial = value;
            else
                call.Headers.Add(new KeyValuePair<string, string>(pair.Key, value));
        }
    }
}
