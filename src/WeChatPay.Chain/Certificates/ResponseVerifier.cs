using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using WeChatPay.Chain.Certificates;

namespace WeChatPay.Chain.Certificates;

/// <summary>Checks a signed answer or callback: the four <c>Wechatpay-*</c> headers, freshness within ±300 s, the key by serial, and the signature over <c>TIMESTAMP\nNONCE\nBODY\n</c>.</summary>
internal sealed class ResponseVerifier
{
    /// <summary>The largest accepted distance between the clock and <c>Wechatpay-Timestamp</c>.</summary>
    public const int MaxClockSkewSeconds = 300;

    private readonly TimeProvider _clock;
    private readonly Crypto.Scheme? _scheme;

    /// <param name="clock">The clock the timestamp is checked against.</param>
    /// <param name="scheme">The merchant's scheme, which a <c>Wechatpay-Signature-Type</c> must name; null to compare it with the key's scheme only.</param>
    public ResponseVerifier(TimeProvider clock, Crypto.Scheme? scheme = null)
    {
        _clock = clock;
        _scheme = scheme;
    }

    /// <summary>Checks a message whose <c>Wechatpay-*</c> headers are in <paramref name="headers"/> (names compared as the dictionary does).</summary>
    public bool TryVerify(PlatformKeyStore keys, IReadOnlyDictionary<string, string> headers, byte[] body, out SignatureCheck failedCheck, out string reason)
    {
        headers.TryGetValue("Wechatpay-Timestamp", out var timestamp);
        headers.TryGetValue("Wechatpay-Nonce", out var nonce);
        headers.TryGetValue("Wechatpay-Signature", out var signature);
        headers.TryGetValue("Wechatpay-Serial", out var serial);
        headers.TryGetValue("Wechatpay-Signature-Type", out var signatureType);
        return TryVerify(keys, timestamp, nonce, signature, serial, body, out failedCheck, out reason, signatureType);
    }

    /// <summary>
    /// Runs every check in order; on failure says which one failed and why (never throws for bad input). A
    /// <c>Wechatpay-Signature-Type</c>, when given, must name the merchant's scheme (before any key is looked up: an answer
    /// of the other scheme is no reason to download certificates) and the scheme of the key the serial names.
    /// </summary>
    public bool TryVerify(PlatformKeyStore keys, string? timestamp, string? nonce, string? signature, string? serial, byte[] body,
        out SignatureCheck failedCheck, out string reason, string? signatureType = null)
    {
        failedCheck = SignatureCheck.MissingHeader;
        var missing = string.IsNullOrEmpty(timestamp) ? "Wechatpay-Timestamp"
            : string.IsNullOrEmpty(nonce) ? "Wechatpay-Nonce"
            : string.IsNullOrEmpty(signature) ? "Wechatpay-Signature"
            : string.IsNullOrEmpty(serial) ? "Wechatpay-Serial"
            : null;
        if (missing != null)
        {
            reason = $"the {missing} header is missing or empty";
            return false;
        }

        failedCheck = SignatureCheck.Timestamp;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            reason = "Wechatpay-Timestamp is not a number of Unix seconds";
            return false;
        }
        var now = _clock.GetUtcNow();
        var skew = now.ToUnixTimeSeconds() - seconds;
        if (skew > MaxClockSkewSeconds || skew < -MaxClockSkewSeconds)
        {
            reason = $"Wechatpay-Timestamp is {Math.Abs(skew)} s {(skew > 0 ? "in the past" : "in the future")} (allowed: {MaxClockSkewSeconds} s); check this machine's clock, or the answer was replayed";
            return false;
        }

        failedCheck = SignatureCheck.Signature;
        if (signatureType is not null && _scheme is not null && signatureType != _scheme.Name)
        {
            reason = $"Wechatpay-Signature-Type is {signatureType}, but this client's merchant uses {_scheme.Name} (the scheme of MerchantPrivateKey), " +
                "and a message signed with another scheme is not accepted: if WeChat Pay signs for this merchant with another scheme, configure " +
                "the merchant key and platform keys of that scheme; otherwise check BaseUrl";
            return false;
        }

        failedCheck = SignatureCheck.UnknownSerial;
        if (!keys.TryGet(serial!, out var key))
        {
            reason = $"Wechatpay-Serial {serial} names no platform key the client holds (holding: {(keys.IsEmpty ? "none" : string.Join(", ", keys.Ids))})";
            return false;
        }
        if (key.NotAfter <= now)
        {
            reason = $"Wechatpay-Serial {serial} names a platform certificate that expired on {key.NotAfter:yyyy-MM-dd HH:mm} UTC";
            return false;
        }

        failedCheck = SignatureCheck.Signature;
        if (signatureType is not null && signatureType != key.Scheme.Name)
        {
            reason = $"Wechatpay-Signature-Type is {signatureType}, but the key {serial} is a {key.Scheme.Name} key: this client's merchant uses " +
                $"{key.Scheme.Name}; an answer signed with another scheme is not accepted";
            return false;
        }
        if (signature!.StartsWith(Crypto.VerifyingKey.SignTestPrefix, StringComparison.Ordinal))
        {
            reason = "the signature is a WECHATPAY/SIGNTEST/ probe: WeChat Pay checks that clients reject bad signatures";
            return false;
        }
        if (!key.Verify(Message(timestamp!, nonce!, body), signature))
        {
            reason = $"the signature does not match the answer for key {serial}";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    /// <summary>The signed message bytes: <c>TIMESTAMP\nNONCE\n</c>, the body bytes as received, <c>\n</c>.</summary>
    public static byte[] Message(string timestamp, string nonce, byte[] body)
    {
        var head = Encoding.UTF8.GetBytes(timestamp + "\n" + nonce + "\n");
        var message = new byte[head.Length + body.Length + 1];
        Buffer.BlockCopy(head, 0, message, 0, head.Length);
        Buffer.BlockCopy(body, 0, message, head.Length, body.Length);
        message[message.Length - 1] = (byte)'\n';
        return message;
    }
}
