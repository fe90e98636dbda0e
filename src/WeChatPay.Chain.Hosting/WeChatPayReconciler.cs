using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WeChatPay.Chain.Hosting;

/// <summary>
/// The query that catches a notification that never arrived: tell it what the application waits for (a payment when it
/// places the order, a refund when it applies for it); when no notification has settled it after
/// <see cref="WeChatPayReconcilerOptions.QueryAfter"/>, it queries WeChat Pay (the wait doubling up to
/// <see cref="WeChatPayReconcilerOptions.MaxQueryInterval"/>) and, once the state is final, hands the answer to the
/// application's notification handler as a notification marked <see cref="WeChatPayNotification.FromQuery"/> — once,
/// between the notification and the query, across every server sharing the store (<see cref="WeChatPayClient.SettleByQueryAsync"/>).
/// </summary>
public sealed class WeChatPayReconciler : BackgroundService
{
    private const int Batch = 100;

    private readonly WeChatPayClient _client;
    private readonly Func<WeChatPayNotification, CancellationToken, Task> _handler;
    private readonly WeChatPayReconcilerOptions _options;
    private readonly IWeChatPayPendingStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly string _list;

    /// <summary>A reconciler for <paramref name="client"/>'s merchant that hands what it settles to <paramref name="handler"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public WeChatPayReconciler(WeChatPayClient client, Func<WeChatPayNotification, CancellationToken, Task> handler, WeChatPayReconcilerOptions options,
        ILogger<WeChatPayReconciler>? logger = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Positive(options.QueryAfter, nameof(options.QueryAfter));
        Positive(options.PollInterval, nameof(options.PollInterval));
        if (options.MaxQueryInterval < options.QueryAfter)
            throw new ArgumentException("MaxQueryInterval must be at least QueryAfter.", nameof(options.MaxQueryInterval));
        if (options.GiveUpAfter < options.QueryAfter)
            throw new ArgumentException("GiveUpAfter must be at least QueryAfter.", nameof(options.GiveUpAfter));
        _store = options.Store ?? new InMemoryNotificationStore();
        _clock = options.TimeProvider ?? TimeProvider.System;
        _log = logger ?? (ILogger)NullLogger.Instance;
        _list = "wechatpay:" + client.MerchantId + ":pending";
    }

    /// <summary>Expects a payment: call it when the order is placed (its <c>out_trade_no</c>, and <c>sub_mchid</c> for a sub-merchant).</summary>
    /// <exception cref="ArgumentException">The number or the sub-merchant id is not of the documented form.</exception>
    public Task ExpectPaymentAsync(string outTradeNo, string? subMerchantId = null, CancellationToken cancellationToken = default) =>
        ExpectAsync(WeChatPaySettlement.Payment(outTradeNo, subMerchantId), cancellationToken);

    /// <summary>Expects a refund: call it when the refund is applied for (its <c>out_refund_no</c>, and <c>sub_mchid</c> for a sub-merchant).</summary>
    /// <exception cref="ArgumentException">The number or the sub-merchant id is not of the documented form.</exception>
    public Task ExpectRefundAsync(string outRefundNo, string? subMerchantId = null, CancellationToken cancellationToken = default) =>
        ExpectAsync(WeChatPaySettlement.Refund(outRefundNo, subMerchantId), cancellationToken);

    /// <summary>Expects a payment or refund to be settled; it is first queried after <see cref="WeChatPayReconcilerOptions.QueryAfter"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="settlement"/> is null.</exception>
    public Task ExpectAsync(WeChatPaySettlement settlement, CancellationToken cancellationToken = default)
    {
        if (settlement is null) throw new ArgumentNullException(nameof(settlement));
        var now = Now();
        return _store.ScheduleAsync(_list, Item(settlement, now), now + _options.QueryAfter, cancellationToken);
    }

    /// <summary>Queries what is due now, once each; returns how many were settled (handled now, or found settled before).</summary>
    /// <param name="cancellationToken">Stops the round.</param>
    public async Task<int> ReconcileDueAsync(CancellationToken cancellationToken = default)
    {
        var now = Now();
        var settled = 0;
        foreach (var item in await _store.DueAsync(_list, now, Batch, cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!TryParse(item, out var settlement, out var expectedAt))
            {
                _log.LogWarning("WeChat Pay reconciler: an entry that is not a payment or refund it expects was dropped from {List}", _list);
                await _store.UnscheduleAsync(_list, item, cancellationToken).ConfigureAwait(false);
                continue;
            }
            var waited = now - expectedAt;
            if (waited > _options.GiveUpAfter)
            {
                _log.LogWarning("WeChat Pay reconciler: {Settlement} is still not settled {Hours:0.#} h after it was expected; no longer queried", settlement.ToString(), waited.TotalHours);
                await _store.UnscheduleAsync(_list, item, cancellationToken).ConfigureAwait(false);
                continue;
            }
            // Its next turn is booked before the query, so that the other servers of a fleet leave it alone meanwhile.
            var wait = waited < _options.QueryAfter ? _options.QueryAfter : waited > _options.MaxQueryInterval ? _options.MaxQueryInterval : waited;
            await _store.ScheduleAsync(_list, item, now + wait, cancellationToken).ConfigureAwait(false);
            var receipt = await _client.SettleByQueryAsync(settlement, _handler, cancellationToken).ConfigureAwait(false);
            if (receipt.StoreProblem is { } problem) _log.LogWarning("WeChat Pay notification store: {Problem}", problem);
            if (receipt.Outcome is WeChatPayNotificationOutcome.Handled or WeChatPayNotificationOutcome.DoneBefore)
            {
                settled++;
                await _store.UnscheduleAsync(_list, item, cancellationToken).ConfigureAwait(false);
                _log.LogInformation("WeChat Pay reconciler: {Receipt}", receipt.ToString());
            }
            else if (receipt.Outcome == WeChatPayNotificationOutcome.HandlerFailed)
            {
                _log.LogError(receipt.Error, "WeChat Pay reconciler: {Receipt}; asked again in {Wait}", receipt.ToString(), wait);
            }
            else
            {
                _log.LogDebug("WeChat Pay reconciler: {Receipt}; asked again in {Wait}", receipt.ToString(), wait);
            }
        }
        return settled;
    }

    /// <summary>Runs <see cref="ReconcileDueAsync"/> every <see cref="WeChatPayReconcilerOptions.PollInterval"/> until the host stops.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReconcileDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && !(e is OutOfMemoryException))
            {
                _log.LogError(e, "WeChat Pay reconciler: a round failed; trying again in {Interval}", _options.PollInterval);
            }
            try
            {
                await Task.Delay(_options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // The time to the millisecond, as entries keep it.
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_clock.GetUtcNow().ToUnixTimeMilliseconds());

    // An entry: the settlement and when it was first expected, e.g. payment:1217752501201407033233368018@1733540000000.
    private static string Item(WeChatPaySettlement settlement, DateTimeOffset expectedAt) =>
        settlement + "@" + expectedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static bool TryParse(string item, out WeChatPaySettlement settlement, out DateTimeOffset expectedAt)
    {
        settlement = null!;
        expectedAt = default;
        var at = item.LastIndexOf('@');
        if (at <= 0 || !long.TryParse(item.Substring(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)) return false;
        try
        {
            settlement = WeChatPaySettlement.Parse(item.Substring(0, at));
            expectedAt = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentException($"{name} must be positive.", name);
    }
}
