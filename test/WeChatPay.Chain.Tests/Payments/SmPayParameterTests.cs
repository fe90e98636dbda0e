using System;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Payments;

/// <summary>
/// A 国密 merchant's pay parameters: WeChat Pay documents the JSAPI and APP pay signature as SHA256withRSA only
/// (<c>signType</c> "仅支持RSA"), so a client with an SM2 merchant key refuses to make them rather than sign with SM2 under
/// <c>signType=RSA</c>, which WeChat would not accept.
/// </summary>
public class SmPayParameterTests
{
    private static WeChatPayClient SmClient() => SmTestClient.Create();

    [Test]
    public void JSAPI_parameters_are_refused_naming_the_documented_signature_and_what_to_do()
    {
        using var client = SmClient();

        var e = Assert.Throws<NotSupportedException>(() => client.JsapiPayParameters("wxd678efh567hg6787", "wx201410272009395522657a690389285100"))!;

        Assert.That(e.Message, Does.Contain("SHA256withRSA").And.Contain("WECHATPAY2-SM2-WITH-SM3").And.Contain("MerchantPrivateKey is the merchant's RSA key"));
        Assert.That(e.Message, Does.Not.Contain("BEGIN").And.Not.Contain("sm2_merchant_key"));
    }

    [Test]
    public void APP_parameters_are_refused_as_well()
    {
        using var client = SmClient();

        Assert.Throws<NotSupportedException>(() => client.AppPayParameters("wxd678efh567hg6787", "wx201410272009395522657a690389285100"));
    }

    [Test]
    public void An_RSA_merchant_still_gets_them()
    {
        using var client = TestClient.Create();

        Assert.That(client.JsapiPayParameters("wxd678efh567hg6787", "wx201410272009395522657a690389285100").SignType, Is.EqualTo("RSA"));
    }
}
