using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// APIv2 notifications as WeChat Pay builds them, with the sandbox's own code: 支付结果通知 (the payment's fields, then
/// <c>sign</c> over them with the APIv2 key by <c>sign_type</c>, MD5 unless asked) and 退款结果通知 (<c>return_code</c>,
/// <c>appid</c>, <c>mch_id</c>, <c>nonce_str</c> and <c>req_info</c>: the refund's fields as <c>&lt;root&gt;</c> XML encrypted
/// by <see cref="SandboxReqInfo"/>; no <c>sign</c>). The caller's fields override the documented defaults, and are added to them.
/// </summary>
internal static class SandboxV2Notifications
{
    /// <summary>The event type the sandbox gives a v2 payment notification (v2 documents none; the client's name for it).</summary>
    public const string PaymentEvent = "v2.pay";

    /// <summary>The event type the sandbox gives a v2 refund notification.</summary>
    public const string RefundEvent = "v2.refund";

    private const string AppId = "wxd678efh567hg6787";
    private const string OpenId = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    private const string Digits = "0123456789";

    // The fields of a refund notification outside req_info, in the order WeChat Pay writes them.
    private static readonly string[] RefundOuter = { "return_code", "return_msg", "appid", "mch_id", "sub_appid", "sub_mch_id", "nonce_str" };

    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>A payment result notification: its <c>nonce_str</c> and its body.</summary>
    /// <exception cref="ArgumentException">The fields are not a flat object of plain names, lack <c>out_trade_no</c>, carry a <c>sign</c>, or name an unknown <c>sign_type</c>.</exception>
    public static (string NonceStr, byte[] Body) Payment(object fields, string merchantId, string apiV2Key, DateTimeOffset now)
    {
        var given = Given(fields, "sign");
        Require(given, "out_trade_no");
        var signType = given.TryGetValue("sign_type", out var declared) ? declared : SandboxV2Sign.Md5;
        if (!SandboxV2Sign.IsKnown(signType))
            throw new ArgumentException($"sign_type {signType} is not one WeChat Pay signs with: give MD5 or HMAC-SHA256, or leave it out (MD5).", nameof(fields));

        var totalFee = given.GetValueOrDefault("total_fee", "1");
        var body = Merge(given, new KeyValuePair<string, string>[]
        {
            new("return_code", "SUCCESS"), new("appid", AppId), new("mch_id", merchantId), new("nonce_str", SignedMessage.Nonce()),
            new("result_code", "SUCCESS"), new("openid", OpenId), new("is_subscribe", "N"), new("trade_type", "JSAPI"), new("bank_type", "OTHERS"),
            new("total_fee", totalFee), new("fee_type", "CNY"), new("cash_fee", totalFee), new("transaction_id", "4200" + Number(24)),
            new("out_trade_no", given["out_trade_no"]), new("time_end", Beijing(now, "yyyyMMddHHmmss")),
        });
        body.Add(new("sign", SandboxV2Sign.Compute(body, apiV2Key, signType)));
        return (Value(body, "nonce_str"), SandboxV2Xml.Write(body));
    }

    /// <summary>A refund result notification: its <c>nonce_str</c> and its body.</summary>
    /// <exception cref="ArgumentException">The fields are not a flat object of plain names, lack <c>out_refund_no</c> or <c>out_trade_no</c>, or carry a <c>sign</c>, <c>sign_type</c> or <c>req_info</c>.</exception>
    public static (string NonceStr, byte[] Body) Refund(object fields, string merchantId, string apiV2Key, DateTimeOffset now)
    {
        var given = Given(fields, "sign", "sign_type", "req_info");
        Require(given, "out_refund_no");
        Require(given, "out_trade_no");
        var totalFee = given.GetValueOrDefault("total_fee", "1");
        var refundFee = given.GetValueOrDefault("refund_fee", totalFee);
        var status = given.GetValueOrDefault("refund_status", "SUCCESS");
        var refundFields = new List<KeyValuePair<string, string>>
        {
            new("out_refund_no", given["out_refund_no"]), new("out_trade_no", given["out_trade_no"]), new("refund_id", "5000" + Number(25)),
            new("transaction_id", "4200" + Number(24)), new("total_fee", totalFee), new("refund_fee", refundFee), new("settlement_total_fee", totalFee),
            new("settlement_refund_fee", refundFee), new("refund_status", status),
        };
        if (status == "SUCCESS") refundFields.Add(new("success_time", Beijing(now, "yyyy-MM-dd HH:mm:ss")));
        refundFields.Add(new("refund_recv_accout", "支付用户的零钱")); // spelt so by WeChat Pay
        refundFields.Add(new("refund_account", "REFUND_SOURCE_RECHARGE_FUNDS"));
        refundFields.Add(new("refund_request_source", "API"));

        var outer = Merge(given.Where(f => RefundOuter.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal),
            new KeyValuePair<string, string>[] { new("return_code", "SUCCESS"), new("appid", AppId), new("mch_id", merchantId), new("nonce_str", SignedMessage.Nonce()) });
        var refund = Merge(given.Where(f => !RefundOuter.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal), refundFields);
        outer.Add(new("req_info", SandboxReqInfo.Encrypt(apiV2Key, Encoding.UTF8.GetString(SandboxV2Xml.Write(refund, "root")))));
        return (Value(outer, "nonce_str"), SandboxV2Xml.Write(outer));
    }

    /// <summary>Whether a receiver's answer acknowledges a v2 notification as WeChat Pay judges it: v2's XML with <c>return_code</c> SUCCESS.</summary>
    public static bool Acknowledges(string? answer) =>
        answer is not null && SandboxV2Xml.TryParse(Encoding.UTF8.GetBytes(answer), out var fields, out _)
        && fields.TryGetValue("return_code", out var code) && code == "SUCCESS";

    // The defaults in their order, each replaced by the caller's value of the same name, then the caller's other fields.
    private static List<KeyValuePair<string, string>> Merge(IReadOnlyDictionary<string, string> given, IEnumerable<KeyValuePair<string, string>> defaults)
    {
        var merged = defaults.Select(d => new KeyValuePair<string, string>(d.Key, given.TryGetValue(d.Key, out var value) ? value : d.Value)).ToList();
        merged.AddRange(given.Where(g => merged.All(m => m.Key != g.Key)));
        return merged;
    }

    // The caller's fields as v2 strings (JSON text or an object): strings as given, numbers and booleans as their JSON text, nulls left out.
    private static Dictionary<string, string> Given(object fields, params string[] refused)
    {
        JToken parsed;
        try
        {
            parsed = fields as JToken ?? (fields is string text ? SandboxJson.Parse(text) : JToken.Parse(SandboxJson.Serialize(fields)));
        }
        catch (JsonReaderException)
        {
            throw new ArgumentException("fields is not a JSON object: give an object of the notification's fields, e.g. new { out_trade_no = \"…\" }.", nameof(fields));
        }
        if (parsed is not JObject json)
            throw new ArgumentException("fields is not an object: give an object of the notification's fields, e.g. new { out_trade_no = \"…\" }.", nameof(fields));

        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in json.Properties())
        {
            var name = property.Name;
            if (refused.Contains(name))
                throw new ArgumentException($"The field {name} is the sandbox's to make (it signs and encrypts with its APIv2 key): leave it out.", nameof(fields));
            if (!SandboxV2Xml.IsName(name))
                throw new ArgumentException("A field name is not a plain v2 field name (ASCII letters, digits and _): " + name + ".", nameof(fields));
            string? value = property.Value switch
            {
                JValue { Type: JTokenType.Null } => null,
                JValue { Type: JTokenType.String } text => (string)text!,
                JValue scalar => scalar.ToString(Formatting.None),
                _ => throw new ArgumentException($"The field {name} is nested: v2 notification fields are flat text.", nameof(fields)),
            };
            if (value is null) continue;
            if (value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
                throw new ArgumentException($"The field {name} holds a control character, which XML cannot carry.", nameof(fields));
            given[name] = value;
        }
        return given;
    }

    private static void Require(IReadOnlyDictionary<string, string> given, string name)
    {
        if (!given.TryGetValue(name, out var value) || value.Length == 0)
            throw new ArgumentException($"fields has no {name}: give the {name} the notification is about.", "fields");
    }

    private static string Value(List<KeyValuePair<string, string>> fields, string name) => fields.First(f => f.Key == name).Value;

    private static string Number(int digits) => System.Security.Cryptography.RandomNumberGenerator.GetString(Digits, digits);

    private static string Beijing(DateTimeOffset now, string format) => now.ToOffset(ChinaStandardTime).ToString(format, CultureInfo.InvariantCulture);
}
