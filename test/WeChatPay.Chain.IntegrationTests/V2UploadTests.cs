using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// APIv2's upload (v2/secapi/mch/uploadmedia) through the same UploadAsync as v3's: the fields signed as APIv2 fields and sent
/// as form parts beside the image, media_hash the image's MD5, with the client certificate; judged by the sandbox's own code.
/// </summary>
public class V2UploadTests : SandboxFixture
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private WeChatPayClient _tls = null!;

    [OneTimeSetUp]
    public void StartTlsClient() => _tls = new WeChatPayClient(sandbox.TlsClientOptions());

    [OneTimeTearDown]
    public void StopTlsClient() => _tls.Dispose();

    [TestCase(null)]
    [TestCase("HMAC-SHA256")]
    public async Task An_image_is_uploaded_with_its_MD5_and_the_certificate_and_answers_its_media_id(string? signType)
    {
        var res = await _tls.Chain("v2/secapi/mch/uploadmedia").UploadAsync(WeChatPayFile.FromBytes(Png, "logo.png"), new { mch_id = "1900000001", sign_type = signType });

        var seen = sandbox.Calls[^1];
        Assert.That((string?)res.Data.result_code, Is.EqualTo("SUCCESS"));
        Assert.That((string?)res.Data.media_id, Is.Not.Empty);
        Assert.That(seen.Path, Is.EqualTo("/secapi/mch/uploadmedia"));
        Assert.That(seen.FailedCheck, Is.Null);
        Assert.That(seen.PresentedClientCertificate, Is.True);
        Assert.That(seen.PassedChecks, Does.Contain(SandboxCheck.Signature).And.Contain(SandboxCheck.ClientCertificate));
    }

    [Test]
    public async Task The_typed_chain_uploads_too()
    {
        var res = await _tls.V2.Secapi.Mch.Uploadmedia.UploadAsync(WeChatPayFile.FromBytes(Png, "logo.png"), new { mch_id = "1900000001" });
        Assert.That((string?)res.Data.result_code, Is.EqualTo("SUCCESS"));
    }

    [Test]
    public void A_hash_that_is_not_the_images_is_refused_by_the_sandbox()
    {
        var wrong = Convert.ToHexString(MD5.HashData(new byte[] { 1, 2, 3 })).ToLowerInvariant();
        var error = Assert.ThrowsAsync<WeChatPayException>(() =>
            _tls.Chain("v2/secapi/mch/uploadmedia").UploadAsync(WeChatPayFile.FromBytes(Png, "logo.png"), new { mch_id = "1900000001", media_hash = wrong }));
        Assert.That(error!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(sandbox.Calls[^1].ErrorField, Is.EqualTo("media_hash"));
    }

    [Test]
    public void A_file_that_is_not_an_image_is_refused_before_sending()
    {
        var before = sandbox.Calls.Count;
        Assert.Throws<ArgumentException>(() => _tls.Chain("v2/secapi/mch/uploadmedia").UploadAsync(WeChatPayFile.FromBytes(new byte[] { 1, 2, 3 }, "notes.txt"), new { mch_id = "1900000001" }).GetAwaiter().GetResult());
        Assert.That(sandbox.Calls.Count, Is.EqualTo(before));
    }

    [Test]
    public void PostAsync_on_the_upload_says_to_call_UploadAsync()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => _tls.Chain("v2/secapi/mch/uploadmedia").PostAsync(new { mch_id = "1900000001" }));
        Assert.That(error!.Message, Does.Contain("UploadAsync"));
    }
}
