using System.Collections.Generic;

namespace WeChatPay.Chain;

/// <summary>Per-call extras: path template values, query parameters and headers.</summary>
public sealed class WeChatPayRequestOptions
{
    /// <summary>Values for the path's <c>{placeholders}</c>: an anonymous object or a dictionary, e.g. <c>new { out_trade_no = "1217752501201407033233368018" }</c>.</summary>
    public object? PathValues { get; set; }

    /// <summary>Query parameters: an anonymous object or a dictionary; null values are left out.</summary>
    public object? Query { get; set; }

    /// <summary>Extra request headers: a dictionary, or an anonymous object whose underscores become hyphens (<c>Wechatpay_Serial</c> → <c>Wechatpay-Serial</c>).</summary>
    public object? Headers { get; set; }

    /// <summary>Overrides <see cref="WeChatPayOptions.AutoEncryption"/> for this call; null keeps the client's setting.</summary>
    public bool? AutoEncryption { get; set; }

    /// <summary>More request body fields to encrypt in this call, as dotted paths (<c>identity.real_name</c>, <c>receivers[].name</c>).</summary>
    public IEnumerable<string>? EncryptFields { get; set; }

    /// <summary>More response body fields to decrypt with the merchant key in this call, as dotted paths
    /// (<c>account_no</c>, <c>list[].name</c>); a path that cannot be read is refused before the call is sent.</summary>
    public IEnumerable<string>? DecryptFields { get; set; }

    /// <summary>Overrides <see cref="WeChatPayOptions.Validate"/> for this call; null keeps the client's setting.</summary>
    public bool? Validate { get; set; }
}
