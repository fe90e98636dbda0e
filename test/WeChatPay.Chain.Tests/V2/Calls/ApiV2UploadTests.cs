using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.V2.Calls;

/// <summary>What the v2 upload sends: each signed field a form part, media_hash the file's MD5, no nonce, no v3 signature.</summary>
public class ApiV2UploadTests : V2CallFixture
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    protected override bool WithMerchantCertificate => true;

    private async Task<Dictionary<string, string>> SentParts()
    {
        var form = (MultipartFormDataContent)Http.CallLog.Single().HttpRequestMessage.Content!;
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in form)
        {
            var name = part.Headers.ContentDisposition!.Name!.Trim('"');
            // The file part streamed the caller's file, closed since; its file name shows it went.
            parts[name] = name == "media" ? part.Headers.ContentDisposition.FileName!.Trim('"') : await part.ReadAsStringAsync();
        }
        return parts;
    }

    [TestCase(null)]
    [TestCase("HMAC-SHA256")]
    public async Task The_fields_are_signed_form_parts_beside_the_image(string? signType)
    {
        var expected = signType is null ? ApiV2SignType.Md5 : ApiV2SignType.HmacSha256;
        Answer(Success(expected, ("media_id", "H1_PK0ZT2R6N8gGqp6AHKcDTpBdYN_0CmmXw")));

        var res = await Client.Chain("v2/secapi/mch/uploadmedia").UploadAsync(WeChatPayFile.FromBytes(Png, "logo.png"), new { mch_id = TestData.MerchantId, sign_type = signType });

        var sent = Http.CallLog.Single();
        var parts = await SentParts();
        var fields = parts.Where(p => p.Key != "media").Select(p => new KeyValuePair<string, string>(p.Key, p.Value)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Request.Url.ToString(), Is.EqualTo("https://api.mch.weixin.qq.com/secapi/mch/uploadmedia"));
            Assert.That(sent.HttpRequestMessage.Headers.Contains("Authorization"), Is.False, "no v3 signature");
            Assert.That(parts["media"], Is.EqualTo("logo.png"));
            Assert.That(parts["media_hash"], Is.EqualTo(Convert.ToHexString(MD5.HashData(Png)).ToLowerInvariant()));
            Assert.That(parts.ContainsKey("nonce_str"), Is.False, "the upload is documented without a nonce");
            Assert.That(ApiV2Signature.Verify(fields, Key, expected), Is.True, "the sign covers every field but the file");
            Assert.That((string)res.Data.media_id, Is.EqualTo("H1_PK0ZT2R6N8gGqp6AHKcDTpBdYN_0CmmXw"));
        });
    }

    [Test]
    public void Without_a_certificate_nothing_is_sent()
    {
        var options = Options();
        options.MerchantCertificate = null;
        using var client = new WeChatPayClient(options);
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => client.Chain("v2/secapi/mch/uploadmedia").UploadAsync(WeChatPayFile.FromBytes(Png, "logo.png"), new { mch_id = TestData.MerchantId }));
        Assert.That(error!.Message, Does.Contain("MerchantCertificate"));
        Assert.That(Http.CallLog, Is.Empty);
    }

    [Test]
    public void Another_merchant_is_refused_before_sending()
    {
        Assert.ThrowsAsync<WeChatPayValidationException>(() => Client.Chain("v2/secapi/mch/uploadmedia").UploadAsync(WeChatPayFile.FromBytes(Png, "logo.png"), new { mch_id = "1900000002" }));
        Assert.That(Http.CallLog, Is.Empty);
    }

    [TestCase("media_hash\"; filename=\"x.png")]
    [TestCase("remark\r\nX-Injected: 1")]
    [TestCase("a b")]
    public void A_field_name_that_would_rewrite_a_parts_header_is_refused_before_sending(string name)
    {
        var meta = new System.Collections.Generic.Dictionary<string, object> { ["mch_id"] = TestData.MerchantId, [name] = "1" };
        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.Chain("v2/secapi/mch/uploadmedia").UploadAsync(WeChatPayFile.FromBytes(Png, "logo.png"), meta));
        Assert.That(error!.Message, Does.Contain("XML element name"));
        Assert.That(Http.CallLog, Is.Empty);
    }
}
