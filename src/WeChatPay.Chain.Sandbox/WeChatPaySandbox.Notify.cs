using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Sandbox;

/// <content>Delivering a notification as WeChat Pay does: copies at once, a timeout per copy, retries on a schedule, a fleet of receivers.</content>
public sealed partial class WeChatPaySandbox
{
    // Delivery waits (delay, timeouts, retry intervals) are real time: a test's frozen clock dates signatures, it must not stall deliveries.
    private static readonly TimeProvider RealTime = TimeProvider.System;

    /// <summary>
    /// Builds one notification as <see cref="SendCallbackAsync"/> does (one <c>id</c> and body for all its deliveries) and
    /// delivers it as WeChat Pay does: each attempt sends <see cref="SandboxDeliveryOptions.Copies"/> copies at the same
    /// moment, each signed anew (a fresh timestamp and nonce) and sent to the next receiver in turn; an attempt succeeds when
    /// a copy is answered 2xx within <see cref="SandboxDeliveryOptions.Timeout"/> (a copy unanswered by then is cancelled);
    /// after a failed attempt it waits the next interval of <see cref="SandboxDeliveryOptions.RetrySchedule"/> and tries
    /// again, until an attempt succeeds or the schedule is exhausted. Faults do not apply.
    /// </summary>
    /// <param name="eventType">The event type, e.g. <c>TRANSACTION.SUCCESS</c> or <c>REFUND.SUCCESS</c>.</param>
    /// <param name="resourcePlaintext">The resource before encryption: JSON text, or an object serialized with the library's settings.</param>
    /// <param name="options">The receivers and WeChat Pay's timing; see <see cref="SandboxDeliveryOptions"/> for the defaults.</param>
    /// <param name="ct">Cancels the delivery (and any copy in flight).</param>
    /// <returns>Every delivery and whether one was acknowledged; it completes when the delivery stops.</returns>
    /// <exception cref="ArgumentException">The event type is empty, or an option is unusable (no receiver, a receiver that is not an absolute http(s) URL, a timeout that is not positive, copies outside 1 to 10, a negative interval or delay).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="resourcePlaintext"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The sandbox was disposed, also while delivering.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public async Task<SandboxNotification> NotifyAsync(string eventType, object resourcePlaintext, SandboxDeliveryOptions options, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (options is null) throw new ArgumentNullException(nameof(options));
        var plan = options.Check();
        return await DeliverOnScheduleAsync(BuildNotification(eventType, resourcePlaintext), plan, ct).ConfigureAwait(false);
    }

    // Delivers one notification (v3's or v2's) by the plan: copies at once, each with its own headers; retries until acknowledged.
    private async Task<SandboxNotification> DeliverOnScheduleAsync(Notification notification, SandboxDeliveryOptions.Plan plan, CancellationToken ct)
    {
        if (plan.Withhold)
        {
            _log.Info($"notify {notification.EventType} {notification.Id}: withheld");
            return new SandboxNotification(notification.Id, notification.EventType, true, Array.Empty<SandboxDelivery>());
        }

        var started = RealTime.GetTimestamp();
        var deliveries = new List<SandboxDelivery>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, _stopping.Token);
        try
        {
            if (plan.Delay > TimeSpan.Zero) await Task.Delay(plan.Delay, RealTime, stop.Token).ConfigureAwait(false);
            var sent = 0;
            for (var attempt = 1; ; attempt++)
            {
                // Every copy signed first (v3; a v2 one carries its sign or req_info in the body), then all sent at once.
                var copies = new (SandboxDeliveryOptions.Receiver Receiver, KeyValuePair<string, string>[] Headers)[plan.Copies];
                for (var i = 0; i < copies.Length; i++) copies[i] = (plan.Receivers[sent++ % plan.Receivers.Length], Headers(notification));
                var sending = new Task<SandboxDelivery>[copies.Length];
                for (var i = 0; i < copies.Length; i++)
                    sending[i] = SendCopyAsync(notification, attempt, i + 1, copies[i].Receiver, copies[i].Headers, plan.Timeout, started, stop.Token);
                var answered = await Task.WhenAll(sending).ConfigureAwait(false);
                deliveries.AddRange(answered);
                if (answered.Any(d => d.Acknowledged) || attempt > plan.RetrySchedule.Length) break;
                await Task.Delay(plan.RetrySchedule[attempt - 1], RealTime, stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(WeChatPaySandbox), "The sandbox was disposed while delivering a notification.");
        }

        var result = new SandboxNotification(notification.Id, notification.EventType, false, deliveries);
        _log.Info(string.Create(CultureInfo.InvariantCulture,
            $"notify {notification.EventType} {notification.Id}: {(result.Acknowledged ? "acknowledged" : "gave up")} after {deliveries[^1].Attempt} attempt(s), {deliveries.Count} delivery(ies)"));
        return result;
    }

    // One copy: answered (any status), timed out (cancelled), or failed in transport. Only the caller's cancellation throws.
    private async Task<SandboxDelivery> SendCopyAsync(Notification notification, int attempt, int copy, SandboxDeliveryOptions.Receiver receiver,
        KeyValuePair<string, string>[] headers, TimeSpan timeout, long started, CancellationToken ct)
    {
        var sentAt = RealTime.GetTimestamp();
        using var request = NotificationRequest(receiver.Target, notification.Body, headers, notification.ApiV2);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        int? status = null;
        string? body = null, error = null;
        var timedOut = false;
        try
        {
            using var response = await _callbackClient.SendAsync(request, limit.Token).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(limit.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            timedOut = true;
            error = "timed out";
        }
        catch (HttpRequestException e)
        {
            error = e.HttpRequestError.ToString();
        }

        var delivery = new SandboxDelivery(attempt, copy, receiver.Url, RealTime.GetElapsedTime(started, sentAt), RealTime.GetElapsedTime(sentAt),
            status, body, timedOut, error, notification.ApiV2);
        _log.Info(string.Create(CultureInfo.InvariantCulture,
            $"notify {notification.EventType} {notification.Id} attempt {attempt} copy {copy} -> POST {receiver.Target.GetLeftPart(UriPartial.Path)}: {(status is { } s ? "answered " + s.ToString(CultureInfo.InvariantCulture) : error)} in {delivery.Duration.TotalMilliseconds:0} ms"));
        return delivery;
    }
}
