namespace WeChatPay.Chain.Crypto;

/// <summary>The two ways APIv2 signs a set of fields with the APIv2 key, named by a <c>sign_type</c> (or <c>signType</c>) field.</summary>
internal enum ApiV2SignType
{
    /// <summary><c>MD5</c>, the default when no sign type is given: upper-case hex MD5 of the string to sign.</summary>
    Md5,

    /// <summary><c>HMAC-SHA256</c>: upper-case hex HMAC-SHA256 of the string to sign, keyed with the APIv2 key.</summary>
    HmacSha256,
}
