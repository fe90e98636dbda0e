using System;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Org.BouncyCastle.Crypto.Parameters;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>Hand-made 国密 requests to a sandbox: signed by the test's own SM2 code with the key of the sandbox's client configuration.</summary>
internal sealed class SmRequests : IDisposable
{
    public const string Scheme = "WECHATPAY2-SM2-WITH-SM3";

    private readonly HttpClient http;

    public SmRequests(WeChatPayOptions options)
    {
        Options = options;
        MerchantKey = Sm2TestCrypto.PrivateKey(options.MerchantPrivateKey);
        http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(options.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
    }

    public WeChatPayOptions Options { get; }

    public ECPrivateKeyParameters MerchantKey { get; }

    /// <summary>The platform key the configuration names <paramref name="id"/>.</summary>
    public ECPublicKeyParameters PlatformKey(string id) => Sm2TestCrypto.PublicKey(Options.PlatformKeys[id]);

    public static string Nonce() => RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 32);

    /// <summary>The message of a request: <c>METHOD\nTARGET\nTIMESTAMP\nNONCE\nBODY\n</c>.</summary>
    public static string Message(string method, string target, string timestamp, string nonce, string body) =>
        method + "\n" + target + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";

    /// <summary>An Authorization header of the 国密 scheme (the official guide's field order), signed with the given ID.</summary>
    public string Authorize(string method, string target, string body, string id = Sm2TestCrypto.WeChatPayId)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var nonce = Nonce();
        var signature = Sm2TestCrypto.Sign(MerchantKey, Message(method, target, timestamp, nonce, body), id);
        return $"{Scheme} mchid=\"{Options.MerchantId}\",nonce_str=\"{nonce}\",timestamp=\"{timestamp}\",serial_no=\"{Options.MerchantSerialNumber}\",signature=\"{signature}\"";
    }

    public async Task<(int Status, JObject? Body, HttpResponseMessage Response, byte[] Bytes)> SendAsync(string method, string target, string body, string? authorization,
        string? serial = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), target.TrimStart('/'));
        if (method != "GET") request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (authorization != null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (serial != null) request.Headers.TryAddWithoutValidation("Wechatpay-Serial", serial);
        var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return ((int)response.StatusCode, bytes.Length == 0 ? null : JObject.Parse(Encoding.UTF8.GetString(bytes)), response, bytes);
    }

    public Task<(int Status, JObject? Body, HttpResponseMessage Response, byte[] Bytes)> SendSignedAsync(string method, string target, string body = "", string? serial = null) =>
        SendAsync(method, target, body, Authorize(method, target, method == "GET" ? string.Empty : body), serial);

    /// <summary>Whether an answer's or callback's <c>Wechatpay-*</c> headers verify with the platform key they name, over <c>TIMESTAMP\nNONCE\nBODY\n</c>.</summary>
    public bool AnswerVerifies(Func<string, string> header, byte[] body)
    {
        var head = Encoding.UTF8.GetBytes(header("Wechatpay-Timestamp") + "\n" + header("Wechatpay-Nonce") + "\n");
        var message = head.Concat(body).Append((byte)'\n').ToArray();
        return Sm2TestCrypto.Verify(PlatformKey(header("Wechatpay-Serial")), message, header("Wechatpay-Signature"));
    }

    public static Func<string, string> Headers(HttpResponseMessage response) => name => response.Headers.GetValues(name).Single();

    public void Dispose() => http.Dispose();
}
