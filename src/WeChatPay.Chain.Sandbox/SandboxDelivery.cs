using System;
using System.Globalization;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// One delivery of a notification by <see cref="WeChatPaySandbox.NotifyAsync"/> (or <see cref="WeChatPaySandbox.NotifyV2PaymentAsync"/>,
/// <see cref="WeChatPaySandbox.NotifyV2RefundAsync"/>): one copy of one attempt, to one receiver.
/// </summary>
public sealed class SandboxDelivery
{
    internal SandboxDelivery(int attempt, int copy, string receiver, TimeSpan sentAfter, TimeSpan duration, int? statusCode, string? body, bool timedOut, string? error,
        bool apiV2)
    {
        // WeChat Pay judges a v3 answer by its status, a v2 one by its return_code too.
        Acknowledged = statusCode is >= 200 and <= 299 && (!apiV2 || SandboxV2Notifications.Acknowledges(body));
        Attempt = attempt;
        Copy = copy;
        Receiver = receiver;
        SentAfter = sentAfter;
        Duration = duration;
        StatusCode = statusCode;
        Body = body;
        TimedOut = timedOut;
        Error = error;
    }

    /// <summary>The attempt, from 1; every copy of an attempt has the same number.</summary>
    public int Attempt { get; }

    /// <summary>The copy within its attempt, from 1.</summary>
    public int Copy { get; }

    /// <summary>The receiver URL it was sent to, as given in <see cref="SandboxDeliveryOptions.Receivers"/>.</summary>
    public string Receiver { get; }

    /// <summary>When it was sent, counted from the call of <see cref="WeChatPaySandbox.NotifyAsync"/> (real time).</summary>
    public TimeSpan SentAfter { get; }

    /// <summary>How long it took: until the answer was read, the timeout cut it short, or the transport failed.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The HTTP status the receiver answered; null when it timed out or the transport failed.</summary>
    public int? StatusCode { get; }

    /// <summary>The body the receiver answered, as text; null when there was no answer.</summary>
    public string? Body { get; }

    /// <summary>Whether the receiver did not answer within <see cref="SandboxDeliveryOptions.Timeout"/> (the request was cancelled).</summary>
    public bool TimedOut { get; }

    /// <summary>Why there is no answer: <c>timed out</c>, or the transport failure (e.g. <c>ConnectionError</c>); null when answered.</summary>
    public string? Error { get; }

    /// <summary>Whether the receiver acknowledged it: 2xx; for an APIv2 notification, 2xx with v2's XML of <c>return_code</c> SUCCESS.</summary>
    public bool Acknowledged { get; }

    /// <summary>One line: attempt, copy, receiver, outcome and time, e.g. <c>attempt 2 copy 1 -> http://127.0.0.1:5000/notify: 204 in 12 ms</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"attempt {Attempt} copy {Copy} -> {Receiver}: {(StatusCode is { } status ? status.ToString(CultureInfo.InvariantCulture) : Error)} in {Duration.TotalMilliseconds:0} ms (sent at {SentAfter.TotalMilliseconds:0} ms)");
}
