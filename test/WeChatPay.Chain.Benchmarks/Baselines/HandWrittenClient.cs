using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace WeChatPay.Chain.Benchmarks.Baselines;

/// <summary>
/// The hand-written baseline: Newtonsoft to serialize, <see cref="BaselineCrypto"/> to sign and verify,
/// <see cref="HttpClient"/> to send. No chain, no catalog, no Flurl: the least a correct caller has to do.
/// </summary>
internal sealed class HandWrittenClient : IDisposable
{
    private static readonly JsonSerializerSettings Json = new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore };

    private readonly HttpClient _http;
    private readonly BaselineCrypto _crypto;

    /// <summary>A baseline sending through <paramref name="http"/>, signing and verifying with the keys of <paramref name="options"/>.</summary>
    public HandWrittenClient(HttpClient http, WeChatPayOptions options)
    {
        _http = http;
        _crypto = new BaselineCrypto(options);
    }

    /// <summary>POSTs <paramref name="body"/> as JSON to <paramref name="path"/> (no leading slash) and returns the verified answer body.</summary>
    public Task<byte[]> PostAsync(string path, object body) =>
        SendAsync(HttpMethod.Post, "/" + path, JsonConvert.SerializeObject(body, Json));

    /// <summary>GETs <paramref name="path"/> with one escaped query parameter and returns the verified answer body.</summary>
    public Task<byte[]> GetAsync(string path, string name, string value) =>
        SendAsync(HttpMethod.Get, "/" + path + "?" + Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value), null);

    private async Task<byte[]> SendAsync(HttpMethod method, string pathAndQuery, string? body)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        request.Headers.TryAddWithoutValidation("Authorization", _crypto.Authorization(method.Method, pathAndQuery, body ?? string.Empty));
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", "HandWritten/1.0");
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {pathAndQuery} failed with {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        var headers = response.Headers;
        _crypto.Verify(First(headers, "Wechatpay-Timestamp"), First(headers, "Wechatpay-Nonce"), First(headers, "Wechatpay-Signature"), First(headers, "Wechatpay-Serial"), bytes);
        return bytes;
    }

    private static string? First(HttpResponseHeaders headers, string name)
    {
        if (!headers.TryGetValues(name, out var values)) return null;
        foreach (var value in values) return value;
        return null;
    }

    public void Dispose() => _http.Dispose();
}
