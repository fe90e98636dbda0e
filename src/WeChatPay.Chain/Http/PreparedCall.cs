using WeChatPay.Chain.Shared;
using System.Collections.Generic;
using System.Net.Http;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Http;

/// <summary>
/// One call on its way to the wire: built by <see cref="RequestBuilder"/>, its sensitive fields encrypted by
/// <see cref="SensitiveFields"/>, then sealed into the exact request target and body text that are signed and sent.
/// </summary>
internal sealed class PreparedCall
{
    public PreparedCall(HttpMethod method, string relativePath, CatalogOperation? operation, List<KeyValuePair<string, string>> query, bool autoEncryption)
    {
        Method = method;
        RelativePath = relativePath;
        Operation = operation;
        Query = query;
        AutoEncryption = autoEncryption;
        IsV2 = ApiV2Protocol.IsV2(relativePath);
    }

    /// <summary>Whether this is an APIv2 call (<c>v2/…</c>): an XML body signed with the APIv2 key, sent to the path without <c>v2/</c>.</summary>
    public bool IsV2 { get; }

    /// <summary>A v2 call's sign type, decided by <see cref="ApiV2Protocol"/>; its answer is verified by the same type.</summary>
    public Crypto.ApiV2SignType V2SignType { get; set; }

    /// <summary>A v2 upload's signed fields, each sent as a form part beside the file; null for any other call.</summary>
    public List<KeyValuePair<string, string>>? V2Form { get; set; }

    /// <summary>A v2 call's signed XML body, written by <see cref="ApiV2Protocol"/>; null for a v2 GET.</summary>
    public string? XmlBody { get; set; }

    /// <summary>Sent with the merchant's TLS client certificate (an APIv2 operation the catalog marks <c>security</c>); no other call is.</summary>
    public bool ClientCertificate { get; set; }

    /// <summary>
    /// An answer of <c>SYSTEMERROR</c> is sent again, the same request byte for byte (WeChat Pay's documented rule for red packets:
    /// retry with the same <c>mch_billno</c>); set by <see cref="ApiV2Protocol"/>.
    /// </summary>
    public bool ResendOnSystemError { get; set; }

    /// <summary>The operation's own scheme and host, which every attempt goes to; null for the base URL's (and the backup's).</summary>
    public string? Origin { get; set; }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The expanded, escaped path below the base URL, without leading slash.</summary>
    public string RelativePath { get; }

    /// <summary>The documented operation, looked up once; null when the catalog does not know the call.</summary>
    public CatalogOperation? Operation { get; }

    /// <summary>The query parameters as text, in order (sensitive ones encrypted once <see cref="SensitiveFields"/> ran).</summary>
    public List<KeyValuePair<string, string>> Query { get; }

    /// <summary>Whether automatic encryption and decryption apply to this call.</summary>
    public bool AutoEncryption { get; }

    /// <summary>Checked extra request headers, <c>Wechatpay-Serial</c> among them once it is decided.</summary>
    public List<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();

    /// <summary>The <c>Wechatpay-Serial</c> the caller gave, checked; null when none.</summary>
    public string? CallerSerial { get; set; }

    /// <summary>The body as the caller gave it (object, dictionary, JToken or JSON text); null for none.</summary>
    public object? BodySource { get; set; }

    /// <summary>The body as a JSON tree of this call's own, when validation or encryption needed one.</summary>
    public JToken? BodyTree { get; set; }

    /// <summary>Whether encryption changed <see cref="BodyTree"/>, so that the tree, not the source, is what is sent.</summary>
    public bool BodyChanged { get; set; }

    /// <summary>The names of the query parameters whose values never appear in a message (the documented sensitive ones).</summary>
    public List<string> SensitiveQuery { get; } = new List<string>();

    /// <summary>The concrete paths of the fields this call encrypted (<c>identity.real_name</c>, <c>query.account_number</c>).</summary>
    public List<string> EncryptedFields { get; } = new List<string>();

    /// <summary>An upload's file part: its name, the file, and its content at the start; null for other calls.</summary>
    public UploadPart? Upload { get; set; }

    /// <summary>After <see cref="Seal"/>: the exact body text to send and sign (an upload's <c>meta</c> JSON), or null for none.</summary>
    public string? Body { get; private set; }

    /// <summary>After <see cref="Seal"/>: the request target exactly as on the request line and in the signature (<c>/v3/x?a=1</c>).</summary>
    public string Target { get; private set; } = string.Empty;

    /// <summary>After <see cref="Seal"/>: <see cref="Target"/> with the sensitive query values redacted, for messages.</summary>
    public string ShownTarget { get; private set; } = string.Empty;

    /// <summary>Fixes the body text and the request target; nothing about the request changes after this.</summary>
    /// <exception cref="System.ArgumentException">The body is JSON text that does not parse, or holds invalid UTF-16.</exception>
    public void Seal(string basePath)
    {
        if (IsV2)
        {
            Body = XmlBody;
        }
        else if (Upload is not null)
        {
            // An upload signs and sends its meta JSON; BodyTree is {"meta": …} so that meta paths read as the catalog writes them.
            Body = WeChatPayJson.Text(BodyTree!["meta"]!);
            if (WireText.LoneSurrogateAt(Body) >= 0) WireText.RequireUtf16(Body, "The meta");
        }
        else if (BodySource is not null)
        {
            Body = BodyChanged ? WeChatPayJson.Text(BodyTree!) : RequestBuilder.BodyText(BodySource);
            if (WireText.LoneSurrogateAt(Body) >= 0) WireText.RequireUtf16(Body, "The body");
        }
        // A v2 path is documented with a v2/ prefix that its URL does not have.
        var relative = IsV2 ? RelativePath.Substring(ApiV2Protocol.Prefix.Length) : RelativePath;
        Target = RequestTarget.Build(basePath, relative, Query, null);
        ShownTarget = SensitiveQuery.Count == 0 ? Target : RequestTarget.Build(basePath, relative, Query, SensitiveQuery);
    }
}
