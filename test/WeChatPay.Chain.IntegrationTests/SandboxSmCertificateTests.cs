using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// The 国密 sandbox in certificate mode, with the tests' own BouncyCastle code: SM2 platform certificates served by
/// <c>GET v3/certificates?algorithm_type=SM2</c> under AEAD_SM4_GCM, rotated, and callbacks, bills and the tool in 国密.
/// </summary>
public class SandboxSmCertificateTests
{
    private const string Sm3WithSm2 = "1.2.156.10197.1.501";

    private WeChatPaySandbox sandbox = null!;
    private CallbackReceiver receiver = null!;
    private SmRequests sm = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        sandbox = await WeChatPaySandbox.StartAsync(new SandboxOptions { Scheme = SandboxScheme.Sm, Mode = KeyMode.Certificate });
        receiver = await CallbackReceiver.StartAsync();
        sm = new SmRequests(sandbox.ClientOptions());
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        sm.Dispose();
        await receiver.DisposeAsync();
        await sandbox.DisposeAsync();
    }

    // The listed certificates, decrypted with SM4-GCM and parsed, after the answer verified with the key it names.
    private async Task<(JArray Data, X509Certificate[] Certificates, string SignedBy)> CertificatesAsync(SmRequests requests)
    {
        var (status, body, response, bytes) = await requests.SendSignedAsync("GET", "/v3/certificates?algorithm_type=SM2");
        Assert.That(status, Is.EqualTo(200), body?.ToString());
        var header = SmRequests.Headers(response);
        Assert.That(header("Wechatpay-Signature-Type"), Is.EqualTo("WECHATPAY2-SM2-WITH-SM3"));
        Assert.That(requests.AnswerVerifies(header, bytes), Is.True);
        var data = (JArray)body!["data"]!;
        var certificates = data.Select(entry =>
        {
            var sealedCertificate = entry["encrypt_certificate"]!;
            Assert.That(((string?)sealedCertificate["algorithm"], (string?)sealedCertificate["associated_data"]), Is.EqualTo(("AEAD_SM4_GCM", "certificate")));
            var pem = Sm2TestCrypto.Sm4GcmDecrypt(requests.Options.ApiV3Key!, (string)sealedCertificate["nonce"]!, "certificate", (string)sealedCertificate["ciphertext"]!);
            return new X509CertificateParser().ReadCertificate(Encoding.ASCII.GetBytes(pem));
        }).ToArray();
        return (data, certificates, header("Wechatpay-Serial"));
    }

    [Test]
    public async Task The_SM2_certificates_verify_decrypt_and_parse_as_SM2_certificates_with_the_advertised_serials()
    {
        var (data, certificates, signedBy) = await CertificatesAsync(sm);

        Assert.That(signedBy, Is.EqualTo(sandbox.PlatformKeyId));
        Assert.That(certificates, Has.Length.EqualTo(1));
        var certificate = certificates[0];
        Assert.That(certificate.SerialNumber.ToString(16).ToUpperInvariant(), Is.EqualTo((string)data[0]["serial_no"]!).And.EqualTo(sandbox.PlatformKeyId));
        Assert.That(certificate.SigAlgOid, Is.EqualTo(Sm3WithSm2));
        var key = (ECPublicKeyParameters)certificate.GetPublicKey();
        Assert.That(Sm2TestCrypto.IsSm2(key), Is.True);
        Assert.That(key.Q, Is.EqualTo(sm.PlatformKey(sandbox.PlatformKeyId).Q), "the certificate the client configuration holds");
        Assert.DoesNotThrow(() => certificate.Verify(key), "self-signed with SM3withSM2 under the default ID 1234567812345678");
        Assert.That(DateTimeOffset.Parse((string)data[0]["expire_time"]!), Is.EqualTo(new DateTimeOffset(certificate.NotAfter, TimeSpan.Zero)));
    }

    [TestCase("", "required")]
    [TestCase("?algorithm_type=RSA", "enum")]
    public async Task Without_algorithm_type_SM2_the_certificates_are_a_param_error_naming_it(string query, string issue)
    {
        var (status, body, _, _) = await sm.SendSignedAsync("GET", "/v3/certificates" + query);

        Assert.That((status, (string?)body!["code"], (string?)body["detail"]!["field"], (string?)body["detail"]!["issue"]),
            Is.EqualTo((400, "PARAM_ERROR", "algorithm_type", issue)));
        Assert.That((string?)body["message"], Does.Contain("algorithm_type=SM2"));
    }

    [Test]
    public async Task A_rotation_lists_both_SM2_certificates_and_the_new_one_signs()
    {
        await using var rotating = await WeChatPaySandbox.StartAsync(new SandboxOptions { Scheme = SandboxScheme.Sm, Mode = KeyMode.Certificate });
        var first = rotating.PlatformKeyId;

        var rotated = rotating.RotatePlatformCertificate();

        using var requests = new SmRequests(rotating.ClientOptions());
        var (data, certificates, signedBy) = await CertificatesAsync(requests);
        Assert.That(signedBy, Is.EqualTo(rotated));
        Assert.That(data.Select(e => (string)e["serial_no"]!), Is.EqualTo(new[] { rotated, first }));
        Assert.That(certificates.Select(c => c.SerialNumber.ToString(16).ToUpperInvariant()), Is.EqualTo(new[] { rotated, first }));
        Assert.That(certificates.All(c => c.SigAlgOid == Sm3WithSm2 && Sm2TestCrypto.IsSm2((ECPublicKeyParameters)c.GetPublicKey())), Is.True);

        // A field encrypted to the older certificate, named in Wechatpay-Serial, still decrypts.
        var mobile = Sm2TestCrypto.Encrypt(requests.PlatformKey(first), "13800138000");
        var (status, body, _, _) = await requests.SendSignedAsync("GET", "/v3/smartguide/guides?store_id=1234&mobile=" + Uri.EscapeDataString(mobile), serial: first);
        Assert.That(status, Is.EqualTo(200), body?.ToString());
        Assert.That(rotating.Calls[^1].DecryptedFields, Is.EqualTo(new[] { "query.mobile" }));
    }

    [Test]
    public async Task A_callback_is_SM2_signed_and_its_resource_decrypts_with_SM4_GCM_under_the_derived_key()
    {
        receiver.Received.Clear();
        var plaintext = "{\"mchid\":\"1900000001\",\"out_trade_no\":\"SM-1\",\"trade_state\":\"SUCCESS\"}";

        var result = await sandbox.SendCallbackAsync(receiver.Url, "TRANSACTION.SUCCESS", plaintext);

        Assert.That(result.Acknowledged, Is.True);
        Assert.That(receiver.Received.TryDequeue(out var notification), Is.True);
        var (headers, body) = notification;
        Assert.That(headers["Wechatpay-Signature-Type"], Is.EqualTo("WECHATPAY2-SM2-WITH-SM3"));
        Assert.That(sm.AnswerVerifies(name => headers[name], body), Is.True);
        var resource = JObject.Parse(Encoding.UTF8.GetString(body))["resource"]!;
        Assert.That((string?)resource["algorithm"], Is.EqualTo("AEAD_SM4_GCM"));
        Assert.That(Sm2TestCrypto.Sm4GcmDecrypt(sm.Options.ApiV3Key!, (string)resource["nonce"]!, (string)resource["associated_data"]!, (string)resource["ciphertext"]!),
            Is.EqualTo(plaintext));
    }

    [Test]
    public async Task An_encrypted_bill_parts_key_is_sealed_with_the_merchant_SM2_key()
    {
        var (status, body, _, _) = await sm.SendSignedAsync("GET", "/v3/bill/sub-merchant-fundflowbill?sub_mchid=1900000109&bill_date=2025-11-21&account_type=BASIC&algorithm=SM4_GCM");
        Assert.That(status, Is.EqualTo(200), body?.ToString());
        var part = body!["download_bill_list"]![0]!;
        var key = Sm2TestCrypto.Decrypt(sm.MerchantKey, (string)part["encrypt_key"]!);
        Assert.That(key, Has.Length.EqualTo(16));

        var download = new Uri((string)part["download_url"]!).PathAndQuery;
        var (fileStatus, sealedBytes) = await DownloadAsync(download);
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(false, new AeadParameters(new KeyParameter(Encoding.UTF8.GetBytes(key)), 128, Encoding.UTF8.GetBytes((string)part["nonce"]!)));
        var plain = new byte[gcm.GetOutputSize(sealedBytes.Length)];
        var n = gcm.ProcessBytes(sealedBytes, 0, sealedBytes.Length, plain, 0);
        n += gcm.DoFinal(plain, n);

        Assert.That(fileStatus, Is.EqualTo(200));
        Assert.That(Encoding.UTF8.GetString(plain, 0, n), Does.StartWith("交易时间,"));
    }

    // A signed GET whose answer is a file (no JSON, no signature): its status and bytes.
    private async Task<(int Status, byte[] Bytes)> DownloadAsync(string target)
    {
        using var http = new System.Net.Http.HttpClient(new System.Net.Http.SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(sandbox.BaseUrl) };
        using var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, target.TrimStart('/'));
        request.Headers.TryAddWithoutValidation("Authorization", sm.Authorize("GET", target, string.Empty));
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    [Test]
    public async Task Wxpay_sandbox_scheme_sm_json_prints_SM2_keys()
    {
        using var running = Process.Start(Tool.Start(new[] { "sandbox", "--json", "--scheme", "sm", "--mode", "certificate" }))!;
        try
        {
            var text = new StringBuilder();
            string? line;
            while ((line = await running.StandardOutput.ReadLineAsync()) is not null)
            {
                text.AppendLine(line);
                if (line == "}") break;
            }
            var configuration = JObject.Parse(text.ToString());

            Assert.That(configuration.Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "MerchantId", "MerchantSerialNumber", "MerchantPrivateKey", "PlatformKeys", "BaseUrl", "ApiV3Key", "ApiV2Key" }));
            Assert.That(Sm2TestCrypto.IsSm2(Sm2TestCrypto.PrivateKey((string)configuration["MerchantPrivateKey"]!)), Is.True);
            var platform = ((JObject)configuration["PlatformKeys"]!).Properties().Single();
            var certificate = new X509CertificateParser().ReadCertificate(Encoding.ASCII.GetBytes((string)platform.Value!));
            Assert.That((certificate.SigAlgOid, certificate.SerialNumber.ToString(16).ToUpperInvariant()), Is.EqualTo((Sm3WithSm2, platform.Name)));
        }
        finally
        {
            running.Kill(entireProcessTree: true);
        }
    }

    [Test]
    public async Task Wxpay_sandbox_with_an_unknown_scheme_names_the_choices()
    {
        var (exit, _, error) = await Tool.RunAsync("sandbox", "--scheme", "sm3");

        Assert.That(exit, Is.Not.EqualTo(0));
        Assert.That(error, Does.Contain("'sm3'").And.Contain("'rsa'").And.Contain("'sm'"));
    }
}
