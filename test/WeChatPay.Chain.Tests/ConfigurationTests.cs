using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

public class ConfigurationTests
{
    [Test]
    public void The_test_configuration_builds_a_client()
    {
        using var client = TestClient.Create();
        Assert.That(client.BaseUrl, Is.EqualTo("https://api.mch.weixin.qq.com/"));
    }

    [Test]
    public void Keys_given_as_pem_text_work_like_file_paths()
    {
        var options = TestClient.Options();
        options.MerchantPrivateKey = File.ReadAllText(TestData.MerchantKeyPath);
        options.PlatformKeys[TestData.PlatformSerial] = File.ReadAllText(TestData.PlatformCertificatePath);
        Assert.DoesNotThrow(() => new WeChatPayClient(options).Dispose());
    }

    [Test]
    public void An_expired_platform_certificate_is_rejected_at_start_naming_its_expiry_and_the_fix()
    {
        var options = TestClient.Options();
        options.PlatformKeys[TestData.PlatformSerial] = TestData.PlatformCertificatePath;
        options.TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2035, 1, 2, 0, 0, 0, TimeSpan.Zero));

        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));

        Assert.That(error!.ParamName, Is.EqualTo(nameof(WeChatPayOptions.PlatformKeys)));
        Assert.That(error.Message, Does.Contain($"PlatformKeys[\"{TestData.PlatformSerial}\"] is a certificate that expired on 2035-01-01"));
    }

    [TestCase(0.5)]
    [TestCase(31 * 24 * 60)]
    public void A_refresh_interval_outside_one_minute_to_30_days_is_rejected(double minutes)
    {
        var options = TestClient.Options();
        options.CertificateRefreshInterval = TimeSpan.FromMinutes(minutes);

        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));

        Assert.That(error!.ParamName, Is.EqualTo(nameof(WeChatPayOptions.CertificateRefreshInterval)));
    }

    [Test]
    public void An_EncryptionKeyId_naming_no_configured_key_is_rejected_when_nothing_can_be_downloaded()
    {
        var options = TestClient.Options();
        options.ApiV3Key = null;
        options.EncryptionKeyId = "PUB_KEY_ID_0000000000000000000000000099";

        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));

        Assert.That(error!.ParamName, Is.EqualTo(nameof(WeChatPayOptions.EncryptionKeyId)));
        Assert.That(error.Message, Does.Contain("names none of the PlatformKeys"));
    }

    [Test]
    public void EncryptionKeyId_chooses_the_key_that_encrypts_among_those_configured()
    {
        var options = TestClient.Options();
        options.PlatformKeys[TestData.PlatformSerial] = TestData.PlatformCertificatePath;
        options.EncryptionKeyId = TestData.PlatformSerial;
        using var client = new WeChatPayClient(options);

        Assert.That(client.EncryptionSerial, Is.EqualTo(TestData.PlatformSerial));
        Assert.That(client.PlatformKeyIds, Has.Count.EqualTo(2));
    }

    [Test]
    public void The_platform_key_ids_handed_out_cannot_be_changed_through_a_cast()
    {
        using var client = TestClient.Create();
        var ids = (System.Collections.Generic.IList<string>)client.PlatformKeyIds;

        Assert.Throws<NotSupportedException>(() => ids[0] = "PUB_KEY_ID_0000000000000000000000000666");
        Assert.That(client.PlatformKeyIds, Does.Not.Contain("PUB_KEY_ID_0000000000000000000000000666"));
    }

    [Test]
    public void The_merchant_serial_used_as_a_platform_key_is_rejected_with_the_reason()
    {
        var options = TestClient.Options();
        options.PlatformKeys[TestData.MerchantSerial] = TestData.Key("merchant_cert.pem");

        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));
        Assert.That(error!.Message, Does.Contain("merchant's own serial").And.Contain("PUB_KEY_ID"));
    }

    [Test]
    public void The_merchant_key_filed_under_a_platform_id_is_rejected()
    {
        var options = TestClient.Options();
        options.PlatformKeys.Clear();
        options.PlatformKeys["PUB_KEY_ID_0000000000000000000000000001"] = TestData.Key("merchant_pub.pem");

        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));
        Assert.That(error!.Message, Does.Contain("merchant's own public key"));
    }

    [Test]
    public void No_platform_key_is_rejected_and_the_message_says_where_to_get_one()
    {
        var options = TestClient.Options();
        options.PlatformKeys.Clear();

        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));
        Assert.That(error!.ParamName, Is.EqualTo("PlatformKeys"));
        Assert.That(error.Message, Does.Contain("PUB_KEY_ID_"));
    }

    [Test]
    public void A_certificate_filed_under_another_serial_is_rejected()
    {
        var options = TestClient.Options();
        options.PlatformKeys.Clear();
        options.PlatformKeys["7E1D2C3B4A5968778695A4B3C2D1E0F123456789"] = TestData.PlatformCertificatePath;

        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));
        Assert.That(error!.Message, Does.Contain(TestData.PlatformSerial));
    }

    [TestCase(nameof(WeChatPayOptions.MerchantId), "")]
    [TestCase(nameof(WeChatPayOptions.MerchantId), "19000 00001")]
    [TestCase(nameof(WeChatPayOptions.MerchantSerialNumber), "")]
    [TestCase(nameof(WeChatPayOptions.MerchantSerialNumber), "5D61\"E8")]
    [TestCase(nameof(WeChatPayOptions.MerchantPrivateKey), "")]
    [TestCase(nameof(WeChatPayOptions.MerchantPrivateKey), "not a key and not a file")]
    [TestCase(nameof(WeChatPayOptions.BaseUrl), "api.mch.weixin.qq.com")]
    [TestCase(nameof(WeChatPayOptions.BaseUrl), "ftp://api.mch.weixin.qq.com/")]
    public void A_wrong_option_is_named_in_the_error(string option, string value)
    {
        var options = TestClient.Options();
        typeof(WeChatPayOptions).GetProperty(option)!.SetValue(options, value);

        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));
        Assert.That(error!.ParamName, Is.EqualTo(option));
        Assert.That(error.Message, Does.Contain(option));
    }

    [Test]
    public void A_broken_private_key_error_never_echoes_key_material()
    {
        var pem = File.ReadAllText(TestData.MerchantKeyPath);
        var lines = pem.Split('\n');
        var broken = string.Join("\n", lines.Take(5)) + "\n-----END PRIVATE KEY-----\n";
        var options = TestClient.Options();
        options.MerchantPrivateKey = broken;

        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));
        foreach (var line in lines.Skip(1).Take(4))
            Assert.That(error!.Message, Does.Not.Contain(line.Trim()));
    }

    [Test]
    public void A_base_url_without_trailing_slash_gets_one()
    {
        var options = TestClient.Options();
        options.BaseUrl = "http://127.0.0.1:8080/proxy";
        using var client = new WeChatPayClient(options);
        Assert.That(client.BaseUrl, Is.EqualTo("http://127.0.0.1:8080/proxy/"));
    }
}
