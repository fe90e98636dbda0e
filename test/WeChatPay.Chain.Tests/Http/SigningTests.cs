using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Flurl.Http.Testing;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Http;

public class SigningTests
{
    private static IEnumerable<TestCaseData> Cases() =>
        TestData.Vectors("signing")["cases"]!
            .Where(c => (string)c["name"]! != "post-upload-meta") // multipart uploads sign their meta JSON: not a plain JSON call
            .Select(c => new TestCaseData(c).SetName("Signing vector " + (string)c["name"]!));

    [TestCaseSource(nameof(Cases))]
    public async Task The_authorization_header_equals_the_independent_known_answer(JToken vector)
    {
        var sent = await SendAsync(vector, body => body.Length == 0 ? null : body);

        Assert.Multiple(() =>
        {
            Assert.That(sent.Request.RequestUri!.PathAndQuery, Is.EqualTo((string)vector["url"]!));
            Assert.That(sent.Authorization, Is.EqualTo((string)vector["authorization"]!));
            Assert.That(sent.Body, Is.EqualTo(Encoding.UTF8.GetBytes((string)vector["body"]!)));
        });
    }

    [TestCase("post-jsapi-chinese-emoji")]
    [TestCase("post-papay-pre-entrust-sign")]
    [TestCase("patch-busifavor-budget")]
    public async Task An_object_body_serializes_to_the_exact_signed_bytes(string name)
    {
        var vector = TestData.Vectors("signing")["cases"]!.Single(c => (string)c["name"]! == name);
        // The body as an object graph: Chinese text and emoji must leave as raw UTF-8, never \uXXXX.
        var sent = await SendAsync(vector, body => JObject.Parse(body).ToObject<Dictionary<string, object>>());

        Assert.That(Encoding.UTF8.GetString(sent.Body), Is.EqualTo((string)vector["body"]!));
        Assert.That(sent.Authorization, Is.EqualTo((string)vector["authorization"]!));
    }

    [Test]
    public async Task The_signature_covers_exactly_the_bytes_that_were_sent()
    {
        using var http = new HttpTest();
        http.RespondWithSigned();
        using var client = TestClient.Create();
        await client.V3.Pay.Transactions.Jsapi.PostAsync(new { description = "早餐🍔", note = (string?)null, amount = new { total = 1 } });

        var request = http.CallLog[0].HttpRequestMessage;
        var body = await request.Content!.ReadAsByteArrayAsync();
        var header = request.Headers.Authorization!.ToString();
        var fields = ParseAuthorization(header);
        var message = Encoding.UTF8.GetBytes($"POST\n/v3/pay/transactions/jsapi\n{fields["timestamp"]}\n{fields["nonce_str"]}\n")
            .Concat(body).Concat(new[] { (byte)'\n' }).ToArray();

        var merchantPublic = RsaPublicKey.Load(TestData.Key("merchant_pub.pem"), "merchant public key");
        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(body), Is.EqualTo("{\"description\":\"早餐🍔\",\"amount\":{\"total\":1}}"), "nulls omitted, non-ASCII as-is");
            Assert.That(header, Does.StartWith("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000001\",serial_no=\"5D61E8146D1C1CF31D6A2847982DBA1FA53E5B24\",timestamp=\""));
            Assert.That(fields.Keys, Is.EqualTo(new[] { "mchid", "serial_no", "timestamp", "nonce_str", "signature" }), "field order");
            Assert.That(fields["timestamp"], Is.EqualTo(TestClient.Now.ToUnixTimeSeconds().ToString()));
            Assert.That(fields["nonce_str"], Does.Match("^[0-9A-Za-z]{32}$"));
            Assert.That(merchantPublic.Verify(message, fields["signature"]), Is.True);
            Assert.That(request.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        });
    }

    [Test]
    public async Task Each_call_gets_a_fresh_nonce()
    {
        using var http = new HttpTest();
        http.RespondWithSigned().RespondWithSigned();
        using var client = TestClient.Create();
        await client.V3.Certificates.GetAsync();
        await client.V3.Certificates.GetAsync();

        var nonces = http.CallLog.Select(c => ParseAuthorization(c.HttpRequestMessage.Headers.Authorization!.ToString())["nonce_str"]).ToArray();
        Assert.That(nonces[0], Is.Not.EqualTo(nonces[1]));
    }

    [Test]
    public async Task The_timestamp_follows_the_injected_clock()
    {
        var clock = new FakeTimeProvider(TestClient.Now);
        using var http = new HttpTest();
        http.RespondWithSigned();
        http.RespondWith("{}", 200, TestClient.SignedHeaders("{}", TestClient.Now.AddSeconds(100)));
        using var client = TestClient.Create(clock);
        await client.V3.Certificates.GetAsync();
        clock.Advance(TimeSpan.FromSeconds(100));
        await client.V3.Certificates.GetAsync();

        var stamps = http.CallLog.Select(c => long.Parse(ParseAuthorization(c.HttpRequestMessage.Headers.Authorization!.ToString())["timestamp"])).ToArray();
        Assert.That(stamps[1] - stamps[0], Is.EqualTo(100));
    }

    private sealed class Sent
    {
        public HttpRequestMessage Request = null!;
        public string Authorization = null!;
        public byte[] Body = null!;
    }

    private static async Task<Sent> SendAsync(JToken vector, Func<string, object?> bodyOf)
    {
        var timestamp = long.Parse((string)vector["timestamp"]!);
        var at = DateTimeOffset.FromUnixTimeSeconds(timestamp);
        using var http = new HttpTest();
        http.RespondWith("{}", 200, TestClient.SignedHeaders("{}", at));
        using var client = TestClient.Create(new FakeTimeProvider(at));
        client.Setup.Signer.NonceSource = () => (string)vector["nonce"]!;

        var url = (string)vector["url"]!;
        var question = url.IndexOf('?');
        var path = question < 0 ? url : url.Substring(0, question);
        var query = question < 0 ? new List<KeyValuePair<string, object?>>() : url.Substring(question + 1).Split('&')
            .Select(p => p.Split('='))
            .Select(p => new KeyValuePair<string, object?>(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1])))
            .ToList();
        var node = client.Chain(path);
        // The vectors sign the docs' bodies as written; automatic encryption would change them.
        var options = new WeChatPayRequestOptions { Query = query, AutoEncryption = false };
        var body = bodyOf((string)vector["body"]!);
        var method = (string)vector["method"]!;
        _ = method switch
        {
            "GET" => await node.GetAsync(options: options),
            "POST" => await node.PostAsync(body, options),
            "PUT" => await node.PutAsync(body, options),
            "PATCH" => await node.PatchAsync(body, options),
            _ => await node.DeleteAsync(body, options),
        };

        var request = http.CallLog.Single().HttpRequestMessage;
        return new Sent
        {
            Request = request,
            Authorization = request.Headers.Authorization!.ToString(),
            Body = request.Content is null ? new byte[0] : await request.Content.ReadAsByteArrayAsync(),
        };
    }

    private static Dictionary<string, string> ParseAuthorization(string header)
    {
        var fields = new Dictionary<string, string>();
        foreach (var part in header.Substring("WECHATPAY2-SHA256-RSA2048 ".Length).Split(','))
        {
            var eq = part.IndexOf('=');
            fields[part.Substring(0, eq)] = part.Substring(eq + 2, part.Length - eq - 3);
        }
        return fields;
    }
}
