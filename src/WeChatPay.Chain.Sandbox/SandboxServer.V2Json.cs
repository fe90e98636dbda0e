using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Sandbox;

/// <content>
/// The v2 operations that answer JSON rather than XML (<c>appauth/getaccesstoken</c>: the catalog documents <c>retcode</c>),
/// judged as every v2 request is and answered <c>{"retcode":0,"retmsg":"OK",…}</c>, or a non-zero <c>retcode</c> with the
/// reason the XML answer would give. Never signed: WeChat Pay signs no such answer.
/// </content>
internal sealed partial class SandboxServer
{
    private static Answer AsJson(Answer xml)
    {
        if (xml.Xml is null || !SandboxV2Xml.TryParse(xml.Xml, out var fields, out _)) return xml;
        var success = fields.GetValueOrDefault("return_code") == "SUCCESS" && fields.GetValueOrDefault("result_code") == "SUCCESS";
        var json = new JObject
        {
            ["retcode"] = success ? 0 : -1,
            ["retmsg"] = success ? "OK" : fields.GetValueOrDefault("err_code_des") ?? fields.GetValueOrDefault("return_msg") ?? "FAIL",
        };
        if (success)
        {
            foreach (var field in fields)
            {
                if (field.Key is "return_code" or "return_msg" or "result_code" or "retcode" or "retmsg" or "nonce_str" or "sign" or "appid" or "mch_id") continue;
                json[field.Key] = field.Value;
            }
        }
        return new Answer(xml.Status, json, null);
    }
}
