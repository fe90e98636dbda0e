using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Sandbox;

/// <content>
/// APIv2: a <c>POST</c> of XML to a v2 operation's URL (its documented path without <c>v2/</c>), judged with the
/// sandbox's own XML and sign code in WeChat Pay's order, and answered in v2's XML (HTTP 200 either way).
/// </content>
internal sealed partial class SandboxServer
{
    private const string SignError = "签名错误";

    private readonly SandboxRedPackets _redPackets = new();
    private readonly SandboxPayBankKey _payBank = new();

    // The v2 operation at this URL path, or null: the path is the documented one without its v2/ prefix. A GET finds a
    // documented v2 GET (its fields in the query), else the POST of that path (which then answers REQUIRE_POST_METHOD).
    private CatalogOperation? ResolveV2(string method, string path)
    {
        if (path.Length == 0 || path.StartsWith("v3/", System.StringComparison.Ordinal)) return null;
        var documented = SandboxV2Rules.Prefix + path;
        var operation = (method == "GET" ? _catalog.Find("GET", documented) : null) ?? _catalog.Find("POST", documented);
        return operation is not null && SandboxV2Rules.Served(operation) ? operation : null;
    }

    private Answer ProcessV2(string method, string path, byte[] body, List<(string Name, byte[] Bytes)>? form, string? query, CatalogOperation operation,
        CallRecord record, System.Security.Cryptography.X509Certificates.X509Certificate2? presented)
    {
        var answer = JudgeV2(method, path, body, form, query, operation, record, presented);
        return SandboxV2Rules.AnswersJson(operation) ? AsJson(answer) : answer;
    }

    private Answer JudgeV2(string method, string path, byte[] body, List<(string Name, byte[] Bytes)>? form, string? query, CatalogOperation operation,
        CallRecord record, System.Security.Cryptography.X509Certificates.X509Certificate2? presented)
    {
        record.Operation = operation.Method + " " + operation.Path;
        record.Passed.Add(SandboxCheck.Operation);
        if (SandboxV2Rules.Security(operation))
        {
            if (!_tls.IsMerchant(presented))
                return ReturnFail(record, "CA_ERROR", "请求未携带证书，或请求携带的证书出错 (" + (presented is null
                    ? "send it to TlsBaseUrl with the merchant API certificate" : "not the merchant API certificate the sandbox issued") + ")",
                    SandboxCheck.ClientCertificate, null);
            record.Passed.Add(SandboxCheck.ClientCertificate);
        }
        if (method != operation.Method)
            return ReturnFail(record, "REQUIRE_POST_METHOD", "请使用post方法", SandboxCheck.Operation, null);

        Dictionary<string, string> fields;
        byte[]? media = null;
        if (operation.Method == "GET")
        {
            // A v2 GET: its fields are the query's, one value each.
            fields = new Dictionary<string, string>(System.StringComparer.Ordinal);
            foreach (var pair in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query))
            {
                if (pair.Value.Count != 1) return ReturnFail(record, "PARAM_ERROR", pair.Key + "参数重复", SandboxCheck.Parameters, pair.Key);
                fields[pair.Key] = pair.Value[0]!;
            }
        }
        else if (form is not null)
        {
            // The upload: its fields are form parts (signed as any v2 fields), the file the media part (not signed).
            if (!SandboxV2Upload.TryRead(form, out fields, out media, out var problem))
                return ReturnFail(record, "PARAM_ERROR", problem, SandboxCheck.Parameters, "media");
        }
        else if (!SandboxV2Xml.TryParse(body, out fields, out var why))
        {
            return ReturnFail(record, "XML_FORMAT_ERROR", "XML格式错误 (" + why + ")", SandboxCheck.Parameters, "xml");
        }

        var merchantField = fields.ContainsKey("mch_id") || !fields.ContainsKey("mchid") ? "mch_id" : "mchid";
        if (!fields.TryGetValue(merchantField, out var merchant) || merchant.Length == 0)
            return ReturnFail(record, "LACK_PARAMS", "缺少参数" + merchantField, SandboxCheck.MerchantId, merchantField);
        if (merchant != _keys.MerchantId)
            return ReturnFail(record, "MCHID_NOT_EXIST", merchantField + "参数错误 (not this sandbox's merchant)", SandboxCheck.MerchantId, merchantField);
        record.Passed.Add(SandboxCheck.MerchantId);

        var signType = fields.TryGetValue("sign_type", out var declared) && declared.Length > 0 ? declared : SandboxV2Sign.Md5;
        if (!SandboxV2Sign.IsKnown(signType))
            return ReturnFail(record, "PARAM_ERROR", "sign_type参数错误 (MD5 or HMAC-SHA256)", SandboxCheck.Signature, "sign_type");
        if (!fields.TryGetValue("sign", out var sign) || sign.Length == 0)
            return ReturnFail(record, "LACK_PARAMS", "缺少参数sign", SandboxCheck.Signature, "sign");
        if (!SandboxV2Sign.Verify(fields, sign, _keys.ApiV2Key, signType))
            return ReturnFail(record, "SIGNERROR", SignError, SandboxCheck.Signature, "sign");
        record.Passed.Add(SandboxCheck.Signature);

        var hasNonce = fields.TryGetValue("nonce_str", out var nonce) && nonce.Length > 0;
        if (!hasNonce && !SandboxV2Rules.Nonceless(operation))
            return ReturnFail(record, "LACK_PARAMS", "缺少参数nonce_str", SandboxCheck.Nonce, "nonce_str");
        if (hasNonce && nonce!.Length > 32)
            return ReturnFail(record, "PARAM_ERROR", "nonce_str参数长度有误 (at most 32 characters)", SandboxCheck.Nonce, "nonce_str");
        record.Passed.Add(SandboxCheck.Nonce);

        if (media is not null && SandboxV2Upload.HashProblem(fields, media) is { } hash)
            return ResultFail(record, operation, fields, signType, "PARAM_ERROR", hash, SandboxCheck.Parameters, "media_hash");
        if (SandboxV2Rules.MissingRequired(operation, fields) is { } missing)
            return ResultFail(record, operation, fields, signType, "PARAM_ERROR", "缺少参数" + missing, SandboxCheck.Parameters, missing);
        record.Passed.Add(SandboxCheck.Parameters);

        foreach (var name in SandboxPayBankKey.Fields(operation))
        {
            if (!fields.TryGetValue(name, out var value) || value.Length == 0) continue;
            if (!_payBank.Decrypts(value))
                return ResultFail(record, operation, fields, signType, "PARAM_ERROR",
                    "真实姓名或银行卡号出错 (" + name + " is not RSA-OAEP ciphertext under the key risk/getpublickey answers)", SandboxCheck.Encryption, name);
            record.Decrypted.Add(name);
        }
        if (record.Decrypted.Count > 0) record.Passed.Add(SandboxCheck.Encryption);

        var shortPath = operation.Path.Substring(SandboxV2Rules.Prefix.Length);
        var redPacket = SandboxRedPackets.Sends(shortPath) && fields.TryGetValue("mch_billno", out var billNumber) ? billNumber : null;
        var fingerprint = redPacket is null ? null : SandboxRedPackets.Fingerprint(fields);
        if (record.Fault == SandboxFault.V2SystemError)
        {
            if (redPacket is not null) _redPackets.Failed(redPacket, fingerprint!);
            return ResultFail(record, operation, fields, signType, "SYSTEMERROR", "系统繁忙,请稍后再试。", null, null);
        }
        if (redPacket is not null && _redPackets.Judge(redPacket, fingerprint!) == SandboxRedPackets.Verdict.ChangedNumber)
        {
            return ResultFail(record, operation, fields, signType, "PARAM_ERROR",
                "商户订单号有误: a red packet that answered SYSTEMERROR is retried with the same mch_billno, not a new one", SandboxCheck.Parameters, "mch_billno");
        }

        if (SandboxV2Bills.Serves(shortPath))
            return V2Bill(record, operation, fields, signType, shortPath);
        var answer = _v2Answers.Success(operation, path, fields);
        if (shortPath == "risk/getpublickey")
        {
            answer.RemoveAll(field => field.Key == "pub_key");
            answer.Add(new("pub_key", _payBank.PublicPem));
        }
        return Xml(record, operation, answer, signType);
    }

    private static Answer ReturnFail(CallRecord record, string code, string message, SandboxCheck? check, string? field)
    {
        record.Rejection = new Rejection(200, code, message, check, field);
        return new Answer(200, null, null, Xml: SandboxV2Xml.Write(SandboxV2Answers.ReturnFail(message)));
    }

    private Answer ResultFail(CallRecord record, CatalogOperation operation, IReadOnlyDictionary<string, string> fields, string signType,
        string code, string description, SandboxCheck? check, string? field)
    {
        record.Rejection = new Rejection(200, code, description, check, field);
        return Xml(record, operation, SandboxV2Answers.ResultFail(fields, code, description), signType);
    }

    // Signs the answer by the request's sign type, unless the operation answers without one (a wrong key under WrongSignature).
    private Answer Xml(CallRecord record, CatalogOperation operation, List<KeyValuePair<string, string>> fields, string signType)
    {
        if (SandboxV2Rules.SignsAnswer(operation))
        {
            var key = record.Fault == SandboxFault.WrongSignature ? SignedMessage.Nonce() : _keys.ApiV2Key;
            fields.Add(new("sign", SandboxV2Sign.Compute(fields, key, signType)));
        }
        return new Answer(200, null, null, Xml: SandboxV2Xml.Write(fields));
    }

    private static async Task WriteXmlAsync(HttpContext context, byte[] xml)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "text/xml; charset=utf-8";
        response.ContentLength = xml.Length;
        await response.Body.WriteAsync(xml, context.RequestAborted).ConfigureAwait(false);
    }
}
