using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// Every v3 JSON operation of the catalog, called through the real client with a request built from its required fields
/// (placeholder values, sensitive fields included in plaintext): the sandbox checks signature, fields and encryption,
/// and the client verifies the signed answer.
/// </summary>
public class SweepTests
{
    [Test]
    public async Task Every_documented_v3_json_operation_goes_through_and_comes_back_verified()
    {
        // v3/certificates is served in certificate mode only (CertificateModeTests); this sandbox is in public-key mode.
        // v3/billdownload/file needs a token from an apply answer, which a placeholder is not (BillDownloadTests).
        var operations = Operations();
        await using var sandbox = await WeChatPaySandbox.StartAsync();
        using var client = new WeChatPayClient(sandbox.ClientOptions());

        var failures = new List<string>();
        var encryptedCalls = 0;
        foreach (var operation in operations)
        {
            try
            {
                var response = await Send(client, operation);
                if (response.StatusCode < 200 || response.StatusCode > 299) failures.Add($"{operation}: {response.StatusCode}");
                if (response.EncryptedFields.Count > 0)
                {
                    encryptedCalls++;
                    var seen = sandbox.Calls.Last().DecryptedFields;
                    if (!seen.OrderBy(f => f, StringComparer.Ordinal).SequenceEqual(response.EncryptedFields.OrderBy(f => f, StringComparer.Ordinal)))
                        failures.Add($"{operation}: encrypted {string.Join(",", response.EncryptedFields)} but the sandbox decrypted {string.Join(",", seen)}");
                }
            }
            catch (WeChatPayException e)
            {
                failures.Add($"{operation}: {e.Message}");
            }
        }

        TestContext.Out.WriteLine($"swept {operations.Length} v3 JSON operations ({encryptedCalls} with encrypted fields); {failures.Count} failed");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(20)));
        Assert.That(operations.Length, Is.GreaterThan(900));
        Assert.That(encryptedCalls, Is.GreaterThan(100));
    }

    internal static CatalogOperation[] Operations() => OperationCatalog.Default.Operations
        .Where(o => o.Path.StartsWith("v3/", StringComparison.Ordinal) && (o.RequestBody is null || o.RequestBody == "json")
            && o.Path != "v3/certificates" && o.Path != "v3/billdownload/file")
        .ToArray();

    /// <summary>The plaintext the sweep sends for every sensitive field (<c>x</c> and the field's name).</summary>
    internal static IEnumerable<string> SensitivePlaintexts(CatalogOperation operation) =>
        operation.BodyFields.Concat(operation.QueryFields).SelectMany(SensitiveLeaves).Select(f => "x" + f.Name);

    private static IEnumerable<CatalogField> SensitiveLeaves(CatalogField field) =>
        field.Encrypted == "rsa-platform" ? new[] { field } : field.Children.SelectMany(SensitiveLeaves);

    internal static Task<WeChatPayResponse> Send(WeChatPayClient client, CatalogOperation operation)
    {
        var node = client.Chain(operation.Path);
        var options = new WeChatPayRequestOptions
        {
            PathValues = operation.PathParams.ToDictionary(p => p, p => (object)("P" + p.Length)),
            Query = Required(operation.QueryFields).ToDictionary(f => f.Name, f => Placeholder(f) is JValue v ? v.Value : Placeholder(f).ToString()),
        };
        var body = operation.RequestBody == "json" ? RequiredObject(operation.BodyFields) : null;
        return operation.Method switch
        {
            "GET" => node.GetAsync(options: options),
            "POST" => node.PostAsync(body, options),
            "PUT" => node.PutAsync(body, options),
            "PATCH" => node.PatchAsync(body, options),
            "DELETE" => node.DeleteAsync(body, options),
            _ => throw new NotSupportedException(operation.Method),
        };
    }

    // The required fields, and every field on the way to a sensitive one, so that encryption is exercised too.
    private static IEnumerable<CatalogField> Required(IEnumerable<CatalogField> fields) => fields.Where(f => f.Required || Sensitive(f));

    private static bool Sensitive(CatalogField field) => field.Encrypted == "rsa-platform" || field.Children.Any(Sensitive);

    internal static JObject RequiredObject(IEnumerable<CatalogField> fields) =>
        new JObject(Required(fields).Select(f => new JProperty(f.Name, Placeholder(f))));

    // A value of the documented type: the first enum value, "x…" for strings, 1, true, one-element arrays.
    private static JToken Placeholder(CatalogField field)
    {
        var element = field.IsArray ? field.Type.Substring(0, field.Type.Length - 2) : field.Type;
        JToken one = field.Enum.Count > 0 ? EnumValue(element, field.Enum[0]) : element switch
        {
            "integer" => 1,
            "number" or "float" => 1,
            "boolean" => true,
            "object" => RequiredObject(field.Children),
            _ => "x" + field.Name,
        };
        return field.IsArray ? new JArray(one) : one;
    }

    private static JToken EnumValue(string type, string value) => type switch
    {
        "integer" or "number" or "float" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        "boolean" when bool.TryParse(value, out var b) => b,
        _ => value,
    };
}
