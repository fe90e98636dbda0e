using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Http;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>v3 uploads (multipart/form-data) are signed over their JSON meta part, as WeChat Pay's are.</summary>
public class UploadTests
{
    private const string Target = "/v3/merchant/media/upload";
    private const string Meta = "{\"filename\":\"filea.jpg\",\"sha256\":\"hjkahkjsjkfsjk78687dhjahdajhk\"}";

    private WeChatPaySandbox sandbox = null!;
    private RawRequests raw = null!;
    private HttpClient http = null!;

    [OneTimeSetUp]
    public async Task StartSandbox()
    {
        sandbox = await WeChatPaySandbox.StartAsync();
        raw = new RawRequests(sandbox.ClientOptions());
        http = new HttpClient { BaseAddress = new Uri(sandbox.BaseUrl) };
    }

    [OneTimeTearDown]
    public async Task StopSandbox()
    {
        http.Dispose();
        raw.Dispose();
        await sandbox.DisposeAsync();
    }

    [Test]
    public async Task An_upload_signed_over_its_meta_is_answered_with_a_media_id()
    {
        var (status, body) = await UploadAsync(raw.Signer().Authorize("POST", Target, Meta), Meta);

        Assert.That(status, Is.EqualTo(200), body?.ToString());
        Assert.That((string?)body!["media_id"], Is.Not.Empty);
    }

    [Test]
    public async Task An_upload_signed_over_the_whole_body_is_a_sign_error()
    {
        var (status, body) = await UploadAsync(raw.Signer().Authorize("POST", Target, "not the meta"), Meta);

        Assert.That(status, Is.EqualTo(401));
        Assert.That((string?)body!["code"], Is.EqualTo("SIGN_ERROR"));
    }

    [Test]
    public async Task An_upload_whose_meta_lacks_a_required_field_is_a_param_error()
    {
        const string meta = "{\"filename\":\"filea.jpg\"}";

        var (status, body) = await UploadAsync(raw.Signer().Authorize("POST", Target, meta), meta);

        Assert.That(status, Is.EqualTo(400));
        Assert.That((string?)body!["detail"]!["field"], Is.EqualTo("meta.sha256"));
    }

    private async Task<(int Status, JObject? Body)> UploadAsync(string authorization, string meta)
    {
        using var form = new MultipartFormDataContent("sandbox-boundary");
        var metaPart = new StringContent(meta, Encoding.UTF8);
        metaPart.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(metaPart, "meta");
        var file = new ByteArrayContent(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 });
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "filea.jpg");
        using var request = new HttpRequestMessage(HttpMethod.Post, Target.TrimStart('/')) { Content = form };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : (JObject)WeChatPayJson.Parse(text));
    }
}
