using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.ApiV2;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Notifications;

/// <content>
/// APIv2 notifications (an XML body, <c>&lt;xml&gt;</c> after optional white space): a payment result verified by its
/// <c>sign</c> (MD5 or HMAC-SHA256 with the APIv2 key, by its <c>sign_type</c>); a refund result (<c>req_info</c>, no
/// <c>sign</c>) authenticated by decrypting <c>req_info</c>. Claimed by <c>out_trade_no</c> / <c>out_refund_no</c> like v3's.
/// </content>
internal sealed partial class NotificationReader
{
    /// <summary>The <see cref="WeChatPayNotification.EventType"/> of an APIv2 payment notification.</summary>
    public const string ApiV2Payment = "v2.pay";

    /// <summary>The <see cref="WeChatPayNotification.EventType"/> of an APIv2 refund notification.</summary>
    public const string ApiV2Refund = "v2.refund";

    private const string ReqInfoField = "req_info";

    // Whether the body is XML (<xml> after optional white space) rather than v3's JSON.
    internal static bool IsApiV2(byte[] body)
    {
        var i = 0;
        if (body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF) i = 3;
        while (i < body.Length && body[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        const string Root = "<xml>";
        if (body.Length - i < Root.Length) return false;
        for (var k = 0; k < Root.Length; k++)
            if (body[i + k] != Root[k]) return false;
        return true;
    }

    private async Task<WeChatPayNotificationReceipt> ReadApiV2Async(byte[] body, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(body);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // With an APIv2 key there are claims: keyed from the APIv3 key, or from the APIv2 key without one.
        if (_apiV2Key is null || _claims is null)
            return new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.Misconfigured, "the merchant's server is not configured to read notifications",
                error: new InvalidOperationException("The callback is an APIv2 (XML) notification, authenticated with the APIv2 key: set WeChatPayOptions.ApiV2Key."),
                apiV2: true);

        WeChatPayNotificationReceipt NotANotification(string what) =>
            new(WeChatPayNotificationOutcome.NotANotification, "not a WeChat Pay notification",
                error: new WeChatPayException($"The callback is not a WeChat Pay APIv2 notification: {what}.", Method, Url, null, text, headers), apiV2: true);
        WeChatPayNotificationReceipt NotWeChatPay(string reason) =>
            new(WeChatPayNotificationOutcome.NotWeChatPay, $"verification failed ({SignatureCheck.Signature})",
                error: new WeChatPaySignatureException(SignatureCheck.Signature, reason, Method, Url, null, text, headers), apiV2: true);

        ApiV2Fields outer;
        try
        {
            outer = ApiV2XmlReader.Read(text);
        }
        catch (XmlException e)
        {
            return NotANotification(e.Message);
        }

        string kind;
        string resourcePlaintext;
        ApiV2Fields resourceFields;
        if (outer.ContainsKey(ApiV2Signature.SignField))
        {
            if (!ApiV2Answer.IsAuthenticNotification(outer, _apiV2Key))
                return NotWeChatPay("the APIv2 notification's sign is not the sign of its fields under WeChatPayOptions.ApiV2Key (by its sign_type, MD5 when absent): " +
                    "the fields were altered after signing, or it was signed with another key");
            kind = ApiV2Payment;
            resourcePlaintext = text;
            resourceFields = outer;
        }
        else if (outer.ValueOf(ReqInfoField) is { Length: > 0 } reqInfo)
        {
            try
            {
                resourcePlaintext = RefundReqInfo.Decrypt(_apiV2Key, reqInfo);
                resourceFields = ApiV2XmlReader.Read(resourcePlaintext);
            }
            catch (Exception e) when (e is CryptographicException or XmlException)
            {
                // One message for every way it fails: nothing about the padding or the plaintext is told to the sender.
                return NotWeChatPay("the APIv2 refund notification's req_info does not decrypt with WeChatPayOptions.ApiV2Key to a refund's fields: " +
                    "it was altered, or made with another key");
            }
            kind = ApiV2Refund;
        }
        else
        {
            return NotANotification("it has neither a sign nor a req_info");
        }

        var json = ToJson(outer);
        var resource = ReferenceEquals(resourceFields, outer) ? json : ToJson(resourceFields);
        var key = ApiV2Key(outer, resourceFields, kind);
        var what = $"APIv2 notification ({kind})";
        var (state, claim, problem) = await _claims.ClaimAsync(key, cancellationToken).ConfigureAwait(false);
        WeChatPayNotificationReceipt Refused(WeChatPayNotificationOutcome outcome, string message) =>
            new(outcome, message, error: new WeChatPayNotificationException(outcome, message, text, headers), storeProblem: problem, apiV2: true);
        return state switch
        {
            ClaimState.Claimed => new WeChatPayNotificationReceipt(WeChatPayNotificationOutcome.Verified, $"{what} verified",
                new WeChatPayNotification(json, text, resourcePlaintext, resource, Array.Empty<string>(), claim, fromQuery: false, apiV2Kind: kind), storeProblem: problem, apiV2: true),
            ClaimState.Done => Refused(WeChatPayNotificationOutcome.DoneBefore, $"{what} was processed before; not processed again"),
            ClaimState.InProgress => Refused(WeChatPayNotificationOutcome.InProgress, $"{what} is being processed by another delivery; send it again later"),
            _ => Refused(WeChatPayNotificationOutcome.StoreUnavailable, $"{what} cannot be claimed now (the notification store is unreachable); send it again later"),
        };
    }

    // The claim key: the payment by out_trade_no, the refund by out_refund_no (under sub_mch_id for a sub-merchant), as v3's;
    // without that number, by the notification's nonce_str.
    private string ApiV2Key(ApiV2Fields outer, ApiV2Fields resource, string kind)
    {
        var sub = outer.ValueOf("sub_mch_id") is { Length: > 0 } s ? s : null;
        if (kind == ApiV2Payment && resource.ValueOf("out_trade_no") is { Length: > 0 } outTradeNo)
            return NotificationSubject.Payment(_merchantId, sub, outTradeNo);
        if (kind == ApiV2Refund && resource.ValueOf("out_refund_no") is { Length: > 0 } outRefundNo)
            return NotificationSubject.Refund(_merchantId, sub, outRefundNo);
        return NotificationSubject.ByNonce(_merchantId, outer.ValueOf("nonce_str") ?? string.Empty);
    }

    private static JObject ToJson(ApiV2Fields fields)
    {
        var json = new JObject();
        foreach (var field in fields) json[field.Key] = field.Value;
        return json;
    }
}
