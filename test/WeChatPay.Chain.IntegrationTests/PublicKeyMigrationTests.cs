using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>The migration from platform certificates to a WeChat Pay public key, played by the sandbox; for an RSA and a 国密 merchant (SM2 certificates to an SM2 public key).</summary>
[TestFixture(SandboxScheme.Rsa)]
[TestFixture(SandboxScheme.Sm)]
public class PublicKeyMigrationTests(SandboxScheme scheme)
{
    private static readonly object Receiver = new { appid = "wx8888888888888888", type = "MERCHANT_ID", account = "86693852", name = "hu89ohu89ohu", relation_type = "STORE" };

    private WeChatPaySandbox _sandbox = null!;

    [SetUp]
    public async Task Start() => _sandbox = await WeChatPaySandbox.StartAsync(new SandboxOptions { Mode = KeyMode.Certificate, Scheme = scheme });

    [TearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    private static Task<WeChatPayResponse> AddReceiver(WeChatPayClient client, WeChatPayRequestOptions? options = null) =>
        (Task<WeChatPayResponse>)client.V3.Profitsharing.Receivers.Add.PostAsync(Receiver, options);

    [Test]
    public async Task A_client_with_both_keys_verifies_answers_signed_by_either_and_encrypts_with_the_one_chosen()
    {
        var certificate = _sandbox.PlatformKeyId;
        var publicKey = _sandbox.SwitchToPublicKey();
        var options = _sandbox.ClientOptions();
        Assert.That(options.PlatformKeys.Keys, Is.EquivalentTo(new[] { certificate, publicKey }));
        options.EncryptionKeyId = certificate;
        using var client = new WeChatPayClient(options);

        var res = await AddReceiver(client);

        Assert.That(res.Headers["Wechatpay-Serial"], Is.EqualTo(publicKey), "the public key signs");
        Assert.That(client.EncryptionSerial, Is.EqualTo(certificate), "the merchant's choice encrypts");
        Assert.That(res.EncryptedFields, Is.EqualTo(new[] { "name" }));
        Assert.That(_sandbox.Calls.Last().DecryptedFields, Is.EqualTo(new[] { "name" }), "the sandbox decrypted it with the certificate's key");
        Assert.That(_sandbox.Calls.Any(c => c.Path == "/v3/certificates"), Is.False);
    }

    [Test]
    public async Task By_default_the_public_key_encrypts_once_it_is_configured()
    {
        var publicKey = _sandbox.SwitchToPublicKey();
        using var client = new WeChatPayClient(_sandbox.ClientOptions());

        var res = await AddReceiver(client);

        Assert.That(client.EncryptionSerial, Is.EqualTo(publicKey));
        Assert.That(res.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public void A_certificate_only_client_meeting_the_public_key_says_what_to_configure()
    {
        using var client = new WeChatPayClient(_sandbox.ClientOptions());
        var publicKey = _sandbox.SwitchToPublicKey();

        var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => AddReceiver(client));

        Assert.That(error!.FailedCheck, Is.EqualTo(SignatureCheck.UnknownSerial));
        Assert.That(error.Message, Does.Contain($"WeChat Pay signs with its public key {publicKey} now").And.Contain("add it to PlatformKeys"));
        Assert.That(_sandbox.Calls.Count(c => c.Path == "/v3/certificates"), Is.EqualTo(1), "one refresh was tried first");
    }

    [Test]
    public async Task In_mixed_mode_a_refresh_keeps_the_public_key_and_the_certificates_are_still_listed()
    {
        var certificate = _sandbox.PlatformKeyId;
        var publicKey = _sandbox.SwitchToPublicKey();
        using var client = new WeChatPayClient(_sandbox.ClientOptions());

        var held = await client.RefreshCertificatesAsync();

        Assert.That(held.Select(c => c.SerialNumber), Is.EqualTo(new[] { certificate }), "the public key is no certificate");
        Assert.That(client.PlatformKeyIds, Is.EquivalentTo(new[] { certificate, publicKey }));
    }

    [Test]
    public async Task A_public_key_only_client_never_downloads()
    {
        var certificate = _sandbox.PlatformKeyId;
        _sandbox.SwitchToPublicKey();
        var options = _sandbox.ClientOptions();
        options.PlatformKeys.Remove(certificate);
        using var client = new WeChatPayClient(options);

        Assert.That((await AddReceiver(client)).StatusCode, Is.EqualTo(200));
        Assert.That(async () => await client.RefreshCertificatesAsync(), Throws.InvalidOperationException);
        Assert.That(_sandbox.Calls.Any(c => c.Path == "/v3/certificates"), Is.False);
    }

    [Test]
    public async Task The_sandbox_switches_once_and_only_from_certificate_mode()
    {
        _sandbox.SwitchToPublicKey();

        Assert.That(() => _sandbox.SwitchToPublicKey(), Throws.InvalidOperationException.With.Message.Contains("switched"));
        Assert.That(() => _sandbox.RotatePlatformCertificate(), Throws.InvalidOperationException.With.Message.Contains("public key"));
        await using var publicMode = await WeChatPaySandbox.StartAsync();
        Assert.That(() => publicMode.SwitchToPublicKey(), Throws.InvalidOperationException.With.Message.Contains("certificate-mode"));
        Assert.That(() => publicMode.RotatePlatformCertificate(), Throws.InvalidOperationException);
    }
}
