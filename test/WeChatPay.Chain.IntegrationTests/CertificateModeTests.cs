using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>Platform-certificate mode: a self-signed certificate under a 40-hex serial, served by GET v3/certificates.</summary>
public class CertificateModeTests : SandboxFixture
{
    protected override SandboxOptions? Options => new SandboxOptions { Mode = KeyMode.Certificate };

    [Test]
    public async Task Certificates_decrypt_with_the_APIv3_key_to_the_certificate_whose_serial_is_the_platform_id()
    {
        var options = sandbox.ClientOptions();

        WeChatPayResponse res = await client.V3.Certificates.GetAsync();

        var entry = res.Json!["data"]![0]!;
        Assert.That((string?)entry["serial_no"], Is.EqualTo(sandbox.PlatformKeyId));
        var sealedCertificate = entry["encrypt_certificate"]!;
        Assert.That((string?)sealedCertificate["algorithm"], Is.EqualTo("AEAD_AES_256_GCM"));
        Assert.That((string?)sealedCertificate["associated_data"], Is.EqualTo("certificate"));
        var pem = AesGcm256.Decrypt(options.ApiV3Key!, (string)sealedCertificate["nonce"]!, "certificate", (string)sealedCertificate["ciphertext"]!);
        var certificate = RsaPublicKey.Load(pem, "downloaded certificate");
        Assert.That(certificate.CertificateSerial, Is.EqualTo(sandbox.PlatformKeyId));
        Assert.That(certificate.NotBefore, Is.LessThan(DateTimeOffset.UtcNow));
        Assert.That(certificate.NotAfter, Is.GreaterThan(DateTimeOffset.UtcNow.AddYears(1)));
        Assert.That((string?)entry["effective_time"], Does.EndWith("+08:00"));
        Assert.That(res.Headers["Wechatpay-Serial"], Is.EqualTo(sandbox.PlatformKeyId));
    }

    [Test]
    public async Task DownloadCertificatesAsync_gives_the_sandboxs_certificate_decrypted_checked_and_verified()
    {
        var certificates = await client.DownloadCertificatesAsync();

        Assert.That(certificates, Has.Count.EqualTo(1));
        var certificate = certificates[0];
        Assert.That(certificate.SerialNumber, Is.EqualTo(sandbox.PlatformKeyId));
        Assert.That(certificate.FileName, Is.EqualTo($"wechatpay_{sandbox.PlatformKeyId}.pem"));
        Assert.That(RsaPublicKey.Load(certificate.Pem, "downloaded").CertificateSerial, Is.EqualTo(sandbox.PlatformKeyId));
        Assert.That(certificate.ExpireTime, Is.GreaterThan(DateTimeOffset.UtcNow.AddYears(1)));

        // What was downloaded configures a client of its own, which then verifies the sandbox's answers.
        var options = sandbox.ClientOptions();
        options.PlatformKeys.Clear();
        options.PlatformKeys[certificate.SerialNumber] = certificate.Pem;
        using var fresh = new WeChatPayClient(options);
        WeChatPayResponse res = await fresh.V3.Pay.Transactions.Id["4200000001"].GetAsync(new { mchid = options.MerchantId });
        Assert.That(res.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task A_downloaded_certificate_saves_to_its_file_name_and_a_later_save_replaces_it_whole()
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wxpay-certificates-" + Guid.NewGuid().ToString("N"));
        try
        {
            var certificate = (await client.DownloadCertificatesAsync()).Single();

            var path = certificate.SaveTo(directory);
            System.IO.File.WriteAllText(path, "stale");
            var again = certificate.SaveTo(directory);

            Assert.That(path, Is.EqualTo(System.IO.Path.Combine(directory, $"wechatpay_{sandbox.PlatformKeyId}.pem")));
            Assert.That(again, Is.EqualTo(path));
            Assert.That(System.IO.File.ReadAllText(path), Is.EqualTo(certificate.Pem));
            Assert.That(System.IO.Directory.GetFiles(directory), Has.Length.EqualTo(1), "no partial file left behind");
            Assert.That(RsaPublicKey.Load(path, "saved").CertificateSerial, Is.EqualTo(sandbox.PlatformKeyId));
            Assert.That(() => certificate.SaveTo(" "), Throws.ArgumentException);
        }
        finally
        {
            if (System.IO.Directory.Exists(directory)) System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void DownloadCertificatesAsync_without_an_apiv3_key_says_which_option_to_set()
    {
        var options = sandbox.ClientOptions();
        options.ApiV3Key = null;
        using var keyless = new WeChatPayClient(options);
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => keyless.DownloadCertificatesAsync());
        Assert.That(error!.Message, Does.Contain("ApiV3Key"));
    }

    [Test]
    public async Task Asking_for_SM2_certificates_answers_an_empty_list()
    {
        WeChatPayResponse res = await client.V3.Certificates.GetAsync(new { algorithm_type = "SM2" });

        Assert.That(res.Json!["data"], Is.Empty);
    }

    [Test]
    public async Task The_platform_id_is_a_40_hex_serial_and_the_client_gets_the_certificate()
    {
        var options = sandbox.ClientOptions();

        Assert.That(sandbox.Mode, Is.EqualTo(KeyMode.Certificate));
        Assert.That(sandbox.PlatformKeyId, Does.Match("^[0-9A-F]{40}$"));
        Assert.That(options.PlatformKeys[sandbox.PlatformKeyId], Does.StartWith("-----BEGIN CERTIFICATE-----"));
        WeChatPayResponse res = await client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(Seeds.PapaySign());
        Assert.That(res.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Given_keys_and_certificate_are_used_as_given()
    {
        await using var given = await WeChatPaySandbox.StartAsync(new SandboxOptions
        {
            Mode = KeyMode.Certificate,
            MerchantId = "1900000001",
            MerchantPrivateKey = TestKeys.Path("merchant_key.pem"),
            MerchantSerialNumber = TestKeys.MerchantSerial,
            PlatformPrivateKey = TestKeys.Text("platform_key.pem"),
            PlatformCertificate = TestKeys.Path("platform_cert.pem"),
            ApiV3Key = TestKeys.ApiV3Key,
        });
        var options = given.ClientOptions();
        using var givenClient = new WeChatPayClient(options);

        WeChatPayResponse res = await givenClient.V3.Certificates.GetAsync();

        Assert.That(given.PlatformKeyId, Is.EqualTo(TestKeys.PlatformSerial));
        Assert.That(options.MerchantSerialNumber, Is.EqualTo(TestKeys.MerchantSerial));
        Assert.That(options.ApiV3Key, Is.EqualTo(TestKeys.ApiV3Key));
        Assert.That((string?)res.Json!["data"]![0]!["serial_no"], Is.EqualTo(TestKeys.PlatformSerial));
    }

    [Test]
    public void Inconsistent_given_keys_are_refused_at_start()
    {
        Assert.ThrowsAsync<ArgumentException>(() => WeChatPaySandbox.StartAsync(new SandboxOptions { PlatformKeyId = "72DCBEA7B2ED92CCBD5DB087E6450FF1DFC6F92B" }));
        Assert.ThrowsAsync<ArgumentException>(() => WeChatPaySandbox.StartAsync(new SandboxOptions
        {
            Mode = KeyMode.Certificate,
            PlatformCertificate = TestKeys.Path("platform_cert.pem"),
        }));
        Assert.ThrowsAsync<ArgumentException>(() => WeChatPaySandbox.StartAsync(new SandboxOptions { ApiV3Key = "too short" }));
        Assert.ThrowsAsync<ArgumentException>(() => WeChatPaySandbox.StartAsync(new SandboxOptions { Port = 70000 }));
    }
}
