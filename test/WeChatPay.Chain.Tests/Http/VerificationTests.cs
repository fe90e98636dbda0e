using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Flurl.Http.Testing;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Http;

public class VerificationTests
{
    private static readonly Dictionary<string, SignatureCheck> ExpectedCheck = new Dictionary<string, SignatureCheck>
    {
        ["tampered-body"] = SignatureCheck.Signature,
        ["tampered-body-trailing-newline"] = SignatureCheck.Signature,
        ["tampered-body-reserialized"] = SignatureCheck.Signature,
        ["tampered-timestamp"] = SignatureCheck.Signature,
        ["tampered-nonce"] = SignatureCheck.Signature,
        ["signature-of-another-message"] = SignatureCheck.Signature,
        ["signed-with-merchant-key"] = SignatureCheck.Signature,
        ["signtest-probe"] = SignatureCheck.Signature,
        ["signature-not-base64"] = SignatureCheck.Signature,
        ["signature-truncated"] = SignatureCheck.Signature,
        ["signature-empty"] = SignatureCheck.MissingHeader,
        ["signature-header-missing"] = SignatureCheck.MissingHeader,
        ["unknown-serial"] = SignatureCheck.UnknownSerial,
        ["stale-timestamp"] = SignatureCheck.Timestamp,
        ["future-timestamp"] = SignatureCheck.Timestamp,
    };

    private static IEnumerable<TestCaseData> Vectors() =>
        TestData.Vectors("verifying")["cases"]!.Select(c => new TestCaseData(c).SetName("Verification vector " + (string)c["name"]!));

    [TestCaseSource(nameof(Vectors))]
    public async Task Each_independent_verdict_holds_through_the_client(JToken vector)
    {
        var name = (string)vector["name"]!;
        var headers = new Dictionary<string, string>
        {
            ["Wechatpay-Timestamp"] = (string)vector["timestamp"]!,
            ["Wechatpay-Nonce"] = (string)vector["nonce"]!,
            ["Wechatpay-Serial"] = (string)vector["serial"]!,
            ["Request-ID"] = "REQ-" + name,
        };
        if (vector["signature"]!.Type != JTokenType.Null) headers["Wechatpay-Signature"] = (string)vector["signature"]!;
        using var http = new HttpTest();
        http.RespondWith((string)vector["body"]!, (int)vector["status"]!, headers);
        using var client = TestClient.Create(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds((long)vector["now"]!)));
        WeChatPayNode node = client.V3.Pay.Transactions.Jsapi;

        if ((bool)vector["valid"]!)
        {
            var response = await node.PostAsync(new { appid = "wx" });
            Assert.That(response.StatusCode, Is.EqualTo((int)vector["status"]!));
            Assert.That(response.Body, Is.EqualTo((string)vector["body"]!));
        }
        else
        {
            var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => node.PostAsync(new { appid = "wx" }));
            Assert.That(error!.FailedCheck, Is.EqualTo(ExpectedCheck[name]), error.Message);
            Assert.That(error.RequestId, Is.EqualTo("REQ-" + name));
            Assert.That(error.ResponseBody, Is.EqualTo((string)vector["body"]!));
        }
    }

    [TestCase("Wechatpay-Timestamp")]
    [TestCase("Wechatpay-Nonce")]
    [TestCase("Wechatpay-Signature")]
    [TestCase("Wechatpay-Serial")]
    public void A_missing_header_fails_the_header_check_and_names_the_header(string header)
    {
        var body = "{\"ok\":true}";
        var headers = JObject.FromObject(TestClient.SignedHeaders(body)).Properties()
            .ToDictionary(p => p.Name.Replace('_', '-'), p => (string)p.Value!);
        headers.Remove(header);
        using var http = new HttpTest();
        http.RespondWith(body, 200, headers);
        using var client = TestClient.Create();

        var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => client.Chain("v3/certificates").GetAsync());
        Assert.That(error!.FailedCheck, Is.EqualTo(SignatureCheck.MissingHeader));
        Assert.That(error.Message, Does.Contain(header));
    }

    [TestCase(301, false)]
    [TestCase(-301, false)]
    [TestCase(300, true)]
    [TestCase(-300, true)]
    public async Task The_timestamp_window_is_300_seconds_either_way(int offsetSeconds, bool accepted)
    {
        using var http = new HttpTest();
        http.RespondWith("{}", 200, TestClient.SignedHeaders("{}", TestClient.Now.AddSeconds(offsetSeconds)));
        using var client = TestClient.Create();

        if (accepted)
            Assert.That((await client.Chain("v3/certificates").GetAsync()).StatusCode, Is.EqualTo(200));
        else
            Assert.That(Assert.ThrowsAsync<WeChatPaySignatureException>(() => client.Chain("v3/certificates").GetAsync())!.FailedCheck,
                Is.EqualTo(SignatureCheck.Timestamp));
    }

    [Test]
    public async Task Answers_signed_under_the_public_key_id_verify_too()
    {
        using var http = new HttpTest();
        http.RespondWith("{\"a\":1}", 200, TestClient.SignedHeaders("{\"a\":1}", serial: TestData.PublicKeyId));
        using var client = TestClient.Create();

        Assert.That((int)(await client.V3.Certificates.GetAsync()).Data.a, Is.EqualTo(1));
    }

    [Test]
    public async Task A_204_with_an_empty_body_verifies_and_has_no_data()
    {
        using var http = new HttpTest();
        http.RespondWith("", 204, TestClient.SignedHeaders(""));
        using var client = TestClient.Create();

        var response = await client.Chain("v3/merchant-service/complaint-notifications").DeleteAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(204));
            Assert.That(response.Body, Is.Empty);
            Assert.That(response.Json, Is.Null);
            Assert.That((object)response.Data, Is.Null, "declared non-nullable, null for an empty body");
        });
    }

    [Test]
    public async Task A_download_carries_no_signature_and_is_not_verified()
    {
        var file = new byte[] { 0x1f, 0x8b, 0x08, 0x00, 0xff };
        using var http = new HttpTest();
        http.RespondWith(() => new ByteArrayContent(file), 200);
        using var client = TestClient.Create();

        var response = await client.V3.Billdownload.File.GetAsync(new { token = "6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2wMMR8cNXqaA_Cv_isgaUtBzp4QtiozLO" });
        Assert.That(response.RawBody, Is.EqualTo(file));
    }

    [Test]
    public void An_unsigned_answer_to_an_ordinary_call_is_rejected()
    {
        using var http = new HttpTest();
        http.RespondWith("{\"prepay_id\":\"wx1\"}", 200);
        using var client = TestClient.Create();

        var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => client.Chain("v3/pay/transactions/jsapi").PostAsync(new { a = 1 }));
        Assert.That(error!.FailedCheck, Is.EqualTo(SignatureCheck.MissingHeader));
    }
}
