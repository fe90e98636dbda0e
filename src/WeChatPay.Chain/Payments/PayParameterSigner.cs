using System;
using System.Globalization;
using System.Text;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Payments;

/// <summary>
/// Signs the parameters a front end starts a payment with, from a <c>prepay_id</c>: the message is the signed fields, each
/// followed by <c>\n</c>, signed SHA256withRSA with the merchant key (WeChat Pay documents no other pay signature, so a 国密
/// merchant key is refused). Every field is checked first: one with a line break
/// would shift the fields of the signed message, so it is refused, as is anything outside printable ASCII or longer than
/// WeChat Pay documents (<c>appid</c> and <c>mchid</c> at most 32 characters, <c>prepay_id</c> at most 64).
/// </summary>
internal sealed class PayParameterSigner
{
    /// <summary>The documented lengths: <c>appid</c> (and <c>sub_appid</c>) string[1,32], <c>mchid</c> string[1,32], <c>prepay_id</c> string[1,64].</summary>
    public const int MaxAppId = 32, MaxMerchantId = 32, MaxPrepayId = 64;

    private readonly SigningKey _key;
    private readonly string _merchantId;
    private readonly TimeProvider _clock;

    public PayParameterSigner(SigningKey key, string merchantId, TimeProvider clock)
    {
        _key = key;
        _merchantId = merchantId;
        _clock = clock;
    }

    /// <summary>Where nonces come from; tests pin it to a vector's nonce.</summary>
    internal Func<string> NonceSource { get; set; } = Nonce.Create;

    /// <exception cref="ArgumentException"><paramref name="appId"/> or <paramref name="prepayId"/> is empty, not printable ASCII, or longer than documented.</exception>
    /// <exception cref="NotSupportedException">The merchant key's scheme has no documented pay signature (国密).</exception>
    public WeChatPayJsapiParameters Jsapi(string appId, string prepayId)
    {
        RequireDocumentedSignature("JsapiPayParameters");
        Check(appId, nameof(appId), MaxAppId, "appid", "the AppID the order was placed for, e.g. wxd678efh567hg6787");
        Check(prepayId, nameof(prepayId), MaxPrepayId, "prepay_id", "the prepay_id the order answered, e.g. wx201410272009395522657a690389285100");
        var timestamp = Timestamp();
        var nonce = NonceSource();
        var package = "prepay_id=" + prepayId;
        return new WeChatPayJsapiParameters(appId, timestamp, nonce, package, SignLines(appId, timestamp, nonce, package));
    }

    /// <exception cref="ArgumentException">An argument is empty, not printable ASCII, or longer than documented.</exception>
    /// <exception cref="NotSupportedException">The merchant key's scheme has no documented pay signature (国密).</exception>
    public WeChatPayAppParameters App(string appId, string prepayId, string? partnerId)
    {
        RequireDocumentedSignature("AppPayParameters");
        Check(appId, nameof(appId), MaxAppId, "appid", "the mobile app's AppID the order was placed for");
        Check(prepayId, nameof(prepayId), MaxPrepayId, "prepay_id", "the prepay_id the order answered");
        var partner = partnerId ?? _merchantId;
        Check(partner, nameof(partnerId), MaxMerchantId, "mchid", "the merchant id (or the sub-merchant's, for a service provider)");
        var timestamp = Timestamp();
        var nonce = NonceSource();
        return new WeChatPayAppParameters(appId, partner, prepayId, nonce, timestamp, SignLines(appId, timestamp, nonce, prepayId));
    }

    /// <summary>The signed message: each line followed by <c>\n</c>.</summary>
    public static string Message(params string[] lines)
    {
        var message = new StringBuilder();
        foreach (var line in lines) message.Append(line).Append('\n');
        return message.ToString();
    }

    private void RequireDocumentedSignature(string method)
    {
        if (_key.Scheme.PaySignType is null)
            throw new NotSupportedException(
                $"{method}: WeChat Pay documents the JSAPI and APP pay signature as SHA256withRSA only (signType RSA), and this client's " +
                $"merchant key is a {_key.Scheme.Name} key. Make them with a client whose MerchantPrivateKey is the merchant's RSA key " +
                "(the key of its RSA API certificate, with that certificate's serial).");
    }

    private string SignLines(params string[] lines) => _key.Sign(Encoding.UTF8.GetBytes(Message(lines)));

    private string Timestamp() => _clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static void Check(string? value, string name, int maxLength, string documented, string what)
    {
        if (value is null) throw new ArgumentNullException(name);
        if (value.Length == 0) throw new ArgumentException($"{name} is empty: give {what}.", name);
        if (value.Length > maxLength)
            throw new ArgumentException(
                $"{name} has {value.Length} characters, more than the {maxLength} WeChat Pay documents for {documented}: give {what}.", name);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] <= ' ' || value[i] > '~')
                throw new ArgumentException(
                    $"{name} has {Shared.WireText.Describe(value[i])} at index {i}: it is one line of the signed message, so it must be " +
                    $"printable ASCII without spaces ({what}).", name);
        }
    }
}
