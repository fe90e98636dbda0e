using System;
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain;

/// <summary>
/// One <c>GET v3/certificates</c> answer exactly as WeChat Pay signed it: its <c>Wechatpay-*</c> headers, its body (the
/// certificates still encrypted with the APIv3 key) and when it was downloaded. A <see cref="IWeChatPayCertificateStore"/>
/// keeps this rather than bare keys, so that every reader checks it again — the signature and the AEAD_AES_256_GCM (or AEAD_SM4_GCM)
/// encryption under the APIv3 key — and nobody who can merely write to a shared cache can plant a key. It holds no secret.
/// </summary>
public sealed class WeChatPayCertificateDownload
{
    private static readonly string[] SignedHeaders = { "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial" };

    /// <summary>Keeps an answer as received.</summary>
    /// <param name="downloadedAt">When it was downloaded.</param>
    /// <param name="headers">Its headers; the four <c>Wechatpay-*</c> signature headers are kept, the rest left out.</param>
    /// <param name="body">Its body text, unchanged.</param>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> or <paramref name="body"/> is null.</exception>
    public WeChatPayCertificateDownload(DateTimeOffset downloadedAt, IReadOnlyDictionary<string, string> headers, string body)
    {
        if (headers is null) throw new ArgumentNullException(nameof(headers));
        DownloadedAt = downloadedAt;
        Body = body ?? throw new ArgumentNullException(nameof(body));
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in headers)
        {
            if (Array.Exists(SignedHeaders, h => string.Equals(h, pair.Key, StringComparison.OrdinalIgnoreCase)))
                kept[pair.Key] = pair.Value;
        }
        Headers = kept;
    }

    /// <summary>When it was downloaded.</summary>
    public DateTimeOffset DownloadedAt { get; }

    /// <summary>The <c>Wechatpay-Timestamp</c>, <c>-Nonce</c>, <c>-Signature</c> and <c>-Serial</c> headers it came with.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body text exactly as received.</summary>
    public string Body { get; }

    /// <summary>One line of JSON, for a store that keeps text: <c>{"downloaded_at":…,"headers":{…},"body":"…"}</c>.</summary>
    public string ToJson()
    {
        var headers = new JObject();
        foreach (var pair in Headers) headers[pair.Key] = pair.Value;
        return new JObject
        {
            ["downloaded_at"] = DownloadedAt.ToUnixTimeMilliseconds(),
            ["headers"] = headers,
            ["body"] = Body,
        }.ToString(Formatting.None);
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote; null when the text is not such an entry (a store then downloads anew).</summary>
    public static WeChatPayCertificateDownload? FromJson(string? json)
    {
        if (json is null || !(Shared.WeChatPayJson.TryParse(json) is JObject entry)) return null;
        if (entry["downloaded_at"] is not { Type: JTokenType.Integer } at || !(entry["headers"] is JObject headers)
            || entry["body"] is not { Type: JTokenType.String } body)
            return null;
        var lookup = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers.Properties())
        {
            if (header.Value.Type != JTokenType.String) return null;
            lookup[header.Name] = (string)header.Value!;
        }
        try
        {
            return new WeChatPayCertificateDownload(DateTimeOffset.FromUnixTimeMilliseconds((long)at), lookup, (string)body!);
        }
        catch (Exception e) when (e is OverflowException || e is ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
