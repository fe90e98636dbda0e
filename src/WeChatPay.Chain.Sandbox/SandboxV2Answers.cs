using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// APIv2 answers as WeChat Pay writes them: <c>return_code</c> FAIL with <c>return_msg</c> for a request it could not
/// take; otherwise <c>return_code</c> SUCCESS, the merchant's <c>appid</c>/<c>mch_id</c> echoed, a fresh
/// <c>nonce_str</c>, <c>result_code</c> (and <c>err_code</c>, <c>err_code_des</c>), the catalog's answer fields (string
/// values: the request's value of the same name, else what <see cref="AnswerBuilder"/> makes), then <c>sign</c>.
/// </summary>
internal sealed class SandboxV2Answers
{
    private const string FixedTime = "20250101120000";

    private static readonly HashSet<string> Envelope = new(StringComparer.Ordinal)
    {
        "return_code", "return_msg", "result_code", "err_code", "err_code_des", "sign", "sign_type", "nonce_str", "appid", "mch_id", "mchid",
    };

    private readonly AnswerBuilder _builder;

    public SandboxV2Answers(AnswerBuilder builder) => _builder = builder;

    /// <summary>A request WeChat Pay could not take: <c>return_code</c> FAIL and why, nothing else, no sign.</summary>
    public static List<KeyValuePair<string, string>> ReturnFail(string message) => new()
    {
        new("return_code", "FAIL"),
        new("return_msg", message),
    };

    /// <summary>A business failure: <c>result_code</c> FAIL with <c>err_code</c> and <c>err_code_des</c>.</summary>
    public static List<KeyValuePair<string, string>> ResultFail(IReadOnlyDictionary<string, string> request, string code, string description)
    {
        var fields = Head(request, "FAIL");
        fields.Add(new("err_code", code));
        fields.Add(new("err_code_des", description));
        return fields;
    }

    /// <summary>A success: the head, then the catalog's answer fields.</summary>
    public List<KeyValuePair<string, string>> Success(CatalogOperation operation, string path, IReadOnlyDictionary<string, string> request)
    {
        var fields = Head(request, "SUCCESS");
        var body = new JObject();
        foreach (var (name, value) in request)
        {
            if (name != "sign") body[name] = value;
        }
        var built = _builder.Build(new RequestInputs(operation, path, QueryCollection.Empty, body, null), "POST", "/" + path);
        foreach (var property in built.Properties())
        {
            // Numbered fields are documented as coupon_fee_$n: the sandbox answers the first, _0.
            var name = property.Name.Replace("$n", "0", StringComparison.Ordinal);
            if (Envelope.Contains(name) || !SandboxV2Xml.IsName(name)) continue;
            fields.Add(new(name, request.TryGetValue(name, out var echoed) ? echoed : Text(name, property.Value)));
        }
        return fields;
    }

    private static List<KeyValuePair<string, string>> Head(IReadOnlyDictionary<string, string> request, string result)
    {
        var fields = new List<KeyValuePair<string, string>> { new("return_code", "SUCCESS"), new("return_msg", "OK") };
        if (request.TryGetValue("appid", out var appid)) fields.Add(new("appid", appid));
        if (request.TryGetValue("mch_id", out var mchId)) fields.Add(new("mch_id", mchId));
        else if (request.TryGetValue("mchid", out var mchid)) fields.Add(new("mchid", mchid));
        fields.Add(new("nonce_str", SignedMessage.Nonce()));
        fields.Add(new("result_code", result));
        return fields;
    }

    // v2 answers carry strings: numbers as digits, objects and arrays as the JSON text v2 documents, times as yyyyMMddHHmmss.
    private static string Text(string name, JToken value)
    {
        if (name.StartsWith("time_", StringComparison.Ordinal) || name.EndsWith("_time", StringComparison.Ordinal)) return FixedTime;
        return value switch
        {
            JValue { Value: null } => string.Empty,
            JValue { Type: JTokenType.String } text => (string)text!,
            _ when value is JValue => value.ToString(Formatting.None),
            _ => value.ToString(Formatting.None),
        };
    }
}
