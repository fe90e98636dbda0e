using System;
using System.Collections.Generic;
using System.Diagnostics;
#if !NETSTANDARD2_0
using System.Diagnostics.Metrics;
#endif
using WeChatPay.Chain.Http;

namespace WeChatPay.Chain.Http;

/// <summary>
/// Times every exchange with WeChat Pay and tells of it: <see cref="WeChatPayOptions.CallCompleted"/>, and on net8.0+ a
/// client span of <see cref="WeChatPayTelemetry.Name"/> and its meter's instruments. What it reports is what
/// <see cref="WeChatPayCall"/> holds: no body, no header but the Request-ID, no value a request carries as a tag.
/// </summary>
internal sealed class CallObserver
{
#if !NETSTANDARD2_0
    private static readonly ActivitySource Source = Telemetry.Instruments.Source;
    private static readonly Counter<long> Requests = Telemetry.Instruments.Requests;
    private static readonly Histogram<double> Duration = Telemetry.Instruments.Duration;
    private static readonly Counter<long> Failures = Telemetry.Instruments.Failures;
#endif

    private readonly string _merchantId;
    private readonly Action<WeChatPayCall>? _completed;

    public CallObserver(string merchantId, Action<WeChatPayCall>? completed)
    {
        _merchantId = merchantId;
        _completed = completed;
    }

    /// <summary>Starts timing (and on net8.0+ tracing) one attempt of <paramref name="call"/>; <see cref="End"/> reports it.</summary>
    public Attempt Start(PreparedCall call)
    {
#if !NETSTANDARD2_0
        // The span's name is built only when something listens: a call pays nothing for tracing it does not have.
        var activity = Source.HasListeners()
            ? Source.StartActivity($"WeChatPay {call.Method.Method} {call.Operation?.Path ?? WeChatPayTelemetry.Undocumented}", ActivityKind.Client)
            : null;
        return new Attempt(call, Stopwatch.GetTimestamp(), activity);
#else
        return new Attempt(call, Stopwatch.GetTimestamp());
#endif
    }

    /// <summary>Reports how an attempt ended: with its checked answer, or with the exception it threw (which goes on unchanged).</summary>
    public void End(Attempt attempt, Answer? answer, Exception? failure)
    {
#if !NETSTANDARD2_0
        var measured = attempt.Activity is not null || Requests.Enabled || Duration.Enabled || Failures.Enabled;
#else
        const bool measured = false;
#endif
        if (_completed is null && !measured) return; // nobody asked: no record is made
        var call = attempt.Call;
        var elapsed = TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - attempt.Started) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
        var (outcome, status, requestId, code) = failure is null
            ? (WeChatPayCallOutcome.Succeeded, (int?)answer!.StatusCode, answer.Headers.TryGetValue("Request-ID", out var id) ? id : null, (string?)null)
            : Classify(failure);
        var record = new WeChatPayCall(_merchantId, call.Method.Method, call.Operation?.Path, call.ShownTarget, status, requestId, elapsed, outcome, code);
#if !NETSTANDARD2_0
        using (attempt.Activity) Record(record, attempt.Activity);
#endif
        Tell(record);
    }

    /// <summary>One attempt being timed.</summary>
    internal readonly struct Attempt
    {
#if !NETSTANDARD2_0
        public Attempt(PreparedCall call, long started, Activity? activity)
        {
            Call = call;
            Started = started;
            Activity = activity;
        }

        public Activity? Activity { get; }
#else
        public Attempt(PreparedCall call, long started)
        {
            Call = call;
            Started = started;
        }
#endif

        public PreparedCall Call { get; }

        public long Started { get; }
    }

    private static (WeChatPayCallOutcome, int?, string?, string?) Classify(Exception failure) => failure switch
    {
        WeChatPaySignatureException e => (WeChatPayCallOutcome.SignatureFailed, e.StatusCode, e.RequestId, null),
        WeChatPayException { StatusCode: not null } e => (WeChatPayCallOutcome.ErrorAnswer, e.StatusCode, e.RequestId, e.Code),
        WeChatPayException { TimedOut: true } => (WeChatPayCallOutcome.TimedOut, null, null, null),
        OperationCanceledException => (WeChatPayCallOutcome.Cancelled, null, null, null),
        _ => (WeChatPayCallOutcome.TransportFailed, null, null, null),
    };

    private void Tell(WeChatPayCall record)
    {
        if (_completed is null) return;
        try
        {
            _completed(record);
        }
        catch (Exception)
        {
            // The observer's own failure is not the call's: as documented, it is ignored.
        }
    }

#if !NETSTANDARD2_0
    private static void Record(WeChatPayCall call, Activity? activity)
    {
        var tags = new TagList
        {
            { "wechatpay.merchant_id", call.MerchantId },
            { "http.request.method", call.Method },
            { "wechatpay.operation", call.Operation ?? WeChatPayTelemetry.Undocumented },
            { "wechatpay.outcome", Name(call.Outcome) },
        };
        if (call.StatusCode is { } status) tags.Add("http.response.status_code", status);
        if (call.ErrorCode is { } code) tags.Add("wechatpay.error_code", code);
        Requests.Add(1, tags);
        Duration.Record(call.Elapsed.TotalSeconds, tags);
        if (call.Outcome != WeChatPayCallOutcome.Succeeded) Failures.Add(1, tags);

        if (activity is null) return;
        foreach (KeyValuePair<string, object?> tag in tags) activity.SetTag(tag.Key, tag.Value);
        if (call.RequestId is { } id) activity.SetTag("wechatpay.request_id", id);
        if (call.Outcome != WeChatPayCallOutcome.Succeeded) activity.SetStatus(ActivityStatusCode.Error, Name(call.Outcome));
    }

    private static string Name(WeChatPayCallOutcome outcome) => outcome switch
    {
        WeChatPayCallOutcome.Succeeded => "succeeded",
        WeChatPayCallOutcome.ErrorAnswer => "error_answer",
        WeChatPayCallOutcome.SignatureFailed => "signature_failed",
        WeChatPayCallOutcome.TimedOut => "timed_out",
        WeChatPayCallOutcome.TransportFailed => "transport_failed",
        _ => "cancelled",
    };
#endif
}
