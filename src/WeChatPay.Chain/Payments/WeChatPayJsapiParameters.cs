using Newtonsoft.Json;

namespace WeChatPay.Chain;

/// <summary>
/// What a JSAPI page (<c>WeixinJSBridge.invoke("getBrandWCPayRequest", …)</c>) or a mini-program (<c>wx.requestPayment</c>)
/// needs to start a payment: the five fields and <see cref="PaySign"/>, the merchant's SHA256withRSA signature over
/// <c>appId\ntimeStamp\nnonceStr\npackage\n</c>. Serialised (<see cref="ToJson"/>) with exactly the documented names.
/// </summary>
public sealed class WeChatPayJsapiParameters
{
    internal WeChatPayJsapiParameters(string appId, string timeStamp, string nonceStr, string package, string paySign)
    {
        AppId = appId;
        TimeStamp = timeStamp;
        NonceStr = nonceStr;
        Package = package;
        PaySign = paySign;
    }

    /// <summary><c>appId</c>: the official account's or mini-program's AppID the order was placed for.</summary>
    [JsonProperty("appId")]
    public string AppId { get; }

    /// <summary><c>timeStamp</c>: Unix seconds, as text.</summary>
    [JsonProperty("timeStamp")]
    public string TimeStamp { get; }

    /// <summary><c>nonceStr</c>: 32 random characters of <c>[0-9A-Za-z]</c>.</summary>
    [JsonProperty("nonceStr")]
    public string NonceStr { get; }

    /// <summary><c>package</c>: <c>prepay_id=…</c>.</summary>
    [JsonProperty("package")]
    public string Package { get; }

    /// <summary><c>signType</c>: always <c>RSA</c> (not signed).</summary>
    [JsonProperty("signType")]
    public string SignType => "RSA";

    /// <summary><c>paySign</c>: base64 SHA256withRSA with the merchant private key over <c>appId\ntimeStamp\nnonceStr\npackage\n</c>.</summary>
    [JsonProperty("paySign")]
    public string PaySign { get; }

    /// <summary>The six fields as one JSON object, for the page or mini-program.</summary>
    public string ToJson() => JsonConvert.SerializeObject(this);
}
