using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Benchmarks.Baselines;

/// <summary>
/// The RSA work of one APIv3 call written by hand with System.Security.Cryptography, as a developer without the
/// library would: sign <c>METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n</c> with a fresh nonce, check the answer's
/// four headers, its freshness and its signature over <c>TIMESTAMP\nNONCE\nBODY\n</c>.
/// </summary>
/// <remarks>
/// Made from the same <see cref="WeChatPayOptions"/> the client gets (merchant id, serial and private key, platform
/// keys by id, clock), so that both sides sign as the same merchant and trust the same platform key: the test keys
/// for the in-process benchmarks, the sandbox's throw-away keys (<c>WeChatPaySandbox.ClientOptions()</c>) over loopback.
/// </remarks>
internal sealed class BaselineCrypto
{
    private const string NonceAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private readonly string _merchantId;
    private readonly string _merchantSerial;
    private readonly RSA _merchantKey;
    private readonly Dictionary<string, RSA> _platformKeys;
    private readonly TimeProvider _clock;

    public BaselineCrypto(WeChatPayOptions options)
    {
        _merchantId = options.MerchantId;
        _merchantSerial = options.MerchantSerialNumber;
        _clock = options.TimeProvider ?? TimeProvider.System;
        _merchantKey = Load(options.MerchantPrivateKey);
        _platformKeys = new Dictionary<string, RSA>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in options.PlatformKeys)
            _platformKeys[pair.Key] = Load(pair.Value);
    }

    /// <summary>The <c>Authorization</c> header value for one request.</summary>
    public string Authorization(string method, string pathAndQuery, string body)
    {
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetString(NonceAlphabet, 32);
        var message = method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
        var signature = Convert.ToBase64String(_merchantKey.SignData(Encoding.UTF8.GetBytes(message), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        return "WECHATPAY2-SHA256-RSA2048 mchid=\"" + _merchantId + "\",serial_no=\"" + _merchantSerial +
               "\",timestamp=\"" + timestamp + "\",nonce_str=\"" + nonce + "\",signature=\"" + signature + "\"";
    }

    /// <summary>Throws unless the answer's headers and signature check out.</summary>
    public void Verify(string? timestamp, string? nonce, string? signature, string? serial, byte[] body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(serial))
            throw new InvalidOperationException("A Wechatpay-* header is missing.");
        var skew = _clock.GetUtcNow().ToUnixTimeSeconds() - long.Parse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture);
        if (Math.Abs(skew) > 300)
            throw new InvalidOperationException("Wechatpay-Timestamp is stale.");
        if (!_platformKeys.TryGetValue(serial, out var key))
            throw new InvalidOperationException("Unknown Wechatpay-Serial.");
        var head = Encoding.UTF8.GetBytes(timestamp + "\n" + nonce + "\n");
        var message = new byte[head.Length + body.Length + 1];
        head.CopyTo(message, 0);
        body.CopyTo(message, head.Length);
        message[message.Length - 1] = (byte)'\n';
        if (!key.VerifyData(message, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            throw new InvalidOperationException("The answer's signature does not verify.");
    }

    // PEM text (the sandbox hands keys out as text) or a PEM file path (the test keys): a private or public key.
    private static RSA Load(string pemOrPath)
    {
        var pem = pemOrPath.Contains("-----BEGIN", StringComparison.Ordinal) ? pemOrPath : File.ReadAllText(pemOrPath);
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }
}
