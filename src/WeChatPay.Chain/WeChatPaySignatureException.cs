using System.Collections.Generic;

namespace WeChatPay.Chain;

/// <summary>An answer arrived but failed verification, so its content must not be trusted; <see cref="FailedCheck"/> says which check failed.</summary>
public sealed class WeChatPaySignatureException : WeChatPayException
{
    /// <summary>Creates the exception for one call.</summary>
    public WeChatPaySignatureException(SignatureCheck failedCheck, string reason, string method, string pathAndQuery, int? statusCode,
        string? responseBody, IReadOnlyDictionary<string, string>? responseHeaders)
        : base($"{method} {pathAndQuery}: the answer failed verification ({failedCheck}): {reason}", method, pathAndQuery, statusCode, responseBody, responseHeaders)
    {
        FailedCheck = failedCheck;
        Reason = reason;
    }

    /// <summary>Which check failed.</summary>
    public SignatureCheck FailedCheck { get; }

    /// <summary>What exactly was wrong, in words.</summary>
    public string Reason { get; }
}
