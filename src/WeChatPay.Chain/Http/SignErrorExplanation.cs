using System;
using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Http;

/// <summary>
/// Why WeChat Pay answered <c>401 SIGN_ERROR</c>: its <c>detail.sign_information</c> says what it verified (method, URL, the
/// start and the length of the message); the client knows what it signed. The first difference found is the cause, said
/// with what to do. Only the method, the path, the names of query parameters (never their values), lengths and times
/// are named: nothing a request carries in its body or query values.
/// </summary>
internal static class SignErrorExplanation
{
    private const int WindowSeconds = 300;

    /// <summary>The explanation, or null when the answer carries no sign_information to compare with.</summary>
    public static string? For(PreparedCall call, JToken? signInformation, System.Collections.Generic.IReadOnlyDictionary<string, string> headers, string merchantSerial)
    {
        if (signInformation is not JObject info) return null;
        var method = Text(info["method"]);
        var url = Text(info["url"]);
        var truncated = Text(info["truncated_sign_message"]);
        var length = info["sign_message_length"] is JValue { Type: JTokenType.Integer } n ? Convert.ToInt64(n.Value, CultureInfo.InvariantCulture) : (long?)null;

        if (method is not null && !string.Equals(method, call.Method.Method, StringComparison.Ordinal))
            return $"WeChat Pay verified a {method} but the client signed a {call.Method.Method}: something between this client and WeChat Pay changed the method";
        if (url is not null && !string.Equals(url, call.Target, StringComparison.Ordinal))
            return $"WeChat Pay verified `{method ?? call.Method.Method} {Shape(url)}` but the client signed `{call.Method.Method} {Shape(call.Target)}`: " +
                $"something between this client and WeChat Pay (a proxy, a gateway) rewrote the request target{Difference(url, call.Target)}";

        var lines = truncated?.Split('\n');
        if (lines is { Length: >= 4 } && long.TryParse(lines[2], NumberStyles.None, CultureInfo.InvariantCulture, out var signedAt)
            && ServerTime(headers) is { } serverNow && Math.Abs(serverNow - signedAt) > WindowSeconds)
        {
            var skew = signedAt - serverNow;
            return $"the request was signed at {Time(signedAt)} but WeChat Pay's clock read {Time(serverNow)}: this machine's clock is " +
                $"{Math.Abs(skew)} s {(skew > 0 ? "ahead" : "behind")}, beyond the ±{WindowSeconds} s WeChat Pay allows; set it right (NTP)";
        }

        if (lines is { Length: >= 4 } && length is { } verified)
        {
            var signed = Encoding.UTF8.GetByteCount(RequestSigner.Message(call.Method.Method, call.Target, lines[2], lines[3], call.Body ?? string.Empty));
            if (verified != signed)
                return $"WeChat Pay verified a message of {verified} bytes but the client signed {signed}: the body was changed on its way " +
                    "(a proxy re-encoded, reformatted or decompressed it); send it unchanged";
        }

        return $"WeChat Pay verified the message the client signed, so the signature itself does not match: WeChat Pay checks it with " +
            $"the certificate of MerchantSerialNumber {merchantSerial}; check that MerchantPrivateKey is that certificate's private key " +
            "(apiclient_key.pem of the same download) and that the serial is the certificate's, not an older one";
    }

    // The path with the query's names and their order, values left out.
    private static string Shape(string target)
    {
        var query = target.IndexOf('?');
        if (query < 0) return target;
        var names = target.Substring(query + 1).Split('&');
        for (var i = 0; i < names.Length; i++)
        {
            var equals = names[i].IndexOf('=');
            names[i] = (equals < 0 ? names[i] : names[i].Substring(0, equals)) + "=…";
        }
        return target.Substring(0, query + 1) + string.Join("&", names);
    }

    private static string Difference(string verified, string signed)
    {
        if (Shape(verified) != Shape(signed)) return string.Empty;
        return " (the same names in the same order: a value was re-escaped or changed)";
    }

    // The server's clock: the answer's Wechatpay-Timestamp, else its Date header.
    private static long? ServerTime(System.Collections.Generic.IReadOnlyDictionary<string, string> headers)
    {
        if (headers.TryGetValue("Wechatpay-Timestamp", out var stamp) && long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return seconds;
        if (headers.TryGetValue("Date", out var date) && DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at.ToUnixTimeSeconds();
        return null;
    }

    private static string Time(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string? Text(JToken? token) => token is JValue { Type: JTokenType.String } value ? (string?)value.Value : null;
}
