using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>
/// A 国密 merchant's configuration at construction: SM2 keys accepted, with or without <see cref="WeChatPayOptions.Scheme"/>;
/// keys of two schemes, or a Scheme the merchant key does not follow, refused naming the option to fix and no key material.
/// </summary>
public class SchemeConfigurationTests
{
    private const string Rsa = "WECHATPAY2-SHA256-RSA2048";
    private const string Sm = "WECHATPAY2-SM2-WITH-SM3";

    private static WeChatPayOptions SmOptions() => SmTestClient.Options();

    // What no message may hold: a line of either merchant key's PEM.
    private static string[] KeyLines() => new[] { CryptoTestData.PathOf(SmTestData.MerchantKey), TestData.MerchantKeyPath }
        .SelectMany(path => File.ReadAllLines(path)).Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal)).ToArray();

    private static ArgumentException Refused(WeChatPayOptions options, string option, params string[] named)
    {
        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options))!;
        Assert.That(error.ParamName, Is.EqualTo(option));
        foreach (var name in named) Assert.That(error.Message, Does.Contain(name));
        Assert.That(KeyLines().Where(line => error.Message.Contains(line, StringComparison.Ordinal)), Is.Empty, "no key material");
        return error;
    }

    [TestCase(null)]
    [TestCase(WeChatPayScheme.Sm2)]
    public void SM2_keys_build_a_client_with_the_scheme_left_to_the_key_or_named(WeChatPayScheme? scheme)
    {
        var options = SmOptions();
        options.Scheme = scheme;

        using var client = new WeChatPayClient(options);

        Assert.That(client.PlatformKeyIds, Is.EqualTo(new[] { SmTestData.PlatformSerial }));
    }

    [Test]
    public void An_SM2_merchant_key_with_RSA_platform_keys_is_refused_naming_PlatformKeys_and_both_schemes()
    {
        var options = SmOptions();
        options.PlatformKeys.Clear();
        options.PlatformKeys[TestData.PlatformSerial] = TestData.PlatformCertificatePath;

        Refused(options, nameof(WeChatPayOptions.PlatformKeys), $"PlatformKeys[\"{TestData.PlatformSerial}\"] is a {Rsa} key", $"MerchantPrivateKey is a {Sm} key");
    }

    [Test]
    public void An_RSA_merchant_key_with_an_SM2_platform_key_is_refused_the_same_way()
    {
        var options = TestClient.Options();
        options.PlatformKeys[SmTestData.PlatformSerial] = CryptoTestData.PathOf(SmTestData.PlatformPublicKey);

        Refused(options, nameof(WeChatPayOptions.PlatformKeys), $"is a {Sm} key", $"MerchantPrivateKey is a {Rsa} key");
    }

    [Test]
    public void Scheme_Rsa_with_an_SM2_merchant_key_is_refused_naming_Scheme_and_the_key()
    {
        var options = SmOptions();
        options.Scheme = WeChatPayScheme.Rsa;

        Refused(options, nameof(WeChatPayOptions.Scheme), Rsa, $"MerchantPrivateKey is a {Sm} key", "leave Scheme null");
    }

    [Test]
    public void Scheme_Sm2_with_an_RSA_merchant_key_is_refused_naming_Scheme_and_the_key()
    {
        var options = TestClient.Options();
        options.Scheme = WeChatPayScheme.Sm2;

        Refused(options, nameof(WeChatPayOptions.Scheme), Sm, $"MerchantPrivateKey is a {Rsa} key");
    }

    [Test]
    public void A_Scheme_value_that_names_no_scheme_is_refused_with_the_choices()
    {
        var options = SmOptions();
        options.Scheme = (WeChatPayScheme)7;

        Refused(options, nameof(WeChatPayOptions.Scheme), "WeChatPayScheme.Rsa", "WeChatPayScheme.Sm2");
    }

    [Test]
    public void The_SM2_merchant_certificate_given_as_a_platform_key_is_refused_as_the_merchants_own()
    {
        var options = SmOptions();
        options.PlatformKeys["PUB_KEY_ID_0114232134912410000000000000"] = CryptoTestData.PathOf(SmTestData.MerchantPublicKey);

        Refused(options, nameof(WeChatPayOptions.PlatformKeys), "holds the merchant's own public key");
    }
}
