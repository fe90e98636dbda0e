using System;
using System.Collections.Generic;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// For every path style and awkward value: the sandbox (its own signature check over the raw request line) accepts what the
/// client signed, so the signed target and the request line agree, and it decodes the path and query values to exactly
/// what was given (it echoes them in the answer).
/// </summary>
public class RequestLineTests : SandboxFixture
{
    private const string Template = "v3/pay/transactions/id/{transaction_id}";

    private static readonly string[] Values =
    {
        "4200000001", "...", ".a", "a.", "a/b", "a?b", "a#b", "%2E%2E", "%41", "a b", "a+b", "中文", "😀", "a\\b", "~-_", "a;b=c", "&=", "'!*()",
    };

    private static IEnumerable<TestCaseData> Cases()
    {
        var styles = new (string Name, Func<WeChatPayClient, string, object, WeChatPayResponse> Call)[]
        {
            ("template member + PathValues", (c, v, q) => c.V3.Pay.Transactions.Id._transaction_id_.Get(q, new WeChatPayRequestOptions { PathValues = new { transaction_id = v } })),
            ("dynamic indexer", (c, v, q) => c.V3.Pay.Transactions.Id[v].Get(q)),
            ("typed indexer", (c, v, q) => c.Chain("v3/pay/transactions/id")[v].Get(q)),
            ("Chain(template)", (c, v, q) => c.Chain(Template).Get(q, new WeChatPayRequestOptions { PathValues = new { transaction_id = v } })),
            ("client indexer(template)", (c, v, q) => c[Template].Get(q, new WeChatPayRequestOptions { PathValues = new Dictionary<string, object> { ["transaction_id"] = v } })),
        };
        foreach (var (name, call) in styles)
            foreach (var value in Values)
                yield return new TestCaseData(call, value).SetName($"The request line carries '{value}' exactly ({name})");
    }

    [TestCaseSource(nameof(Cases))]
    public void The_signed_target_is_the_request_line_and_values_decode_to_what_was_given(Func<WeChatPayClient, string, object, WeChatPayResponse> call, string value)
    {
        var response = call(client, value, new Dictionary<string, string> { ["mchid"] = "1900" + value });

        var seen = sandbox.Calls[^1];
        Assert.Multiple(() =>
        {
            Assert.That(seen.FailedCheck, Is.Null, seen.ToString());
            Assert.That(seen.PassedChecks, Does.Contain(SandboxCheck.Signature), "the sandbox verified the signature over the raw request line");
            Assert.That(seen.Operation, Is.EqualTo("GET " + Template));
            Assert.That((string?)response.Json!["transaction_id"], Is.EqualTo(value), "the path segment decodes to the value");
            Assert.That((string?)response.Json!["mchid"], Is.EqualTo("1900" + value), "the query value decodes to the value");
        });
    }
}
