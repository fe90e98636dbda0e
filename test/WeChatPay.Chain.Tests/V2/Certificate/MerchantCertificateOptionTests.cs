using System;
using System.IO;
using System.Net.Http;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.V2.Certificate;

/// <summary>WeChatPayOptions.MerchantCertificate: read from .p12 or PEM, checked at start, every mistake named without a secret.</summary>
public class MerchantCertificateOptionTests
{
    private static WeChatPayOptions Options(string? certificate, string? password = null)
    {
        var options = TestClient.Options();
        options.ApiV2Key = V2TestData.ApiV2Key;
        options.MerchantCertificate = certificate;
        options.MerchantCertificatePassword = password;
        return options;
    }

    private static ArgumentException Refused(WeChatPayOptions options) => Assert.Throws<ArgumentException>(() => new WeChatPayClient(options).Dispose())!;

    [Test]
    public void A_p12_opens_with_the_merchant_id_by_default()
    {
        using var certificate = TestMerchantCertificates.ForMerchantKey();
        var path = TestMerchantCertificates.P12File(certificate, TestData.MerchantId);
        Assert.DoesNotThrow(() => new WeChatPayClient(Options(path)).Dispose());
    }

    [Test]
    public void A_p12_opens_with_the_password_given()
    {
        using var certificate = TestMerchantCertificates.ForMerchantKey();
        var path = TestMerchantCertificates.P12File(certificate, "p12-password-9");
        Assert.DoesNotThrow(() => new WeChatPayClient(Options(path, "p12-password-9")).Dispose());
    }

    [Test]
    public void A_wrong_password_is_named_and_not_shown()
    {
        using var certificate = TestMerchantCertificates.ForMerchantKey();
        var path = TestMerchantCertificates.P12File(certificate, "right-password");
        var error = Refused(Options(path, "wrong-password"));
        Assert.Multiple(() =>
        {
            Assert.That(error.ParamName, Is.EqualTo("MerchantCertificate"));
            Assert.That(error.Message, Does.Contain("MerchantCertificatePassword"));
            Assert.That(error.Message, Does.Not.Contain("wrong-password").And.Not.Contain("right-password"));
        });
        var byDefault = Refused(Options(path));
        Assert.That(byDefault.Message, Does.Contain("merchant id"));
    }

    [Test]
    public void A_pem_certificate_is_paired_with_the_merchant_key_as_text_and_as_a_path()
    {
        using var certificate = TestMerchantCertificates.ForMerchantKey();
        var pem = TestMerchantCertificates.Pem(certificate);
        var path = Path.Combine(Path.GetTempPath(), "apiclient_cert-" + Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, pem);
        Assert.DoesNotThrow(() => new WeChatPayClient(Options(pem)).Dispose());
        Assert.DoesNotThrow(() => new WeChatPayClient(Options(path)).Dispose());
    }

    [Test]
    public void A_certificate_of_another_key_is_refused_in_both_forms()
    {
        using var certificate = TestMerchantCertificates.ForAnotherKey();
        foreach (var value in new[] { TestMerchantCertificates.Pem(certificate), TestMerchantCertificates.P12File(certificate, TestData.MerchantId) })
        {
            var error = Refused(Options(value));
            Assert.That(error.Message, Does.Contain("is not the certificate of MerchantPrivateKey"));
        }
    }

    [Test]
    public void An_expired_certificate_and_one_not_yet_valid_are_refused()
    {
        using var expired = TestMerchantCertificates.ForMerchantKey(TestClient.Now.AddYears(-2), TestClient.Now.AddDays(-1));
        using var early = TestMerchantCertificates.ForMerchantKey(TestClient.Now.AddDays(2), TestClient.Now.AddYears(1));
        Assert.That(Refused(Options(TestMerchantCertificates.Pem(expired))).Message, Does.Contain("expired on"));
        Assert.That(Refused(Options(TestMerchantCertificates.Pem(early))).Message, Does.Contain("is not valid before"));
    }

    [Test]
    public void A_p12_without_its_key_is_refused()
    {
        using var certificate = TestMerchantCertificates.ForMerchantKey();
        var path = TestMerchantCertificates.P12File(certificate, TestData.MerchantId, withKey: false);
        Assert.That(Refused(Options(path)).Message, Does.Contain("without its private key"));
    }

    [Test]
    public void A_missing_file_and_garbage_are_named()
    {
        Assert.That(Refused(Options("/no/such/apiclient_cert.p12")).Message, Does.Contain("was not found"));
        var garbage = Path.Combine(Path.GetTempPath(), "garbage-" + Guid.NewGuid().ToString("N") + ".p12");
        File.WriteAllBytes(garbage, new byte[] { 1, 2, 3, 4 });
        Assert.That(Refused(Options(garbage)).ParamName, Is.EqualTo("MerchantCertificate"));
        Assert.That(Refused(Options("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")).ParamName, Is.EqualTo("MerchantCertificate"));
    }

    [Test]
    public void With_a_handler_of_yours_the_certificate_needs_a_certificate_handler_too()
    {
        using var certificate = TestMerchantCertificates.ForMerchantKey();
        using var handler = new HttpClientHandler();
        var options = Options(TestMerchantCertificates.Pem(certificate));
        options.HttpMessageHandler = handler;
        var error = Refused(options);
        Assert.That(error.ParamName, Is.EqualTo("CertificateHttpMessageHandler"));

        using var withCertificate = new HttpClientHandler();
        options.CertificateHttpMessageHandler = withCertificate;
        Assert.DoesNotThrow(() => new WeChatPayClient(options).Dispose());
    }

    [Test]
    public void A_guomi_merchant_gives_its_RSA_certificate_as_a_p12_with_its_own_key_and_not_as_PEM()
    {
        var now = TimeProvider.System.GetUtcNow(); // the 国密 test merchant runs on the machine's clock
        using var certificate = TestMerchantCertificates.ForAnotherKey(now.AddDays(-1), now.AddYears(1));
        var options = SmTestClient.Options();
        options.ApiV2Key = V2TestData.ApiV2Key;
        options.MerchantCertificate = TestMerchantCertificates.P12File(certificate, options.MerchantId);
        Assert.DoesNotThrow(() => new WeChatPayClient(options).Dispose());

        options.MerchantCertificate = TestMerchantCertificates.Pem(certificate);
        var error = Refused(options);
        Assert.That(error.Message, Does.Contain("an SM2 key").And.Contain("apiclient_cert.p12"));
    }
}
