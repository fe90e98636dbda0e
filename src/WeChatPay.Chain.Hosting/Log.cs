using Microsoft.Extensions.Logging;
using WeChatPay.Chain;

namespace WeChatPay.Chain.Hosting;

// One line per exchange and per certificate refresh, source-generated. What goes in is what WeChatPayCall and
// WeChatPayCertificateRefresh hold: no body, no header but the Request-ID, sensitive query values masked, no key.
internal static partial class Log
{
    public static void Call(ILogger logger, string name, WeChatPayCall call)
    {
        var operation = call.Operation ?? call.Target;
        var elapsed = (long)call.Elapsed.TotalMilliseconds;
        if (call.Outcome == WeChatPayCallOutcome.Succeeded) Succeeded(logger, call.Method, operation, call.StatusCode, elapsed, call.RequestId, call.MerchantId, name);
        else Failed(logger, call.Method, operation, call.Outcome, call.StatusCode, call.ErrorCode, elapsed, call.RequestId, call.MerchantId, name);
    }

    public static void Refresh(ILogger logger, string name, WeChatPayCertificateRefresh refresh)
    {
        if (refresh.Succeeded) Refreshed(logger, refresh.ToString(), name);
        else RefreshFailed(logger, refresh.ToString(), name);
    }

    [LoggerMessage(EventId = 1, EventName = "WeChatPayCall", Level = LogLevel.Information,
        Message = "WeChat Pay {Method} {Operation}: {StatusCode} in {ElapsedMs} ms (Request-ID {RequestId}, merchant {MerchantId} '{Client}')")]
    private static partial void Succeeded(ILogger logger, string method, string operation, int? statusCode, long elapsedMs, string? requestId, string merchantId, string client);

    [LoggerMessage(EventId = 2, EventName = "WeChatPayCallFailed", Level = LogLevel.Warning,
        Message = "WeChat Pay {Method} {Operation}: {Outcome} {StatusCode} {ErrorCode} in {ElapsedMs} ms (Request-ID {RequestId}, merchant {MerchantId} '{Client}')")]
    private static partial void Failed(ILogger logger, string method, string operation, WeChatPayCallOutcome outcome, int? statusCode, string? errorCode, long elapsedMs, string? requestId, string merchantId, string client);

    [LoggerMessage(EventId = 3, EventName = "WeChatPayCertificatesRefreshed", Level = LogLevel.Information, Message = "WeChat Pay {Refresh} ('{Client}')")]
    private static partial void Refreshed(ILogger logger, string refresh, string client);

    [LoggerMessage(EventId = 4, EventName = "WeChatPayCertificateRefreshFailed", Level = LogLevel.Warning, Message = "WeChat Pay {Refresh} ('{Client}')")]
    private static partial void RefreshFailed(ILogger logger, string refresh, string client);
}
