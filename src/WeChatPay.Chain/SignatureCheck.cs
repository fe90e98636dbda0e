namespace WeChatPay.Chain;

/// <summary>The checks a signed WeChat Pay message must pass, in the order they run.</summary>
public enum SignatureCheck
{
    /// <summary>One of <c>Wechatpay-Timestamp</c>, <c>-Nonce</c>, <c>-Signature</c>, <c>-Serial</c> is missing or empty.</summary>
    MissingHeader,

    /// <summary><c>Wechatpay-Timestamp</c> is not a number, or more than 300 seconds away from now.</summary>
    Timestamp,

    /// <summary><c>Wechatpay-Serial</c> names no configured platform key.</summary>
    UnknownSerial,

    /// <summary>
    /// The signature does not match the message (includes <c>WECHATPAY/SIGNTEST/</c> probes and malformed base64), or
    /// <c>Wechatpay-Signature-Type</c> names another scheme than the merchant's (checked before the key is looked up).
    /// </summary>
    Signature,

    /// <summary>
    /// A callback that verified but was accepted before (the same notification <c>id</c>, or the same nonce within the
    /// ±300 s window): do not process it again. When WeChat Pay retries a notification you processed, answer it with success.
    /// </summary>
    Replayed,
}
