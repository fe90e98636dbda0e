using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// Every APIv2 XML operation of the catalog, called through the real client (signed, with the client certificate where the
/// catalog marks <c>security</c>, pay-to-bank fields encrypted) with a body of its required fields, judged by the sandbox's
/// own v2 code on its TLS address, the answer judged by the client.
/// </summary>
public class SweepV2Tests
{
    [Test]
    public async Task Every_documented_v2_xml_operation_goes_through_and_comes_back_judged()
    {
        var operations = Operations();
        await using var sandbox = await WeChatPaySandbox.StartAsync();
        using var client = new WeChatPayClient(sandbox.TlsClientOptions());

        var failures = new List<string>();
        var certified = 0;
        foreach (var operation in operations)
        {
            var security = operation.Request.Any(r => r.Name == "security");
            try
            {
                var response = await client.Chain(operation.Path).PostAsync(Body(operation));
                var seen = sandbox.Calls[^1];
                if (seen.Operation != "POST " + operation.Path || seen.ErrorCode is not null || seen.FailedCheck is not null)
                    failures.Add($"{operation}: the sandbox saw {seen}");
                if (seen.PresentedClientCertificate != security)
                    failures.Add($"{operation}: client certificate {(seen.PresentedClientCertificate ? "presented" : "missing")}");
                if ((string?)response.Json?["result_code"] != "SUCCESS") failures.Add($"{operation}: {response.Body}");
                if (security) certified++;
            }
            catch (Exception e) when (e is WeChatPayException || e is ArgumentException || e is InvalidOperationException)
            {
                failures.Add($"{operation}: {e.GetType().Name}: {e.Message}");
            }
        }

        TestContext.Out.WriteLine($"swept {operations.Length} v2 XML operations ({certified} with the client certificate); {failures.Count} failed");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(20)));
        Assert.That(operations.Length, Is.GreaterThanOrEqualTo(120));
        Assert.That(certified, Is.GreaterThanOrEqualTo(50));
    }

    // The XML operations the sandbox serves; the two bill downloads answer a file, not fields (their own tests stream them).
    private static CatalogOperation[] Operations() => OperationCatalog.Default.Operations
        .Where(o => o.Path.StartsWith("v2/", StringComparison.Ordinal) && o.Method == "POST" && o.RequestBody == "xml" && !o.Download)
        .ToArray();

    // The required fields: an enum's first value, else "1"; the merchant is the sandbox's; pay-to-bank fields in plaintext.
    private static Dictionary<string, object> Body(CatalogOperation operation)
    {
        var body = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var field in operation.Request.First(r => r.Name == "xml").Children.Where(f => f.Required))
        {
            if (field.Name is "sign" or "nonce_str") continue;
            body[field.Name] = field.Enum.Count > 0 ? field.Enum[0] : "1";
        }
        if (body.ContainsKey("mchid")) body["mchid"] = "1900000001";
        else body["mch_id"] = "1900000001";
        return body;
    }
}
