using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// Every APIv2 operation of the catalog (but the three pages a browser opens), called through the real client (signed, with the client certificate where the
/// catalog marks <c>security</c>, pay-to-bank fields encrypted) with a body of its required fields — the bills through
/// DownloadAsync, the upload through UploadAsync — judged by the sandbox's own v2 code on its TLS address, the answer
/// judged by the client.
/// </summary>
public class SweepV2Tests
{
    [Test]
    public async Task Every_documented_v2_operation_goes_through_and_comes_back_judged()
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
                var node = client.Chain(operation.Path);
                var seen = (SandboxCall?)null;
                if (operation.Download)
                {
                    using var bill = new System.IO.MemoryStream();
                    await node.DownloadAsync(bill, Body(operation));
                    seen = sandbox.Calls[^1];
                    if (bill.Length == 0) failures.Add($"{operation}: an empty bill");
                    if (seen.ErrorCode is not null || seen.FailedCheck is not null) failures.Add($"{operation}: the sandbox saw {seen}");
                    if (seen.PresentedClientCertificate != security) failures.Add($"{operation}: client certificate {(seen.PresentedClientCertificate ? "presented" : "missing")}");
                    if (security) certified++;
                    continue;
                }
                var response = operation.Method == "GET" ? await node.GetAsync(Body(operation))
                    : operation.RequestBody == "multipart" ? await node.UploadAsync(WeChatPayFile.FromBytes(Png, "logo.png"), Body(operation))
                    : await node.PostAsync(Body(operation));
                seen = sandbox.Calls[^1];
                if (seen.Operation != operation.Method + " " + operation.Path || seen.ErrorCode is not null || seen.FailedCheck is not null)
                    failures.Add($"{operation}: the sandbox saw {seen}");
                if (seen.PresentedClientCertificate != security)
                    failures.Add($"{operation}: client certificate {(seen.PresentedClientCertificate ? "presented" : "missing")}");
                // appauth/getaccesstoken answers JSON (retcode 0), every other operation XML (result_code SUCCESS).
                if ((string?)response.Json?["result_code"] != "SUCCESS" && (string?)response.Json?["retcode"] != "0") failures.Add($"{operation}: {response.Body}");
                if (security) certified++;
            }
            catch (Exception e) when (e is WeChatPayException || e is ArgumentException || e is InvalidOperationException)
            {
                failures.Add($"{operation}: {e.GetType().Name}: {e.Message}");
            }
        }

        TestContext.Out.WriteLine($"swept {operations.Length} v2 operations ({certified} with the client certificate); {failures.Count} failed");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(20)));
        Assert.That(operations.Length, Is.EqualTo(126), "every v2 operation but the three pages: 120 POSTs of fields, 2 bills, 1 upload, 3 GETs");
        Assert.That(certified, Is.EqualTo(57), "every operation the catalog marks security");
    }

    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    // Every v2 operation but the three pages a user's browser opens, which the client refuses to send (ApiV2RequestTests).
    internal static CatalogOperation[] Operations() => OperationCatalog.Default.Operations
        .Where(o => o.Path.StartsWith("v2/", StringComparison.Ordinal)
            && o.Path is not ("v2/appauth/authindex" or "v2/papay/entrustweb" or "v2/papay/partner/entrustweb"))
        .ToArray();

    // The required fields: HMAC-SHA256 where the sign type is documented (the fund flow takes no other), a past day for a
    // bill, an enum's first value, else "1"; the merchant is the sandbox's; pay-to-bank fields in plaintext; the upload's
    // file and digest are the client's to add.
    internal static Dictionary<string, object> Body(CatalogOperation operation)
    {
        var body = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var field in (operation.Method == "GET" ? operation.QueryFields : operation.BodyFields).Where(f => f.Required))
        {
            if (field.Name is "sign" or "nonce_str" or "media" or "media_hash") continue;
            body[field.Name] = field.Name == "sign_type" && field.Enum.Contains("HMAC-SHA256") ? "HMAC-SHA256"
                : field.Name == "bill_date" ? "20250101"
                : field.Enum.Count > 0 ? field.Enum[0] : "1";
        }
        if (body.ContainsKey("mchid")) body["mchid"] = "1900000001";
        else body["mch_id"] = "1900000001";
        return body;
    }
}
