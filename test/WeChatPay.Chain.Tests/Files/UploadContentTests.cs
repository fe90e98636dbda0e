using System;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Files;

/// <summary>What an upload declares: a file name WeChat Pay can record, and a content type that is the documented one and the file's own.</summary>
public class UploadContentTests : HttpFixture
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    // An ISO base media file's first box: ftyp, brand mp42.
    private static readonly byte[] Mp4 = { 0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'m', (byte)'p', (byte)'4', (byte)'2', 0, 0, 0, 0,
        (byte)'m', (byte)'p', (byte)'4', (byte)'2', (byte)'i', (byte)'s', (byte)'o', (byte)'m' };

    private static readonly byte[] Html = System.Text.Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>");

    [TestCase(".png", "has no name before its extension")]
    [TestCase("..png", "has no name before its extension")]
    [TestCase(" .png", "has no name before its extension")]
    [TestCase("logo\u2028.png", "the character U+2028")]
    [TestCase("logo\u2029.png", "the character U+2029")]
    [TestCase("logo\u0085.png", "the character U+0085")]
    [TestCase("logo\u202E.png", "the character U+202E")]
    [TestCase("logo\u200B.png", "the character U+200B")]
    [TestCase("logo\u0007.png", "the character U+0007")]
    [TestCase("logo\r\n.png", "a carriage return (U+000D)")]
    public void A_file_name_WeChat_Pay_cannot_record_is_refused(string name, string says)
    {
        var error = Assert.Throws<ArgumentException>(() => WeChatPayFile.FromBytes(Png, name));

        Assert.That(error!.Message, Does.Contain(says));
        Assert.That(error.ParamName, Is.EqualTo("fileName"));
    }

    [Test]
    public void A_file_name_with_a_lone_surrogate_is_refused()
    {
        // Built here: an attribute's string cannot carry a lone surrogate (it is stored as UTF-8).
        var error = Assert.Throws<ArgumentException>(() => WeChatPayFile.FromBytes(Png, "logo" + '\uD800' + ".png"));

        Assert.That(error!.Message, Does.Contain("the character U+D800 at index 4, a lone surrogate"));
    }

    [TestCase("商户标志.png")]
    [TestCase("logo.v2.png")]
    [TestCase("a.png")]
    public void A_file_name_with_a_base_name_is_taken(string name) =>
        Assert.That(WeChatPayFile.FromBytes(Png, name).FileName, Is.EqualTo(name));

    [TestCase("text/html\r\nX-Injected: 1")]
    [TestCase("image/png; charset=binary")]
    [TestCase("png")]
    [TestCase("image/")]
    [TestCase("")]
    public void A_content_type_that_is_not_a_media_type_is_refused(string contentType)
    {
        var error = Assert.Throws<ArgumentException>(() => WeChatPayFile.FromBytes(Png, "logo.png", contentType));

        Assert.That(error!.Message, Does.Contain("is not a media type such as image/png"));
        Assert.That(error.ParamName, Is.EqualTo("contentType"));
    }

    [TestCase("v3/merchant/media/upload", "logo.png", "text/html", "PNG", "accepts image/jpeg, image/png, image/bmp files; logo.png is declared text/html")]
    [TestCase("v3/merchant/media/upload", "logo.png", "image/jpeg", "PNG", "logo.png is declared image/jpeg, but its first bytes are not a JPEG image's")]
    [TestCase("v3/merchant/media/upload", "logo.png", null, "HTML", "logo.png is declared image/png, but its first bytes are not a PNG image's")]
    [TestCase("v3/merchant/media/video_upload", "clip.mp4", null, "PNG", "clip.mp4 is declared video/mp4, but its first bytes are not an MP4 or QuickTime video's")]
    [TestCase("v3/merchant/media/video_upload", "clip.mp4", "image/png", "MP4", "accepts video/")]
    [TestCase("v3/merchant-service/images/upload", "logo.png", "text/html", "PNG", "logo.png is declared text/html, but its first bytes are a PNG image's")]
    [TestCase("v3/merchant-service/images/upload", "page.html", "image/png", "HTML", "page.html is declared image/png, but its first bytes are not a PNG image's")]
    public void A_content_type_that_is_not_the_documented_one_or_not_the_files_own_is_refused_before_sending(
        string path, string name, string? contentType, string bytes, string says)
    {
        var content = bytes switch { "PNG" => Png, "MP4" => Mp4, _ => Html };

        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.Chain(path).UploadAsync(WeChatPayFile.FromBytes(content, name, contentType)));

        Assert.That(error!.Message, Does.Contain(says));
        Assert.That(Http.CallLog, Is.Empty);
    }

    [TestCase("v3/merchant/media/upload", "logo.png", null, "PNG")]
    [TestCase("v3/merchant/media/video_upload", "clip.mp4", null, "MP4")]
    [TestCase("v3/merchant/media/video_upload", "clip.mov", "video/quicktime", "MP4")]
    [TestCase("v3/merchant-service/images/upload", "logo.dat", "application/octet-stream", "PNG")]
    [TestCase("v3/merchant-service/images/upload", "notes.txt", "text/plain", "HTML")]
    public async Task A_content_type_that_is_the_documented_one_and_the_files_own_is_sent(string path, string name, string? contentType, string bytes)
    {
        var content = bytes switch { "PNG" => Png, "MP4" => Mp4, _ => Html };

        var response = await Client.Chain(path).UploadAsync(WeChatPayFile.FromBytes(content, name, contentType));

        Assert.That(response.StatusCode, Is.EqualTo(200));
    }
}
