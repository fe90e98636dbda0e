using System;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Sandbox;

/// <content>
/// APIv2 notifications (XML), made with the sandbox's own sign, XML and AES code and delivered as <see cref="NotifyAsync"/>
/// delivers: copies, a timeout per copy, retries on a schedule, a fleet of receivers. A delivery is acknowledged when the
/// receiver answers 2xx with v2's <c>&lt;xml&gt;</c> of <c>return_code</c> SUCCESS, as WeChat Pay judges a v2 answer.
/// </content>
public sealed partial class WeChatPaySandbox
{
    /// <summary>
    /// Delivers an APIv2 payment result notification (支付结果通知): <c>return_code</c>, <c>appid</c>, <c>mch_id</c>,
    /// <c>nonce_str</c>, <c>result_code</c> SUCCESS, <c>openid</c>, <c>is_subscribe</c>, <c>trade_type</c>, <c>bank_type</c>,
    /// <c>total_fee</c> (1 unless given), <c>fee_type</c>, <c>cash_fee</c> (the total), <c>transaction_id</c>, <c>out_trade_no</c>
    /// and <c>time_end</c> (now, Beijing time), each replaced by a field of <paramref name="fields"/> of the same name, then the
    /// other given fields (<c>attach</c>, <c>sub_mch_id</c>, <c>coupon_fee</c>, …), then <c>sign</c> with <see cref="ApiV2Key"/>:
    /// MD5, or HMAC-SHA256 when the fields give <c>sign_type</c> HMAC-SHA256. Every delivery sends the same body.
    /// </summary>
    /// <param name="fields">The notification's fields: an object (<c>new { out_trade_no = "…", total_fee = 888 }</c>), a dictionary, or JSON object text; <c>out_trade_no</c> is required, numbers are written as text.</param>
    /// <param name="options">The receivers and WeChat Pay's timing; see <see cref="SandboxDeliveryOptions"/>.</param>
    /// <param name="ct">Cancels the delivery (and any copy in flight).</param>
    /// <returns>Every delivery and whether one was acknowledged; <see cref="SandboxNotification.EventType"/> is <c>v2.pay</c>, <see cref="SandboxNotification.NotificationId"/> the <c>nonce_str</c>.</returns>
    /// <exception cref="ArgumentException">The fields lack <c>out_trade_no</c>, carry a <c>sign</c> (the sandbox signs), name a <c>sign_type</c> other than MD5 or HMAC-SHA256, or are not a flat object of plain names; or an option is unusable.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The sandbox was disposed, also while delivering.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public async Task<SandboxNotification> NotifyV2PaymentAsync(object fields, SandboxDeliveryOptions options, CancellationToken ct = default)
    {
        var plan = CheckV2(fields, options);
        var (nonce, body) = SandboxV2Notifications.Payment(fields, _keys.MerchantId, _keys.ApiV2Key, _clock.GetUtcNow());
        return await DeliverOnScheduleAsync(new Notification(nonce, SandboxV2Notifications.PaymentEvent, body, ApiV2: true), plan, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Delivers an APIv2 refund result notification (退款结果通知): <c>return_code</c>, <c>appid</c>, <c>mch_id</c>,
    /// <c>nonce_str</c> and <c>req_info</c>, no <c>sign</c>. <c>req_info</c> is the refund as <c>&lt;root&gt;</c> XML —
    /// <c>out_refund_no</c>, <c>out_trade_no</c>, <c>refund_id</c>, <c>transaction_id</c>, <c>total_fee</c> (1 unless given),
    /// <c>refund_fee</c> (the total unless given), <c>settlement_total_fee</c>, <c>settlement_refund_fee</c>,
    /// <c>refund_status</c> (SUCCESS unless given), <c>success_time</c> (now, when SUCCESS), <c>refund_recv_accout</c>,
    /// <c>refund_account</c>, <c>refund_request_source</c>, each replaced by a given field of the same name, then the other
    /// given fields — encrypted AES-256-ECB (PKCS#7, base64) with the lower-case hex MD5 of <see cref="ApiV2Key"/>. Given
    /// <c>appid</c>, <c>mch_id</c>, <c>sub_appid</c>, <c>sub_mch_id</c> go outside <c>req_info</c>.
    /// </summary>
    /// <param name="fields">The refund's fields, as for <see cref="NotifyV2PaymentAsync"/>; <c>out_refund_no</c> and <c>out_trade_no</c> are required.</param>
    /// <param name="options">The receivers and WeChat Pay's timing; see <see cref="SandboxDeliveryOptions"/>.</param>
    /// <param name="ct">Cancels the delivery (and any copy in flight).</param>
    /// <returns>Every delivery and whether one was acknowledged; <see cref="SandboxNotification.EventType"/> is <c>v2.refund</c>, <see cref="SandboxNotification.NotificationId"/> the <c>nonce_str</c>.</returns>
    /// <exception cref="ArgumentException">The fields lack <c>out_refund_no</c> or <c>out_trade_no</c>, carry a <c>sign</c>, <c>sign_type</c> or <c>req_info</c>, or are not a flat object of plain names; or an option is unusable.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The sandbox was disposed, also while delivering.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public async Task<SandboxNotification> NotifyV2RefundAsync(object fields, SandboxDeliveryOptions options, CancellationToken ct = default)
    {
        var plan = CheckV2(fields, options);
        var (nonce, body) = SandboxV2Notifications.Refund(fields, _keys.MerchantId, _keys.ApiV2Key, _clock.GetUtcNow());
        return await DeliverOnScheduleAsync(new Notification(nonce, SandboxV2Notifications.RefundEvent, body, ApiV2: true), plan, ct).ConfigureAwait(false);
    }

    private SandboxDeliveryOptions.Plan CheckV2(object fields, SandboxDeliveryOptions options)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (fields is null) throw new ArgumentNullException(nameof(fields));
        if (options is null) throw new ArgumentNullException(nameof(options));
        return options.Check();
    }
}
