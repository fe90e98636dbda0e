using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// The sandbox plays APIv2 over its HTTP listener: raw XML posted with the tests' own signing code, judged by the
/// sandbox's own code, answered as WeChat Pay's v2 answers (HTTP 200, <c>return_code</c>, <c>result_code</c>, <c>sign</c>).
/// </summary>
public partial class SandboxV2Tests : SandboxFixture
{
    private static readonly JObject Vectors = JObject.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "v2.json")));
    private static readonly string Key = (string)Vectors["apiv2_key"]!;

    protected override SandboxOptions? Options => new() { ApiV2Key = Key };

    private static Dictionary<string, string> Micropay() => new()
    {
        ["appid"] = "wxd678efh567hg6787", ["mch_id"] = "1900000001", ["body"] = "image形象店-深圳腾大- QQ公仔",
        ["out_trade_no"] = "1217752501201407033233368018", ["total_fee"] = "888", ["spbill_create_ip"] = "8.8.8.8",
        ["auth_code"] = "120061098828009406",
    };

    private static Dictionary<string, string> RedPacket(string billNumber) => new()
    {
        ["mch_billno"] = billNumber, ["mch_id"] = "1900000001", ["wxappid"] = "wxd678efh567hg6787", ["send_name"] = "测试商户",
        ["re_openid"] = "oxTWIuGaIt6gTKsQRLau2M0yL16E", ["total_amount"] = "100", ["total_num"] = "1", ["wishing"] = "恭喜发财",
        ["client_ip"] = "192.168.0.1", ["act_name"] = "双十一活动", ["remark"] = "猜越多得越多",
    };

    // The operations that need the merchant's client certificate go to the TLS address with it, the others to the plain one.
    private Task<(int Status, Dictionary<string, string> Fields)> Post(string path, IReadOnlyDictionary<string, string> fields) => PostXml(path, V2Requests.Xml(fields));

    private Task<(int Status, Dictionary<string, string> Fields)> PostXml(string path, string xml) =>
        NeedsCertificate(path)
            ? V2Requests.PostAsync(sandbox.TlsBaseUrl!, path, xml, sandbox.CreateTrustingHandler(presentMerchantCertificate: true))
            : V2Requests.PostAsync(sandbox.BaseUrl, path, xml);

    private static bool NeedsCertificate(string path) =>
        WeChatPay.Chain.Catalog.OperationCatalog.Default.Find("POST", "v2/" + path) is { } operation && operation.Request.Any(r => r.Name == "security");

    private static void AssertSigned(Dictionary<string, string> answer, string signType) =>
        Assert.That(answer["sign"], Is.EqualTo(V2Requests.Sign(answer, Key, signType)), "the answer's sign verifies with the APIv2 key by " + signType);

    [Test]
    public void The_key_is_the_given_one_and_a_bad_one_is_refused_at_start()
    {
        Assert.That(sandbox.ApiV2Key, Is.EqualTo(Key));
        var error = Assert.ThrowsAsync<ArgumentException>(() => WeChatPaySandbox.StartAsync(new SandboxOptions { ApiV2Key = "short" }));
        Assert.That(error!.ParamName, Is.EqualTo(nameof(SandboxOptions.ApiV2Key)));
    }

    [TestCase("pay/micropay", null)]
    [TestCase("pay/micropay", "MD5")]
    [TestCase("pay/micropay", "HMAC-SHA256")]
    [TestCase("pay/orderquery", null)]
    [TestCase("pay/orderquery", "HMAC-SHA256")]
    public async Task A_signed_request_is_accepted_with_a_signed_answer(string path, string? signType)
    {
        var request = path == "pay/micropay" ? Micropay() : new() { ["appid"] = "wxd678efh567hg6787", ["mch_id"] = "1900000001", ["out_trade_no"] = "1217752501201407033233368018" };

        var (status, answer) = await Post(path, V2Requests.Signed(request, Key, signType));

        Assert.That(status, Is.EqualTo(200));
        Assert.That(answer["return_code"], Is.EqualTo("SUCCESS"));
        Assert.That(answer["result_code"], Is.EqualTo("SUCCESS"), answer.GetValueOrDefault("err_code_des"));
        Assert.That(answer["appid"], Is.EqualTo("wxd678efh567hg6787"));
        Assert.That(answer["mch_id"], Is.EqualTo("1900000001"));
        Assert.That(answer["out_trade_no"], Is.EqualTo("1217752501201407033233368018"));
        Assert.That(answer["nonce_str"], Does.Match("^[0-9A-Za-z]{32}$"));
        Assert.That(answer, Does.ContainKey("transaction_id").And.ContainKey("trade_type"));
        AssertSigned(answer, signType ?? "MD5");

        var call = sandbox.Calls[^1];
        Assert.That(call.Method, Is.EqualTo("POST"));
        Assert.That(call.Path, Is.EqualTo("/" + path));
        Assert.That(call.Operation, Is.EqualTo("POST v2/" + path));
        Assert.That(call.StatusCode, Is.EqualTo(200));
        Assert.That(call.ErrorCode, Is.Null);
        Assert.That(call.PassedChecks, Is.EqualTo(new[] { SandboxCheck.Operation, SandboxCheck.MerchantId, SandboxCheck.Signature, SandboxCheck.Nonce, SandboxCheck.Parameters }));
    }

    [Test]
    public async Task The_known_request_bodies_made_by_the_Node_SDK_pass_the_sign_check()
    {
        foreach (var vector in Vectors["xml_requests"]!)
        {
            var (status, answer) = await PostXml(((string)vector["url"]!).TrimStart('/'), (string)vector["xml"]!);

            Assert.That(status, Is.EqualTo(200));
            Assert.That(answer["return_code"], Is.EqualTo("SUCCESS"), (string?)vector["name"] + ": " + answer.GetValueOrDefault("return_msg"));
            Assert.That(sandbox.Calls[^1].PassedChecks, Does.Contain(SandboxCheck.Signature), (string?)vector["name"]);
        }
    }

    [Test]
    public async Task A_bad_sign_is_refused_as_v2_does()
    {
        var request = V2Requests.Signed(Micropay(), Key);
        request["total_fee"] = "1"; // changed after signing

        var (status, answer) = await Post("pay/micropay", request);

        Assert.That(status, Is.EqualTo(200));
        Assert.That(answer, Is.EqualTo(new Dictionary<string, string> { ["return_code"] = "FAIL", ["return_msg"] = "签名错误" }));
        Assert.That(sandbox.Calls[^1].ErrorCode, Is.EqualTo("SIGNERROR"));
        Assert.That(sandbox.Calls[^1].FailedCheck, Is.EqualTo(SandboxCheck.Signature));

        // An MD5 sign declared as HMAC-SHA256 is wrong too.
        var mislabelled = V2Requests.Signed(Micropay(), Key);
        mislabelled["sign_type"] = "HMAC-SHA256";
        mislabelled["sign"] = V2Requests.Sign(mislabelled, Key, "MD5");
        Assert.That((await Post("pay/micropay", mislabelled)).Fields["return_msg"], Is.EqualTo("签名错误"));
    }

    [Test]
    public async Task A_missing_nonce_is_refused_except_where_documented()
    {
        var (_, answer) = await Post("pay/micropay", V2Requests.Signed(Micropay(), Key, nonce: false));

        Assert.That(answer["return_code"], Is.EqualTo("FAIL"));
        Assert.That(answer, Does.Not.ContainKey("result_code"));
        Assert.That(sandbox.Calls[^1].ErrorField, Is.EqualTo("nonce_str"));
        Assert.That(sandbox.Calls[^1].FailedCheck, Is.EqualTo(SandboxCheck.Nonce));

        var contract = new Dictionary<string, string> { ["appid"] = "wxd678efh567hg6787", ["mch_id"] = "1900000001", ["version"] = "1.0", ["contract_id"] = "100005698" };
        var (_, nonceless) = await Post("papay/querycontract", V2Requests.Signed(contract, Key, nonce: false));
        Assert.That(nonceless["result_code"], Is.EqualTo("SUCCESS"), "papay/querycontract is documented without nonce_str");
    }

    [Test]
    public async Task Another_merchant_is_refused()
    {
        var request = Micropay();
        request["mch_id"] = "1900000002";

        var (_, answer) = await Post("pay/micropay", V2Requests.Signed(request, Key));

        Assert.That(answer["return_code"], Is.EqualTo("FAIL"));
        Assert.That(sandbox.Calls[^1].ErrorCode, Is.EqualTo("MCHID_NOT_EXIST"));
        Assert.That(sandbox.Calls[^1].FailedCheck, Is.EqualTo(SandboxCheck.MerchantId));
    }

    [Test]
    public async Task A_missing_required_field_is_a_signed_PARAM_ERROR()
    {
        var request = Micropay();
        request.Remove("auth_code");

        var (_, answer) = await Post("pay/micropay", V2Requests.Signed(request, Key, "HMAC-SHA256"));

        Assert.That(answer["return_code"], Is.EqualTo("SUCCESS"));
        Assert.That(answer["result_code"], Is.EqualTo("FAIL"));
        Assert.That(answer["err_code"], Is.EqualTo("PARAM_ERROR"));
        Assert.That(answer["err_code_des"], Does.Contain("auth_code"));
        AssertSigned(answer, "HMAC-SHA256");
        Assert.That(sandbox.Calls[^1].ErrorField, Is.EqualTo("auth_code"));
    }

    [Test]
    public async Task A_DTD_or_an_external_entity_is_refused_before_anything_is_resolved()
    {
        var bodies = Vectors["xxe"]!.Select(x => (string)x["xml"]!).Append(
            "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><mch_id>1900000001</mch_id><body>&x;</body></xml>");
        foreach (var body in bodies)
        {
            var (status, answer) = await V2Requests.PostAsync(sandbox.BaseUrl, "pay/orderquery", body);

            Assert.That(status, Is.EqualTo(200));
            Assert.That(answer["return_code"], Is.EqualTo("FAIL"));
            Assert.That(answer["return_msg"], Does.StartWith("XML格式错误"));
            Assert.That(sandbox.Calls[^1].ErrorCode, Is.EqualTo("XML_FORMAT_ERROR"));
        }
    }

    [Test]
    public async Task A_signless_operation_answers_without_a_sign()
    {
        var query = new Dictionary<string, string> { ["mch_billno"] = "1900000001202511220000000099", ["mch_id"] = "1900000001", ["appid"] = "wxd678efh567hg6787", ["bill_type"] = "MCHT" };

        var (_, answer) = await Post("mmpaymkttransfers/gethbinfo", V2Requests.Signed(query, Key));

        Assert.That(answer["result_code"], Is.EqualTo("SUCCESS"));
        Assert.That(answer, Does.Not.ContainKey("sign"));
        Assert.That(answer["mch_billno"], Is.EqualTo("1900000001202511220000000099"));
    }

    [Test]
    public async Task A_red_packet_answers_SYSTEMERROR_once_and_takes_its_retry_only_with_the_same_number()
    {
        sandbox.Faults.Next = SandboxFault.V2SystemError;
        var (_, first) = await Post("mmpaymkttransfers/sendredpack", V2Requests.Signed(RedPacket("1900000001202511220000000001"), Key));
        Assert.That(first["return_code"], Is.EqualTo("SUCCESS"));
        Assert.That(first["result_code"], Is.EqualTo("FAIL"));
        Assert.That(first["err_code"], Is.EqualTo("SYSTEMERROR"));
        Assert.That(first, Does.Not.ContainKey("sign"), "sendredpack answers without a sign");
        Assert.That(sandbox.Calls[^1].ErrorCode, Is.EqualTo("SYSTEMERROR"));

        var (_, renumbered) = await Post("mmpaymkttransfers/sendredpack", V2Requests.Signed(RedPacket("1900000001202511220000000002"), Key));
        Assert.That(renumbered["result_code"], Is.EqualTo("FAIL"), "the same packet under a new mch_billno would pay twice");
        Assert.That(sandbox.Calls[^1].ErrorField, Is.EqualTo("mch_billno"));

        var (_, retry) = await Post("mmpaymkttransfers/sendredpack", V2Requests.Signed(RedPacket("1900000001202511220000000001"), Key));
        Assert.That(retry["result_code"], Is.EqualTo("SUCCESS"));
        Assert.That(retry["mch_billno"], Is.EqualTo("1900000001202511220000000001"));
        Assert.That(retry, Does.ContainKey("send_listid"));

        var (_, another) = await Post("mmpaymkttransfers/sendredpack", V2Requests.Signed(RedPacket("1900000001202511220000000003"), Key));
        Assert.That(another["result_code"], Is.EqualTo("SUCCESS"), "nothing pending: a new packet is a new packet");
    }

    [Test]
    public async Task Every_v2_XML_operation_of_the_catalog_but_the_bills_is_served_and_signs_its_answer_unless_documented_sign_less()
    {
        var signless = Vectors["signless"]!["no_sign_answers"]!.Select(x => ((string)x["path"]!).TrimStart('/')).ToHashSet();
        var operations = WeChatPay.Chain.Catalog.OperationCatalog.Default.Operations
            .Where(o => o.Path.StartsWith("v2/", StringComparison.Ordinal) && o.Method == "POST" && o.RequestBody == "xml").ToList();
        Assert.That(operations, Has.Count.EqualTo(122));
        foreach (var operation in operations)
        {
            var fields = operation.Request.First(r => r.Name == "xml").Children.Where(f => f.Required).ToDictionary(f => f.Name, f => f.Enum.Count > 0 ? f.Enum[0] : "1");
            if (!fields.ContainsKey("mchid")) fields["mch_id"] = "1900000001";
            else fields["mchid"] = "1900000001";
            var path = operation.Path.Substring(3);
            if (path is "pay/downloadbill" or "pay/downloadfundflow") continue; // they answer a bill, not XML: SandboxV2BillTests
            foreach (var encrypted in operation.Request.First(r => r.Name == "xml").Children.Where(f => f.Encrypted == "rsa-paybank"))
                fields[encrypted.Name] = await PayBankCiphertext("1");

            var signType = fields.GetValueOrDefault("sign_type", "MD5");
            var (status, answer) = await Post(path, V2Requests.Signed(fields, Key, fields.ContainsKey("sign_type") ? signType : null));

            Assert.That(status, Is.EqualTo(200), path);
            Assert.That(answer.GetValueOrDefault("result_code"), Is.EqualTo("SUCCESS"), path + ": " + answer.GetValueOrDefault("return_msg") + answer.GetValueOrDefault("err_code_des"));
            if (signless.Contains(path)) Assert.That(answer, Does.Not.ContainKey("sign"), path);
            else AssertSigned(answer, signType);
        }
    }

    [Test]
    public async Task A_GET_or_a_v3_shaped_v2_path_is_not_taken()
    {
        using var http = new System.Net.Http.HttpClient();
        var answer = await http.GetStringAsync(new Uri(new Uri(sandbox.BaseUrl), "pay/micropay"));
        Assert.That(answer, Does.Contain("FAIL"));
        Assert.That(sandbox.Calls[^1].ErrorCode, Is.EqualTo("REQUIRE_POST_METHOD"));

        var (status, _) = await PostRaw("v2/pay/micropay");
        Assert.That(status, Is.EqualTo(404), "the URL has no v2/ prefix");
    }

    private async Task<(int, string)> PostRaw(string path)
    {
        using var http = new System.Net.Http.HttpClient();
        using var content = new System.Net.Http.StringContent(V2Requests.Xml(V2Requests.Signed(Micropay(), Key)));
        using var response = await http.PostAsync(new Uri(new Uri(sandbox.BaseUrl), path), content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
