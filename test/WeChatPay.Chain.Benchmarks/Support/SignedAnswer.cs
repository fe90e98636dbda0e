using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Benchmarks.Support;

/// <summary>An answer body and its four <c>Wechatpay-*</c> headers, signed once at setup with the platform test key.</summary>
internal sealed class SignedAnswer
{
    public const string Nonce = "fZ3xAnswerNonce0000000000000000A";
    public const string RequestId = "08F0B6A8C5060A10C8B1E8A30518A09B0E20A1C10128A4DF0230D4A402-0";

    private SignedAnswer(byte[] body, string timestamp, string signature)
    {
        Body = body;
        Timestamp = timestamp;
        Signature = signature;
    }

    public byte[] Body { get; }
    public string Timestamp { get; }
    public string Signature { get; }
    public string Serial => BenchKeys.PublicKeyId;

    /// <summary>Signs <paramref name="json"/> at <see cref="BenchKeys.Now"/> with the platform RSA test key.</summary>
    public static SignedAnswer Create(string json, RSA platformKey) =>
        Create(json, message => Convert.ToBase64String(platformKey.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));

    /// <summary>Signs <paramref name="json"/> at <paramref name="at"/> with the platform RSA test key.</summary>
    public static SignedAnswer Create(string json, RSA platformKey, DateTimeOffset at) =>
        Create(json, message => Convert.ToBase64String(platformKey.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)), at);

    /// <summary>Signs <paramref name="json"/> at <see cref="BenchKeys.Now"/> (or <paramref name="at"/>) with <paramref name="sign"/> (message bytes to base64 signature).</summary>
    public static SignedAnswer Create(string json, Func<byte[], string> sign, DateTimeOffset? at = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = (at ?? BenchKeys.Now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var message = Encoding.UTF8.GetBytes(timestamp + "\n" + Nonce + "\n" + json + "\n");
        return new SignedAnswer(body, timestamp, sign(message));
    }

    /// <summary>The answer as the in-box caller reads it: <c>{"body": …, "headers": {…}}</c>.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(new
    {
        body = Encoding.UTF8.GetString(Body),
        headers = new System.Collections.Generic.Dictionary<string, string>
        {
            ["Request-ID"] = RequestId, ["Wechatpay-Nonce"] = Nonce, ["Wechatpay-Serial"] = Serial,
            ["Wechatpay-Signature"] = Signature, ["Wechatpay-Timestamp"] = Timestamp,
        },
    });

    /// <summary>A fresh response message carrying this answer (the caller disposes it).</summary>
    public HttpResponseMessage ToResponse(HttpRequestMessage request)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(Body),
        };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        response.Headers.TryAddWithoutValidation("Request-ID", RequestId);
        response.Headers.TryAddWithoutValidation("Wechatpay-Nonce", Nonce);
        response.Headers.TryAddWithoutValidation("Wechatpay-Serial", Serial);
        response.Headers.TryAddWithoutValidation("Wechatpay-Signature", Signature);
        response.Headers.TryAddWithoutValidation("Wechatpay-Timestamp", Timestamp);
        return response;
    }
}
