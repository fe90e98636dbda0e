using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// Checks a request's <c>Authorization</c> as WeChat Pay does: the merchant's scheme (RSA or 国密) and fields, merchant id, merchant serial,
/// ±300 s, the signature over <c>METHOD\nTARGET\nTIMESTAMP\nNONCE\nBODY\n</c> (the sandbox's own
/// <see cref="SignedMessage.Request"/>, not the client's), and no nonce replayed within the window. Failures are 401 SIGN_ERROR with
/// <c>detail.sign_information</c>.
/// </summary>
internal sealed class AuthorizationCheck
{
    /// <summary>The accepted distance between a request timestamp and the clock, as WeChat Pay allows.</summary>
    public const int WindowSeconds = SignedMessage.WindowSeconds;

    private const int TruncateAt = 256;

    private readonly SandboxKeys _keys;
    private readonly NonceStore _nonces;
    private readonly TimeProvider _clock;

    public AuthorizationCheck(SandboxKeys keys, NonceStore nonces, TimeProvider clock)
    {
        _keys = keys;
        _nonces = nonces;
        _clock = clock;
    }

    /// <summary>Runs the checks in order, adding each one that passes; returns the rejection of the first that fails, or null.</summary>
    /// <param name="method">The request method.</param>
    /// <param name="target">The request target exactly as on the request line (path and query).</param>
    /// <param name="signedBody">The signed body text: the body, or the <c>meta</c> part of an upload.</param>
    /// <param name="header">The <c>Authorization</c> header.</param>
    /// <param name="passed">Receives the checks that passed.</param>
    public Rejection? Check(string method, string target, string signedBody, string? header, List<SandboxCheck> passed)
    {
        if (!AuthorizationHeader.TryParse(header, _keys.Rules.Name, out var auth, out var fields, out var field, out var issue))
        {
            fields.TryGetValue("timestamp", out var ts);
            fields.TryGetValue("nonce_str", out var nonce);
            return SignError(SandboxCheck.Authorization, field, issue, method, target, ts, nonce, signedBody);
        }
        passed.Add(SandboxCheck.Authorization);

        Rejection Fail(SandboxCheck check, string name, string why) =>
            SignError(check, name, why, method, target, auth!.Timestamp, auth.Nonce, signedBody);

        if (!string.Equals(auth!.MerchantId, _keys.MerchantId, StringComparison.Ordinal))
            return Fail(SandboxCheck.MerchantId, "mchid", $"mchid {Printable(auth.MerchantId)} is not the merchant of this sandbox ({_keys.MerchantId})");
        passed.Add(SandboxCheck.MerchantId);

        if (!string.Equals(auth.SerialNumber, _keys.MerchantSerial, StringComparison.OrdinalIgnoreCase))
            return Fail(SandboxCheck.SerialNumber, "serial_no", $"serial_no {Printable(auth.SerialNumber)} is not the merchant certificate serial ({_keys.MerchantSerial})");
        passed.Add(SandboxCheck.SerialNumber);

        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        if (!long.TryParse(auth.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return Fail(SandboxCheck.Timestamp, "timestamp", "timestamp is not a number of Unix seconds");
        var skew = now - seconds;
        if (skew > WindowSeconds || skew < -WindowSeconds)
            return Fail(SandboxCheck.Timestamp, "timestamp",
                $"timestamp is {Math.Abs(skew)} s {(skew > 0 ? "in the past" : "in the future")}; the allowed window is ±{WindowSeconds} s");
        passed.Add(SandboxCheck.Timestamp);

        var message = SignedMessage.Request(method, target, auth.Timestamp, auth.Nonce, signedBody);
        if (!_keys.MerchantKey.Verify(Encoding.UTF8.GetBytes(message), auth.Signature))
            return Fail(SandboxCheck.Signature, "signature",
                "the signature does not verify with the merchant public key over the message in detail.sign_information");
        passed.Add(SandboxCheck.Signature);

        if (!_nonces.TryAdd(auth.Nonce, seconds, now))
            return Fail(SandboxCheck.Nonce, "nonce_str", $"nonce_str was already used by a request that is still within the ±{WindowSeconds} s window (a replayed request)");
        passed.Add(SandboxCheck.Nonce);
        return null;
    }

    private static Rejection SignError(SandboxCheck check, string field, string issue, string method, string target,
        string? timestamp, string? nonce, string signedBody)
    {
        var message = SignedMessage.Request(method, target, timestamp ?? string.Empty, nonce ?? string.Empty, signedBody);
        var detail = new JObject
        {
            ["field"] = field,
            ["location"] = "authorization",
            ["issue"] = issue,
            ["sign_information"] = new JObject
            {
                ["method"] = method,
                ["url"] = target,
                ["truncated_sign_message"] = message.Length > TruncateAt ? message.Substring(0, TruncateAt) : message,
                ["sign_message_length"] = Encoding.UTF8.GetByteCount(message),
            },
        };
        return new Rejection(401, "SIGN_ERROR", "签名错误 (signature error): " + issue, check, field, detail);
    }

    // Values sent back in the answer: ids only, clipped and printable.
    private static string Printable(string value)
    {
        var clipped = value.Length > 48 ? value.Substring(0, 48) + "…" : value;
        var text = new StringBuilder(clipped.Length);
        foreach (var c in clipped) text.Append(c < ' ' || c == '"' ? '?' : c);
        return text.ToString();
    }
}
