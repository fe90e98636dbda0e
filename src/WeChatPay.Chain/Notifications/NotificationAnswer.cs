using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Notifications;

/// <summary>
/// The body of the answer to one delivery, in its protocol's documented form: APIv3's <c>{"code":"FAIL","message":…}</c>
/// for an error (success has no body), APIv2's <c>&lt;xml&gt;</c> of <c>return_code</c> and <c>return_msg</c> either way.
/// </summary>
internal static class NotificationAnswer
{
    /// <summary>The content type of an APIv3 answer body.</summary>
    public const string JsonType = "application/json; charset=utf-8";

    /// <summary>The content type of an APIv2 answer body.</summary>
    public const string XmlType = "text/xml; charset=utf-8";

    /// <summary>APIv3's error answer.</summary>
    public static string Json(string message) => new JObject { ["code"] = "FAIL", ["message"] = message }.ToString(Formatting.None);

    /// <summary>APIv2's answer: <c>return_code</c> SUCCESS with <c>return_msg</c> OK, or FAIL with <paramref name="message"/>.</summary>
    public static string Xml(bool success, string message) =>
        "<xml><return_code>" + Cdata(success ? "SUCCESS" : "FAIL") + "</return_code><return_msg>" + Cdata(success ? "OK" : message) + "</return_msg></xml>";

    // A CDATA section (what WeChat Pay's own samples use); a "]]>" inside is split across two sections.
    private static string Cdata(string text) => "<![CDATA[" + text.Replace("]]>", "]]]]><![CDATA[>") + "]]>";
}
