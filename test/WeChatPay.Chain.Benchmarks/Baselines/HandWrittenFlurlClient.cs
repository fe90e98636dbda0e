using System;
using System.Net.Http;
using System.Threading.Tasks;
using Flurl.Http;
using Newtonsoft.Json;

namespace WeChatPay.Chain.Benchmarks.Baselines;

/// <summary>
/// The same hand-written work as <see cref="HandWrittenClient"/>, sent through Flurl instead of a bare HttpClient:
/// the cost of Flurl itself, which the library builds on.
/// </summary>
internal sealed class HandWrittenFlurlClient : IDisposable
{
    private static readonly JsonSerializerSettings Json = new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore };

    private readonly FlurlClient _flurl;
    private readonly BaselineCrypto _crypto;

    public HandWrittenFlurlClient(FlurlClient flurl, WeChatPayOptions options)
    {
        _flurl = flurl;
        _flurl.Settings.AllowedHttpStatusRange = "*";
        _crypto = new BaselineCrypto(options);
    }

    public Task<byte[]> PostAsync(string path, object body) =>
        SendAsync(HttpMethod.Post, "/" + path, JsonConvert.SerializeObject(body, Json));

    public Task<byte[]> GetAsync(string path, string name, string value) =>
        SendAsync(HttpMethod.Get, "/" + path + "?" + Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value), null);

    private async Task<byte[]> SendAsync(HttpMethod method, string pathAndQuery, string? body)
    {
        var request = _flurl.Request(pathAndQuery.Substring(1))
            .WithHeader("Authorization", _crypto.Authorization(method.Method, pathAndQuery, body ?? string.Empty))
            .WithHeader("Accept", "application/json")
            .WithHeader("User-Agent", "HandWritten/1.0");
        using var response = body is null
            ? await request.SendAsync(method).ConfigureAwait(false)
            : await request.WithHeader("Content-Type", "application/json").SendStringAsync(method, body).ConfigureAwait(false);
        var bytes = await response.GetBytesAsync().ConfigureAwait(false);
        if (response.StatusCode < 200 || response.StatusCode > 299)
            throw new HttpRequestException($"{method} {pathAndQuery} failed with {response.StatusCode}.");
        var headers = response.Headers;
        headers.TryGetFirst("Wechatpay-Timestamp", out var timestamp);
        headers.TryGetFirst("Wechatpay-Nonce", out var nonce);
        headers.TryGetFirst("Wechatpay-Signature", out var signature);
        headers.TryGetFirst("Wechatpay-Serial", out var serial);
        _crypto.Verify(timestamp, nonce, signature, serial, bytes);
        return bytes;
    }

    public void Dispose() => _flurl.Dispose();
}
