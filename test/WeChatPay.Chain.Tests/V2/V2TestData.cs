using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Crypto;

namespace WeChatPay.Chain.Tests.V2;

/// <summary>The APIv2 vectors (TestData/v2.json): each group's cases as NUnit cases named after them.</summary>
public static class V2TestData
{
    public const string File = "v2.json";

    public static JsonElement Root => CryptoTestData.Json(File);

    /// <summary>The file's throw-away APIv2 key.</summary>
    public static string ApiV2Key => Root.String("apiv2_key");

    /// <summary>The cases of a top-level array (e.g. "signing"), or of an array inside a group (e.g. "refund_req_info", "invalid").</summary>
    public static IReadOnlyList<JsonElement> Cases(string group, string? inner = null)
    {
        JsonElement node = Root.GetProperty(group);
        if (inner is not null) node = node.GetProperty(inner);
        return node.EnumerateArray().ToList();
    }

    /// <summary>Each case as a one-argument NUnit case, shown by its name.</summary>
    public static IEnumerable<TestCaseData> Named(string group, string? inner = null) =>
        Cases(group, inner).Select(c => new TestCaseData(c).SetArgDisplayNames(c.String("name")));

    /// <summary>A JSON object of string values as fields, in the order given.</summary>
    public static List<KeyValuePair<string, string>> Fields(JsonElement obj) =>
        obj.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToList();
}
