using System;
using System.Globalization;
using System.Text;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Http;

/// <summary>Builds the APIv3 <c>Authorization</c> header: the merchant key's signature (SHA256withRSA, or SM2 with SM3) over <c>METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n</c>, under the key's scheme name.</summary>
internal sealed class RequestSigner
{
    private readonly string _merchantId;
    private readonly string _serial;
    private readonly SigningKey _key;
    private readonly TimeProvider _clock;

    public RequestSigner(string merchantId, string serial, SigningKey key, TimeProvider clock)
    {
        _merchantId = merchantId;
        _serial = serial;
        _key = key;
        _clock = clock;
    }

    /// <summary>The nonce source (32 base62 characters from a CSPRNG); replaceable in tests only.</summary>
    internal Func<string> NonceSource { get; set; } = Nonce.Create;

    /// <summary>The merchant certificate serial the requests are signed under.</summary>
    public string Serial => _serial;

    /// <summary>Signs one request and returns the full <c>Authorization</c> header value.</summary>
    /// <param name="method">The HTTP method, upper case.</param>
    /// <param name="pathAndQuery">The path and query exactly as on the request line, e.g. <c>/v3/certificates</c>.</param>
    /// <param name="body">The exact body text sent (empty for none).</param>
    public string Authorize(string method, string pathAndQuery, string body)
    {
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = NonceSource();
        var signature = _key.Sign(Encoding.UTF8.GetBytes(Message(method, pathAndQuery, timestamp, nonce, body)));
        return _key.Scheme.Name + " mchid=\"" + _merchantId + "\",serial_no=\"" + _serial + "\",timestamp=\"" + timestamp +
               "\",nonce_str=\"" + nonce + "\",signature=\"" + signature + "\"";
    }

    /// <summary>The exact signed message; the trailing newline is always there.</summary>
    public static string Message(string method, string pathAndQuery, string timestamp, string nonce, string body) =>
        method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
}
