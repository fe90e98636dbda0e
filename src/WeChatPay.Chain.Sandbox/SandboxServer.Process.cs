using System;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Sandbox;

/// <content>The checks, in WeChat Pay's order, and the choice of answer.</content>
internal sealed partial class SandboxServer
{
    private static readonly string[] Methods = { "GET", "POST", "PUT", "PATCH", "DELETE" };

    private async Task<Answer> ProcessAsync(HttpContext context, string target, byte[] body, CallRecord record)
    {
        var request = context.Request;
        var method = request.Method.ToUpperInvariant();
        var path = PathOf(target);
        if (ResolveV2(method, path) is { } v2)
        {
            var form = v2.RequestBody == "multipart" ? await MultipartMeta.PartsAsync(request.ContentType, body, context.RequestAborted).ConfigureAwait(false) : null;
            var query = target.IndexOf('?') is var at && at >= 0 ? target.Substring(at) : null;
            return ProcessV2(method, path, body, form, query, v2, record, context.Connection.ClientCertificate);
        }

        var operation = Resolve(context, method, path, out var unknown);
        if (operation is null) return Reject(record, unknown!);
        record.Operation = operation.Method + " " + operation.Path;
        record.Passed.Add(SandboxCheck.Operation);

        // Uploads sign their JSON meta part, not the multipart body.
        var meta = operation.RequestBody == "multipart"
            ? await MultipartMeta.ReadAsync(request.ContentType, body, context.RequestAborted).ConfigureAwait(false)
            : null;
        var signed = meta ?? Encoding.UTF8.GetString(body);
        if (_authorization.Check(method, target, signed, request.Headers.Authorization, record.Passed) is { } signError)
            return Reject(record, signError);

        JObject? json = null, metaJson = null;
        if (operation.RequestBody == "json" && body.Length > 0 && !TryParseObject(signed, "body", out json, out var badBody))
            return Reject(record, badBody!);
        if (meta != null && !TryParseObject(meta, "meta", out metaJson, out var badMeta))
            return Reject(record, badMeta!);

        var inputs = new RequestInputs(operation, path, request.Query, json, metaJson);
        if (ParameterCheck.Check(inputs) is { } paramError) return Reject(record, paramError);
        if (metaJson is not null && await UploadCheck.CheckAsync(operation, request.ContentType, body, metaJson, context.RequestAborted).ConfigureAwait(false) is { } fileError)
            return Reject(record, fileError);
        record.Passed.Add(SandboxCheck.Parameters);

        if (SensitiveFields.Check(inputs, request.Headers[SensitiveFields.SerialHeader], _keys, record.Decrypted) is { } encryptionError)
            return Reject(record, encryptionError);
        record.Passed.Add(SandboxCheck.Encryption);

        if (QueryOrder(record, operation, inputs) is { } known)
            return known;
        if (operation.Method == "GET" && operation.Path == "v3/certificates")
            return Certificates(record, inputs);
        if (operation.Method == "GET" && operation.Path == SandboxBills.FilePath)
        {
            return Bills.Read(inputs.Query.TryGetValue("token", out var token) ? token.ToString() : null) is { } bill
                ? new Answer(200, null, null, bill)
                : Reject(record, Rejection.ParamError(SandboxCheck.Parameters, "token", "query", "unknown token",
                    "参数错误 (parameter error): token is not one this sandbox issued; apply for the bill first (e.g. GET v3/bill/tradebill)."));
        }
        if (operation.Download)
            return new Answer(200, null, Encoding.UTF8.GetBytes("WeChatPay.Chain sandbox file for " + operation.Method + " " + operation.Path + "\n"));
        if (operation.Response.Count == 0)
        {
            RecordOrder(operation, inputs, null);
            return new Answer(204, null, null);
        }
        var answer = _answers.Build(inputs, method, "/" + path);
        // An apply answer points at a bill this sandbox serves, with its digest.
        if (answer["download_url"]?.Type == JTokenType.String || answer["download_bill_list"] is JArray)
            await Bills.ApplyAsync(answer, request.Scheme + "://" + request.Host.Value, operation.Path, inputs, _keys).ConfigureAwait(false);
        RecordOrder(operation, inputs, answer);
        return new Answer(200, answer, null);
    }

    // The catalog operation, or why there is none: 404 for an unknown path (a v2 one the sandbox does not serve yet included), 405 for a known path with another method.
    private CatalogOperation? Resolve(HttpContext context, string method, string path, out Rejection? rejection)
    {
        rejection = null;
        if (path.StartsWith("v3/", StringComparison.Ordinal))
        {
            if (_catalog.Find(method, path) is { } found && IsV3(found)) return found;

            var allowed = new System.Collections.Generic.List<string>();
            foreach (var other in Methods)
            {
                if (other != method && _catalog.Find(other, path) is { } sibling && IsV3(sibling)) allowed.Add(other);
            }
            if (allowed.Count > 0)
            {
                context.Response.Headers.Allow = string.Join(", ", allowed);
                rejection = new Rejection(405, "METHOD_NOT_ALLOWED",
                    $"{method} is not documented for /{path}; it accepts {string.Join(", ", allowed)}.", SandboxCheck.Operation);
                return null;
            }
        }

        rejection = new Rejection(404, "NOT_FOUND", $"No documented WeChat Pay APIv3 operation, nor an APIv2 one the sandbox serves (a POST of XML), answers {method} /{path}.", SandboxCheck.Operation);
        return null;
    }

    private static bool IsV3(CatalogOperation operation) => operation.Path.StartsWith("v3/", StringComparison.Ordinal);

    private static bool TryParseObject(string text, string field, out JObject? json, out Rejection? rejection)
    {
        json = null;
        rejection = null;
        try
        {
            json = SandboxJson.Parse(text) as JObject;
        }
        catch (JsonException)
        {
            // Not echoed: the message of a parser exception quotes the input.
        }
        if (json != null) return true;
        rejection = Rejection.ParamError(SandboxCheck.Parameters, field, "body", "not json",
            $"参数错误 (parameter error): the {field} is not a JSON object.");
        return false;
    }

    private Answer Certificates(CallRecord record, RequestInputs inputs)
    {
        if (_keys.Mode == KeyMode.PublicKey)
        {
            // What WeChat Pay answers a merchant in public-key mode (no platform certificate was ever issued).
            return Reject(record, new Rejection(404, "RESOURCE_NOT_EXISTS",
                "无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥。可查看指引https://pay.weixin.qq.com/doc/v3/merchant/4012153196", null));
        }

        var rules = _keys.Rules;
        var algorithm = inputs.Query.TryGetValue("algorithm_type", out var type) ? type.ToString() : "RSA";
        if (rules.Scheme == SandboxScheme.Sm && algorithm is not ("SM2" or "ALL"))
        {
            // A 国密 merchant's platform certificates are SM2 ones: the sandbox has no RSA certificate to list, and says so.
            return Reject(record, new Rejection(400, "PARAM_ERROR",
                $"参数错误 (parameter error): this merchant uses {rules.Name}; its platform certificates are SM2 ones, listed by GET v3/certificates?algorithm_type=SM2.",
                null, "algorithm_type", new JObject { ["field"] = "algorithm_type", ["location"] = "query", ["issue"] = type.Count == 0 ? "required" : "enum" }));
        }

        var data = new JArray();
        if (algorithm == "ALL" || algorithm == rules.CertificateAlgorithmType)
        {
            foreach (var platform in _keys.Platforms)
            {
                if (platform.CertificatePem is null) continue; // the WeChat Pay public key is not a certificate
                var nonce = SignedMessage.Nonce(12);
                data.Add(new JObject
                {
                    ["serial_no"] = platform.Id,
                    ["effective_time"] = WeChatTime.Rfc3339(platform.NotBefore!.Value),
                    ["expire_time"] = WeChatTime.Rfc3339(platform.NotAfter!.Value),
                    ["encrypt_certificate"] = new JObject
                    {
                        ["algorithm"] = rules.Aead,
                        ["nonce"] = nonce,
                        ["associated_data"] = "certificate",
                        ["ciphertext"] = rules.Seal(_keys.ApiV3Key, nonce, "certificate", platform.CertificatePem!),
                    },
                });
            }
        }
        return new Answer(200, new JObject { ["data"] = data }, null);
    }

    private static Answer Reject(CallRecord record, Rejection rejection)
    {
        record.Rejection = rejection;
        return new Answer(rejection.Status, rejection.Body(), null);
    }

    // The path without the leading slash, the query or a fragment: what the catalog looks up.
    private static string PathOf(string target)
    {
        var end = target.IndexOfAny(new[] { '?', '#' });
        var path = end < 0 ? target : target.Substring(0, end);
        return path.TrimStart('/');
    }

    private sealed record Answer(int Status, JObject? Json, byte[]? File, SandboxBills.Bill? Bill = null, byte[]? Xml = null, SandboxV2Bills.Bill? V2Bill = null);
}
