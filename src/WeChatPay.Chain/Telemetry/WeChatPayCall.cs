using System;
using System.Globalization;

namespace WeChatPay.Chain;

/// <summary>How one exchange with WeChat Pay ended.</summary>
public enum WeChatPayCallOutcome
{
    /// <summary>A 2xx answer, verified (or a download, which WeChat Pay does not sign).</summary>
    Succeeded,

    /// <summary>WeChat Pay answered with an error (4xx/5xx): <see cref="WeChatPayCall.ErrorCode"/> holds its code.</summary>
    ErrorAnswer,

    /// <summary>The answer's signature did not verify.</summary>
    SignatureFailed,

    /// <summary>No answer within <see cref="WeChatPayOptions.Timeout"/> or the call's own timeout.</summary>
    TimedOut,

    /// <summary>The request could not be sent or the answer not read (connection refused, reset, DNS, TLS).</summary>
    TransportFailed,

    /// <summary>The caller cancelled.</summary>
    Cancelled,
}

/// <summary>
/// One HTTP exchange with WeChat Pay, as <see cref="WeChatPayOptions.CallCompleted"/> is told of it and as the telemetry
/// (<see cref="WeChatPayTelemetry"/>) tags it: no body, no header but the <c>Request-ID</c>, nothing that was encrypted,
/// sensitive query values masked, no key.
/// </summary>
public sealed class WeChatPayCall
{
    internal WeChatPayCall(string merchantId, string method, string? operation, string target, int? statusCode, string? requestId,
        TimeSpan elapsed, WeChatPayCallOutcome outcome, string? errorCode)
    {
        MerchantId = merchantId;
        Method = method;
        Operation = operation;
        Target = target;
        StatusCode = statusCode;
        RequestId = requestId;
        Elapsed = elapsed;
        Outcome = outcome;
        ErrorCode = errorCode;
    }

    /// <summary>The merchant id (mchid) of the client that made the call.</summary>
    public string MerchantId { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The documented path template (<c>v3/pay/transactions/out-trade-no/{out_trade_no}</c>), or null for a path the catalog does not document.</summary>
    public string? Operation { get; }

    /// <summary>The path and query as error messages show them: sensitive query values masked.</summary>
    public string Target { get; }

    /// <summary>The answer's status, or null when none came.</summary>
    public int? StatusCode { get; }

    /// <summary>WeChat Pay's <c>Request-ID</c> of the answer, when one came: what its support asks for.</summary>
    public string? RequestId { get; }

    /// <summary>From sending the request to the answer checked (for a download: to the file written).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>How it ended.</summary>
    public WeChatPayCallOutcome Outcome { get; }

    /// <summary>WeChat Pay's error <c>code</c> (<c>PARAM_ERROR</c>, <c>SIGN_ERROR</c>, …) of an error answer; otherwise null.</summary>
    public string? ErrorCode { get; }

    /// <summary>One line fit for a log: <c>POST v3/pay/transactions/jsapi: 200 in 84 ms (Request-ID …)</c>.</summary>
    public override string ToString()
    {
        var ended = Outcome switch
        {
            WeChatPayCallOutcome.Succeeded => StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "done",
            WeChatPayCallOutcome.ErrorAnswer => $"{StatusCode} {ErrorCode}".TrimEnd(),
            WeChatPayCallOutcome.SignatureFailed => $"{StatusCode} with a signature that does not verify",
            WeChatPayCallOutcome.TimedOut => "timed out",
            WeChatPayCallOutcome.TransportFailed => "not completed (transport)",
            _ => "cancelled",
        };
        var id = RequestId is null ? string.Empty : $" (Request-ID {RequestId})";
        return $"{Method} {Operation ?? Target}: {ended} in {Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms{id}";
    }
}
