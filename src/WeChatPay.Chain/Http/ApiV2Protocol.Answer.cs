using System;
using System.Xml;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.ApiV2;

namespace WeChatPay.Chain.Http;

/// <content>Step 6 of a v2 call: the answer read as XML (DTDs and entities refused), judged, and its fields handed back as JSON strings.</content>
internal sealed partial class ApiV2Protocol
{
    private const int MaxQuoted = 1024;

    /// <summary>
    /// The fields of a 2xx v2 answer as a JSON object of strings, once <c>return_code</c>, <c>result_code</c> and the sign
    /// (by the request's sign type, unless the operation answers without one) have passed; null for a download's file (a
    /// download answers XML only to report an error).
    /// </summary>
    /// <exception cref="WeChatPayException">The answer is not readable XML (the <see cref="XmlException"/> is the cause), or
    /// its return_code or result_code is not SUCCESS (<see cref="WeChatPayException.Code"/> is err_code, or error_code, else the code).</exception>
    /// <exception cref="WeChatPaySignatureException">The answer's sign does not verify (<see cref="SignatureCheck.Signature"/>).</exception>
    public JObject? Read(Answer answer, PreparedCall call)
    {
        var method = call.Method.Method;
        var text = answer.Text;
        if (call.Operation?.Download == true && !text.TrimStart().StartsWith("<", StringComparison.Ordinal)) return null;
        if (call.Operation is { } operation && AnswersJson(operation)) return ReadJson(answer, call);
        ApiV2Fields fields;
        try
        {
            fields = ApiV2XmlReader.Read(text);
        }
        catch (XmlException e)
        {
            throw new WeChatPayException(
                $"{method} {call.ShownTarget} answered {answer.StatusCode} with a body that is not a readable APIv2 answer ({e.Message.TrimEnd('.')}); nothing of it was used.",
                method, call.ShownTarget, answer.StatusCode, text, answer.Headers, e);
        }

        var signless = V2SignlessOperations.AnswerHasNoSign(call.RelativePath);
        switch (ApiV2Answer.Judge(fields, _apiV2Key!, call.V2SignType, signless))
        {
            case ApiV2AnswerVerdict.ReturnCode:
                // downloadbill gives its error's number as error_code (20002: No Bill Exist): the code to branch on.
                var returnCode = fields.ValueOf("return_code");
                var errorCode = fields.ValueOf("error_code");
                throw Failure(call, answer, errorCode ?? returnCode ?? "FAIL",
                    $"return_code {returnCode ?? "(missing)"}{(errorCode is null ? string.Empty : ", error_code " + errorCode)}: {Quoted(fields.ValueOf("return_msg"))}",
                    fields.ValueOf("return_msg"));
            case ApiV2AnswerVerdict.ResultCode:
                var errCode = fields.ValueOf("err_code") ?? fields.ValueOf("result_code") ?? "FAIL";
                var description = fields.ValueOf("err_code_des") ?? fields.ValueOf("return_msg");
                throw Failure(call, answer, errCode, $"result_code {fields.ValueOf("result_code")}, err_code {errCode}: {Quoted(description)}", description);
            case ApiV2AnswerVerdict.Sign:
                throw new WeChatPaySignatureException(SignatureCheck.Signature,
                    $"the APIv2 answer's sign is missing or is not the {Crypto.ApiV2Signature.NameOf(call.V2SignType)} sign of its fields under WeChatPayOptions.ApiV2Key",
                    method, call.ShownTarget, answer.StatusCode, text, answer.Headers);
        }

        var json = new JObject();
        foreach (var field in fields) json[field.Key] = field.Value;
        return json;
    }

    // The v2 operations documented to answer JSON (appauth/getaccesstoken: retcode, retmsg, …) rather than XML.
    private static bool AnswersJson(Catalog.CatalogOperation operation)
    {
        foreach (var row in operation.Response)
            if (row.Name == "retcode") return true;
        return false;
    }

    // A JSON answer: retcode 0 is success (its fields as given), any other a failure whose Code is the retcode. Unsigned, as documented.
    private static JObject ReadJson(Answer answer, PreparedCall call)
    {
        JObject json;
        try
        {
            json = JObject.Parse(answer.Text);
        }
        catch (Newtonsoft.Json.JsonException e)
        {
            throw new WeChatPayException(
                $"{call.Method.Method} {call.ShownTarget} answered {answer.StatusCode} with a body that is not the JSON object it documents ({e.Message.TrimEnd('.')}); nothing of it was used.",
                call.Method.Method, call.ShownTarget, answer.StatusCode, answer.Text, answer.Headers, e);
        }
        var code = json["retcode"] is JValue { Value: not null } value ? Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        if (code != "0")
        {
            var message = (string?)(json["retmsg"] as JValue);
            throw Failure(call, answer, code ?? "FAIL", $"retcode {code ?? "(missing)"}: {Quoted(message)}", message);
        }
        return json;
    }

    // Code and ErrorMessage are carried as an error JSON would carry them.
    private static WeChatPayException Failure(PreparedCall call, Answer answer, string code, string what, string? message)
    {
        var method = call.Method.Method;
        var error = new JObject { ["code"] = code };
        if (message is not null) error["message"] = message;
        return new WeChatPayException($"{method} {call.ShownTarget} failed: {what}", method, call.ShownTarget, answer.StatusCode, answer.Text, error,
            answer.Headers, null, false);
    }

    private static string Quoted(string? message) =>
        message is null ? "(no message)" : message.Length <= MaxQuoted ? message : message.Substring(0, MaxQuoted) + "…";
}
