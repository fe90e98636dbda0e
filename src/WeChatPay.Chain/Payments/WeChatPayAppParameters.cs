using Newtonsoft.Json;

namespace WeChatPay.Chain;

/// <summary>
/// What an app's OpenSDK <c>PayReq</c> needs to start a payment: the six fields and <see cref="Sign"/>, the merchant's
/// SHA256withRSA signature over <c>appid\ntimestamp\nnoncestr\nprepayid\n</c> (<c>partnerid</c> and <c>package</c> are sent
/// but not signed). Serialised (<see cref="ToJson"/>) with exactly the documented names.
/// </summary>
public sealed class WeChatPayAppParameters
{
    internal WeChatPayAppParameters(string appId, string partnerId, string prepayId, string nonceStr, string timestamp, string sign)
    {
        AppId = appId;
        PartnerId = partnerId;
        PrepayId = prepayId;
        NonceStr = nonceStr;
        Timestamp = timestamp;
        Sign = sign;
    }

    /// <summary><c>appid</c>: the mobile app's AppID the order was placed for.</summary>
    [JsonProperty("appid")]
    public string AppId { get; }

    /// <summary><c>partnerid</c>: the merchant id (the sub-merchant's, for a service provider's sub-merchant).</summary>
    [JsonProperty("partnerid")]
    public string PartnerId { get; }

    /// <summary><c>prepayid</c>: the <c>prepay_id</c> of the order.</summary>
    [JsonProperty("prepayid")]
    public string PrepayId { get; }

    /// <summary><c>package</c>: always <c>Sign=WXPay</c>.</summary>
    [JsonProperty("package")]
    public string Package => "Sign=WXPay";

    /// <summary><c>noncestr</c>: 32 random characters of <c>[0-9A-Za-z]</c>.</summary>
    [JsonProperty("noncestr")]
    public string NonceStr { get; }

    /// <summary><c>timestamp</c>: Unix seconds, as text.</summary>
    [JsonProperty("timestamp")]
    public string Timestamp { get; }

    /// <summary><c>sign</c>: base64 SHA256withRSA with the merchant private key over <c>appid\ntimestamp\nnoncestr\nprepayid\n</c>.</summary>
    [JsonProperty("sign")]
    public string Sign { get; }

    /// <summary>The seven fields as one JSON object, for the app.</summary>
    public string ToJson() => JsonConvert.SerializeObject(this);
}
