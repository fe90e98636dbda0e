using System;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Notifications;

/// <content>Running the handler under the claim: the lease renewed while it runs, then done or released.</content>
internal sealed partial class NotificationReader
{
    /// <summary>Reads one delivery and, when it is this client's to process, runs <paramref name="handler"/> under its claim, then completes or releases it.</summary>
    public async Task<WeChatPayNotificationReceipt> ReceiveAsync(Func<string, string?> header, byte[] body,
        Func<WeChatPayNotification, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        if (handler is null) throw new ArgumentNullException(nameof(handler));
        var read = await ReadAsync(header, body, cancellationToken).ConfigureAwait(false);
        return read.Outcome == WeChatPayNotificationOutcome.Verified ? await HandleAsync(read, handler, cancellationToken).ConfigureAwait(false) : read;
    }

    // Runs the handler of a claimed notification under its claim (renewing its lease), then completes or releases it.
    private async Task<WeChatPayNotificationReceipt> HandleAsync(WeChatPayNotificationReceipt read,
        Func<WeChatPayNotification, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        var notification = read.Notification!;
        var claim = notification.Claim!;
        string? lost = null;
        using var handling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The lease is renewed while the handler runs; once it cannot be (the claim expired and was taken), the handler is told to stop.
        async void Renew()
        {
            if (claim.Ended || lost is not null || await _claims!.RenewAsync(claim).ConfigureAwait(false)) return;
            lost = $"the claim on {claim.Key} was lost while its handler ran (the lease expired and another delivery took it)";
            try { handling.Cancel(); } catch (ObjectDisposedException) { }
        }

        using (_clock.CreateTimer(_ => Renew(), null, RenewEvery, RenewEvery))
        {
            try
            {
                await handler(notification, handling.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                var releaseProblem = await _claims!.ReleaseAsync(claim).ConfigureAwait(false);
                return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.HandlerFailed, "the merchant could not process the notification",
                    notification, e, Join(read.StoreProblem, Join(lost, releaseProblem)), read.IsApiV2);
            }
        }
        var completeProblem = await _claims!.CompleteAsync(claim).ConfigureAwait(false);
        return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.Handled, $"{(notification.FromQuery ? read.Message : NotificationSubject.Describe(notification))} processed",
            notification, storeProblem: Join(read.StoreProblem, Join(lost, completeProblem)), apiV2: read.IsApiV2);
    }

    /// <summary>Marks a notification read with <see cref="ReadAsync"/> processed: later deliveries are <see cref="WeChatPayNotificationOutcome.DoneBefore"/>.</summary>
    public Task<string?> CompleteAsync(WeChatPayNotification notification) =>
        notification.Claim is { } claim ? _claims!.CompleteAsync(claim) : Task.FromResult<string?>(null);

    /// <summary>Releases a notification read with <see cref="ReadAsync"/> whose processing failed: WeChat Pay's next delivery is processed.</summary>
    public Task<string?> ReleaseAsync(WeChatPayNotification notification) =>
        notification.Claim is { } claim ? _claims!.ReleaseAsync(claim) : Task.FromResult<string?>(null);

    private TimeSpan RenewEvery => TimeSpan.FromTicks(_claims!.Lease.Ticks / 3);

    private static string? Join(string? first, string? second) => first is null ? second : second is null ? first : first + "; " + second;
}
