using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>
/// APIv2 requests made by the tests' own code (not the client's, not the sandbox's): sign as WeChat Pay documents
/// (fields by byte order, empty values and <c>sign</c> left out, <c>&amp;key=</c>, upper-case hex of MD5 or
/// HMAC-SHA256), write the flat <c>&lt;xml&gt;</c>, post it raw, read the answer's fields.
/// </summary>
public static class V2Requests
{
    public static string Sign(IEnumerable<KeyValuePair<string, string>> fields, string key, string signType = "MD5")
    {
        var text = string.Join("&", fields.Where(f => f.Key != "sign" && f.Value.Length > 0)
            .OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value)) + "&key=" + key;
        var bytes = Encoding.UTF8.GetBytes(text);
        return Convert.ToHexString(signType == "HMAC-SHA256" ? HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), bytes) : MD5.HashData(bytes));
    }

    /// <summary>The fields with a fresh <c>nonce_str</c> (unless <paramref name="nonce"/> is false) and their <c>sign</c>.</summary>
    public static Dictionary<string, string> Signed(Dictionary<string, string> fields, string key, string? signType = null, bool nonce = true)
    {
        var signed = new Dictionary<string, string>(fields, StringComparer.Ordinal);
        if (nonce) signed["nonce_str"] = RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 32);
        if (signType != null) signed["sign_type"] = signType;
        signed["sign"] = Sign(signed, key, signType ?? "MD5");
        return signed;
    }

    public static string Xml(IReadOnlyDictionary<string, string> fields) =>
        new XElement("xml", fields.Select(f => new XElement(f.Key, f.Value))).ToString(SaveOptions.DisableFormatting);

    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/> (no leading slash); the answer's status, media type and bytes, as sent.</summary>
    /// <param name="baseUrl">The sandbox's address.</param>
    /// <param name="path">The URL path without leading slash.</param>
    /// <param name="body">The XML.</param>
    /// <param name="handler">The handler to send through (the sandbox's TLS one, which decompresses nothing), not disposed; null for a plain one.</param>
    public static async Task<(int Status, string? MediaType, byte[] Body)> PostRawAsync(string baseUrl, string path, string body, HttpMessageHandler? handler = null)
    {
        using var http = handler is null
            ? new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None })
            : new HttpClient(handler, disposeHandler: false);
        using var content = new StringContent(body, Encoding.UTF8, "text/xml");
        using var response = await http.PostAsync(new Uri(new Uri(baseUrl), path), content);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/> (no leading slash); the answer's status and flat fields.</summary>
    /// <param name="baseUrl">The sandbox's address.</param>
    /// <param name="path">The URL path without leading slash.</param>
    /// <param name="body">The XML.</param>
    /// <param name="handler">The handler to send through (the sandbox's TLS one), not disposed; null for a plain one.</param>
    public static async Task<(int Status, Dictionary<string, string> Fields)> PostAsync(string baseUrl, string path, string body, HttpMessageHandler? handler = null)
    {
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        using var content = new StringContent(body, Encoding.UTF8, "text/xml");
        using var response = await http.PostAsync(new Uri(new Uri(baseUrl), path), content);
        var text = await response.Content.ReadAsStringAsync();
        var fields = XDocument.Parse(text).Root!.Elements().ToDictionary(e => e.Name.LocalName, e => e.Value, StringComparer.Ordinal);
        return ((int)response.StatusCode, fields);
    }
}
