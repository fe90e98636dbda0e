using System.Text;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// Judges pay parameters as WeChat does before it starts a payment, with the sandbox's own code: the fields of the form
/// (JSAPI / mini-program: appId, timeStamp, nonceStr, package=prepay_id=…, signType=RSA, paySign; APP: appid, partnerid,
/// prepayid, package=Sign=WXPay, noncestr, timestamp, sign) and the SHA256withRSA signature over the signed fields, each
/// followed by a line feed, with the merchant public key. A 国密 merchant's parameters are refused: WeChat Pay documents
/// no pay signature other than SHA256withRSA.
/// </summary>
internal static class PayParameterCheck
{
    public static SandboxPaymentCheck Check(string json, SandboxKeys keys)
    {
        JObject? fields = null;
        try
        {
            fields = SandboxJson.Parse(json) as JObject;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // Not echoed: a parser's message quotes the input.
        }
        if (fields is null)
            return new SandboxPaymentCheck(false, "unknown", null, "the parameters are not a JSON object");
        if (fields["paySign"] is not null)
        {
            var appId = Text(fields, "appId");
            var timeStamp = Text(fields, "timeStamp");
            var nonceStr = Text(fields, "nonceStr");
            var package = Text(fields, "package");
            var prepayId = package is not null && package.StartsWith("prepay_id=", System.StringComparison.Ordinal) ? package.Substring("prepay_id=".Length) : null;
            var problem = Missing(("appId", appId), ("timeStamp", timeStamp), ("nonceStr", nonceStr), ("package", package), ("paySign", Text(fields, "paySign")))
                ?? (Text(fields, "signType") != "RSA" ? "signType is not RSA" : null)
                ?? (prepayId is null or { Length: 0 } ? "package is not prepay_id=…" : null)
                ?? (!long.TryParse(timeStamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _) ? "timeStamp is not Unix seconds" : null)
                ?? Signature(keys, Text(fields, "paySign")!, appId!, timeStamp!, nonceStr!, package!);
            return new SandboxPaymentCheck(problem is null, "jsapi", prepayId, problem);
        }
        if (fields["sign"] is not null)
        {
            var appId = Text(fields, "appid");
            var partnerId = Text(fields, "partnerid");
            var prepayId = Text(fields, "prepayid");
            var nonceStr = Text(fields, "noncestr");
            var timestamp = Text(fields, "timestamp");
            var problem = Missing(("appid", appId), ("partnerid", partnerId), ("prepayid", prepayId), ("noncestr", nonceStr), ("timestamp", timestamp), ("sign", Text(fields, "sign")))
                ?? (Text(fields, "package") != "Sign=WXPay" ? "package is not Sign=WXPay" : null)
                ?? (partnerId != keys.MerchantId ? $"partnerid is not the merchant id {keys.MerchantId}" : null)
                ?? (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _) ? "timestamp is not Unix seconds" : null)
                ?? Signature(keys, Text(fields, "sign")!, appId!, timestamp!, nonceStr!, prepayId!);
            return new SandboxPaymentCheck(problem is null, "app", prepayId, problem);
        }
        return new SandboxPaymentCheck(false, "unknown", null, "neither paySign (JSAPI, mini-program) nor sign (APP) is there");
    }

    private static string? Signature(SandboxKeys keys, string signature, params string[] lines)
    {
        if (keys.Scheme != SandboxScheme.Rsa)
            return "the merchant is a 国密 (SM2) one: WeChat Pay documents the pay signature as SHA256withRSA only, with an RSA merchant key";
        var message = new StringBuilder();
        foreach (var line in lines) message.Append(line).Append('\n');
        return keys.MerchantKey.Verify(Encoding.UTF8.GetBytes(message.ToString()), signature)
            ? null
            : "the signature does not verify with the merchant public key over the signed fields, each followed by a line feed";
    }

    private static string? Missing(params (string Name, string? Value)[] fields)
    {
        foreach (var (name, value) in fields)
            if (string.IsNullOrEmpty(value)) return $"{name} is missing or not a string";
        return null;
    }

    private static string? Text(JObject fields, string name) => fields[name] is { Type: JTokenType.String } token ? (string?)token : null;
}
