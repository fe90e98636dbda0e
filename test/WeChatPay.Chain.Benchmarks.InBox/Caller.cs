using System;
using System.Globalization;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Benchmarks.InBox;

/// <summary>Signs a JSON POST or a GET as APIv3 wants (WECHATPAY2-SHA256-RSA2048) and verifies the answer's signature and clock.</summary>
internal sealed class Caller
{
    private readonly HttpClient _http;
    private readonly RSA _merchantKey;
    private readonly RSA _platformKey;
    private readonly string _merchantId;
    private readonly string _merchantSerial;
    private readonly string _platformKeyId;

    /// <summary>A caller as the benchmarks' keys configure it (the merchant's serial and the platform key's id of test/keys).</summary>
    public Caller(HttpClient http, RSA merchantKey, RSA platformKey)
        : this(http, merchantKey, platformKey, "1900000001", "5D61E8146D1C1CF31D6A2847982DBA1FA53E5B24", "PUB_KEY_ID_0114232134912410000000000000")
    {
    }

    public Caller(HttpClient http, RSA merchantKey, RSA platformKey, string merchantId, string merchantSerial, string platformKeyId)
    {
        _http = http;
        _merchantKey = merchantKey;
        _platformKey = platformKey;
        _merchantId = merchantId;
        _merchantSerial = merchantSerial;
        _platformKeyId = platformKeyId;
    }

    public Task<byte[]> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<byte[]> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    private async Task<byte[]> SendAsync(HttpMethod method, string path, string? json)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var message = Encoding.UTF8.GetBytes(method.Method + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + json + "\n");
        var signature = Convert.ToBase64String(_merchantKey.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization",
            $"WECHATPAY2-SHA256-RSA2048 mchid=\"{_merchantId}\",nonce_str=\"{nonce}\",signature=\"{signature}\",timestamp=\"{timestamp}\",serial_no=\"{_merchantSerial}\"");
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{method.Method} {path} answered {(int)response.StatusCode}");

        var answeredAt = long.Parse(Header(response, "Wechatpay-Timestamp"), CultureInfo.InvariantCulture);
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - answeredAt) > 300) throw new InvalidOperationException("the answer's clock is more than 5 minutes off");
        if (Header(response, "Wechatpay-Serial") != _platformKeyId) throw new InvalidOperationException("the answer is signed with an unknown key");
        var signed = Encoding.UTF8.GetBytes(Header(response, "Wechatpay-Timestamp") + "\n" + Header(response, "Wechatpay-Nonce") + "\n" + Encoding.UTF8.GetString(body) + "\n");
        if (!_platformKey.VerifyData(signed, Convert.FromBase64String(Header(response, "Wechatpay-Signature")), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            throw new CryptographicException("the answer's signature does not verify");
        return body;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new InvalidOperationException("the answer has no " + name);
}
