using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Shared;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Http;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>Hand-made requests to the sandbox, signed (or mis-signed) with the library's own signer.</summary>
internal sealed class RawRequests : IDisposable
{
    private readonly HttpClient http;
    private readonly WeChatPayOptions options;
    private readonly RsaPrivateKey merchantKey;

    public RawRequests(WeChatPayOptions options)
    {
        this.options = options;
        merchantKey = RsaPrivateKey.Load(options.MerchantPrivateKey, null, "merchant");
        http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(options.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
    }

    public RequestSigner Signer(string? merchantId = null, string? serial = null, TimeProvider? clock = null) =>
        new(merchantId ?? options.MerchantId, serial ?? options.MerchantSerialNumber, merchantKey, clock ?? TimeProvider.System);

    /// <summary>Sends <paramref name="method"/> <paramref name="target"/> with the body and Authorization given; returns status, parsed body and headers.</summary>
    public async Task<(int Status, JObject? Body, HttpResponseMessage Response)> SendAsync(string method, string target, string body, string? authorization)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), target.TrimStart('/'));
        if (method != "GET") request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (authorization != null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : (JObject)WeChatPayJson.Parse(text), response);
    }

    /// <summary>Signs with <paramref name="signer"/> exactly what is sent, then sends it.</summary>
    public Task<(int Status, JObject? Body, HttpResponseMessage Response)> SendSignedAsync(RequestSigner signer, string method, string target, string body = "") =>
        SendAsync(method, target, body, signer.Authorize(method, target, method == "GET" ? string.Empty : body));

    public void Dispose() => http.Dispose();
}
