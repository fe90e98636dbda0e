namespace WeChatPay.Chain.Sandbox;

/// <summary>A deliberate misbehaviour of the sandbox, switched on through <see cref="SandboxFaults"/>.</summary>
public enum SandboxFault
{
    /// <summary>No fault: answer as WeChat Pay does.</summary>
    None = 0,

    /// <summary>Sign the answer over a different message: a well-formed signature that does not verify.</summary>
    WrongSignature,

    /// <summary>Date the answer's <c>Wechatpay-Timestamp</c> ten minutes in the past (outside the ±300 s window), correctly signed.</summary>
    StaleTimestamp,

    /// <summary>Name a platform key the client does not know in <c>Wechatpay-Serial</c> (the signature itself is right).</summary>
    UnknownSerial,

    /// <summary>Send WeChat Pay's deliberate probe, a <c>Wechatpay-Signature</c> starting with <c>WECHATPAY/SIGNTEST/</c>.</summary>
    SignTestProbe,

    /// <summary>Answer 502 with the gateway's HTML page and no signature, before any check.</summary>
    Html502,

    /// <summary>Wait <see cref="SandboxFaults.SlowResponseDelay"/> before handling the request as usual.</summary>
    SlowResponse,

    /// <summary>Abort the connection without any answer.</summary>
    DroppedConnection,

    /// <summary>Answer 500 <c>{"code":"SYSTEM_ERROR",…}</c> (signed), before any check.</summary>
    Json500,

    /// <summary>Serve a bill with one byte altered, so that it no longer matches the <c>hash_value</c> its apply answer gave.</summary>
    AlteredFile,

    /// <summary>
    /// APIv2: once the request passes its checks, answer <c>result_code</c> FAIL with <c>err_code</c> <c>SYSTEMERROR</c>;
    /// a red packet (<c>mmpaymkttransfers/send…</c>) is then remembered by its <c>mch_billno</c>, and its retry with the same
    /// number answers SUCCESS while the same packet under another number is refused. A v3 request answers as usual.
    /// </summary>
    V2SystemError,
}
