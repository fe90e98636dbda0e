namespace WeChatPay.Chain;

/// <summary>
/// The names under which the client reports every exchange with WeChat Pay through <c>System.Diagnostics</c> (net8.0 and
/// later): an <c>ActivitySource</c> (one client span per exchange) and a <c>Meter</c> with the instruments below.
/// OpenTelemetry picks them up with <c>AddSource(WeChatPayTelemetry.Name)</c> and <c>AddMeter(WeChatPayTelemetry.Name)</c>;
/// the library does not depend on it. Tags: <c>wechatpay.merchant_id</c>, <c>http.request.method</c>,
/// <c>wechatpay.operation</c> (the documented path template, <c>(undocumented)</c> otherwise), <c>http.response.status_code</c>,
/// <c>wechatpay.outcome</c>, <c>wechatpay.error_code</c>; spans also carry <c>wechatpay.request_id</c>. No value a request
/// carries is a tag.
/// </summary>
public static class WeChatPayTelemetry
{
    /// <summary>The name of the activity source and of the meter: <c>WeChatPay.Chain</c>.</summary>
    public const string Name = "WeChatPay.Chain";

    /// <summary>Counter of exchanges, every outcome.</summary>
    public const string Requests = "wechatpay.client.requests";

    /// <summary>Histogram of the time of an exchange, in seconds.</summary>
    public const string Duration = "wechatpay.client.request.duration";

    /// <summary>Counter of exchanges that did not succeed, by <c>wechatpay.outcome</c> and <c>wechatpay.error_code</c>.</summary>
    public const string Failures = "wechatpay.client.failures";

    /// <summary>
    /// Counter of the platform keys used, for the migration to public keys: each answer and callback verified and each
    /// request that named a key in <c>Wechatpay-Serial</c>, tagged <c>wechatpay.key_use</c> (<c>answer</c>, <c>callback</c>,
    /// <c>request</c>), <c>wechatpay.key_kind</c> (<c>certificate</c> or <c>public_key</c>) and <c>wechatpay.merchant_id</c>;
    /// and each download of the platform certificates (<c>wechatpay.key_use</c> <c>certificate_download</c>, kind <c>certificate</c>).
    /// </summary>
    public const string PlatformKeyUses = "wechatpay.client.platform_key.uses";

    /// <summary>The <c>wechatpay.operation</c> tag of a path the catalog does not document.</summary>
    public const string Undocumented = "(undocumented)";
}
