using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// Every generated request type (package WeChatPay.Chain.Models), filled with its operation's required fields (sensitive ones
/// in plaintext), sent through the typed verb to the sandbox, which judges it with its own code; its answer read into the
/// generated answer type, which must hold every field the sandbox answered (decrypted ones in plaintext) and write them back.
/// </summary>
public class TypedSweepTests
{
    private static readonly Assembly Models = typeof(WeChatPay.Chain.Models.PayTransactionsJsapiPostRequest).Assembly;

    [Test]
    public async Task Every_v3_request_type_round_trips_through_the_sandbox_into_its_answer_type()
    {
        await using var sandbox = await WeChatPaySandbox.StartAsync();
        using var client = new WeChatPayClient(sandbox.ClientOptions());
        var swept = SweepTests.Operations().ToDictionary(o => o.Method + " " + o.Path);

        var (count, failures, encrypted, decrypted) = await Sweep(client, sandbox, swept, operation =>
            operation.RequestBody == "json" ? SweepTests.RequiredObject(operation.BodyFields) : null);

        TestContext.Out.WriteLine($"{count} v3 request types round-tripped ({encrypted} with encrypted fields, {decrypted} with decrypted answers); {failures.Count} failed");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(20)));
        Assert.That(count, Is.GreaterThan(900));
        Assert.That(encrypted, Is.GreaterThan(100));
        Assert.That(decrypted, Is.GreaterThan(20));
    }

    [Test]
    public async Task Every_v2_request_type_round_trips_through_the_sandbox_into_its_answer_type()
    {
        await using var sandbox = await WeChatPaySandbox.StartAsync();
        using var client = new WeChatPayClient(sandbox.TlsClientOptions());
        var swept = SweepV2Tests.Operations().Where(o => !o.Download && o.RequestBody != "multipart").ToDictionary(o => o.Method + " " + o.Path);

        var (count, failures, _, _) = await Sweep(client, sandbox, swept, operation =>
            operation.Method == "GET" ? null : V2Body(operation));

        TestContext.Out.WriteLine($"{count} v2 request types round-tripped; {failures.Count} failed");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(20)));
        Assert.That(count, Is.EqualTo(swept.Count), "a request type for every v2 operation the sweep sends");
    }

    // The v2 sweep's fields, a documented boolean as one (the sweep writes "1" for every field, which a bool member cannot take).
    private static JObject V2Body(CatalogOperation operation)
    {
        var body = JObject.FromObject(SweepV2Tests.Body(operation));
        foreach (var field in operation.BodyFields.Where(f => f.Type == "boolean" && body.ContainsKey(f.Name))) body[field.Name] = true;
        return body;
    }

    private static async Task<(int Count, List<string> Failures, int Encrypted, int Decrypted)> Sweep(WeChatPayClient client, WeChatPaySandbox sandbox,
        Dictionary<string, CatalogOperation> operations, Func<CatalogOperation, JObject?> body)
    {
        var failures = new List<string>();
        int count = 0, encrypted = 0, decrypted = 0;
        foreach (var type in RequestTypes())
        {
            var request = (WeChatPayRequest)Activator.CreateInstance(type)!;
            if (!operations.TryGetValue(request.OperationMethod + " " + request.OperationPath, out var operation)) continue;
            count++;
            try
            {
                Fill(request, operation, body(operation));
                var response = await Send(client, operation, request);
                var seen = sandbox.Calls[^1];
                if (seen.ErrorCode is not null || seen.FailedCheck is not null) failures.Add($"{operation}: the sandbox saw {seen}");
                if (response.EncryptedFields.Count > 0)
                {
                    encrypted++;
                    if (!seen.DecryptedFields.OrderBy(f => f, StringComparer.Ordinal).SequenceEqual(response.EncryptedFields.OrderBy(f => f, StringComparer.Ordinal)))
                        failures.Add($"{operation}: encrypted {string.Join(",", response.EncryptedFields)} but the sandbox decrypted {string.Join(",", seen.DecryptedFields)}");
                }
                if (response.DecryptedFields.Count > 0) decrypted++;
                var model = (WeChatPayModel?)response.GetType().GetProperty("Model")!.GetValue(response);
                if (response.Json is JObject answer && answer.Count > 0)
                {
                    if (model is null) failures.Add($"{operation}: no model for {answer}");
                    else if (Difference(answer, JToken.FromObject(model, JsonSerializer.Create(new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore }))) is { } difference)
                        failures.Add($"{operation}: the answer type {model.GetType().Name} lost or changed {difference}");
                }
            }
            catch (Exception e) when (e is WeChatPayException || e is ArgumentException || e is InvalidOperationException || e is JsonException)
            {
                failures.Add($"{operation}: {e.GetType().Name}: {e.Message}");
            }
        }
        return (count, failures, encrypted, decrypted);
    }

    internal static IEnumerable<Type> RequestTypes() => Models.GetExportedTypes()
        .Where(t => !t.IsAbstract && typeof(WeChatPayRequest).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal);

    // The body's fields through Newtonsoft (as a caller's JSON would fill the type); the path and query members, which the body
    // does not carry, by their [JsonProperty] names.
    private static void Fill(WeChatPayRequest request, CatalogOperation operation, JObject? body)
    {
        if (body is not null) JsonSerializer.CreateDefault().Populate(body.CreateReader(), request);
        var values = new Dictionary<string, JToken>(StringComparer.Ordinal);
        foreach (var name in operation.PathParams) values[name] = "P" + name.Length;
        if (operation.Method == "GET" && operation.Path.StartsWith("v2/", StringComparison.Ordinal))
            foreach (var pair in JObject.FromObject(SweepV2Tests.Body(operation))) values[pair.Key] = pair.Value!;
        else
            foreach (var pair in SweepTests.RequiredObject(operation.QueryFields)) values[pair.Key] = pair.Value!;
        foreach (var property in request.GetType().GetProperties())
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is null) continue;
            var name = property.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName ?? property.Name;
            if (!values.TryGetValue(name, out var value)) continue;
            // A path placeholder documented as a number takes one (the sweep's placeholder is text).
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (value.Type == JTokenType.String && type.IsValueType && type != typeof(bool)) value = 1;
            property.SetValue(request, value.ToObject(property.PropertyType));
        }
    }

    private static async Task<WeChatPayResponse> Send(WeChatPayClient client, CatalogOperation operation, WeChatPayRequest request)
    {
        var answer = request.GetType().BaseType!.GetGenericArguments()[0];
        var verb = typeof(WeChatPayNode).GetMethods().Single(m => m.Name == Verb(operation.Method) && m.IsGenericMethodDefinition && m.GetParameters().Length == 3);
        var task = (Task)verb.MakeGenericMethod(answer).Invoke(client.Chain(operation.Path), new object?[] { request, null, CancellationToken.None })!;
        await task;
        return (WeChatPayResponse)task.GetType().GetProperty("Result")!.GetValue(task)!;
    }

    private static string Verb(string method) => method.Substring(0, 1) + method.Substring(1).ToLowerInvariant() + "Async";

    // Where the model's JSON differs from the answer: a field missing, or a value that is not the same text or number.
    private static string? Difference(JToken answer, JToken model, string path = "")
    {
        switch (answer)
        {
            case JObject o:
                if (model is not JObject m) return path + " (not an object)";
                foreach (var property in o.Properties())
                {
                    if (property.Value.Type == JTokenType.Null) continue;
                    if (m[property.Name] is not { } mine) return path + "." + property.Name + " (missing)";
                    if (Difference(property.Value, mine, path + "." + property.Name) is { } inner) return inner;
                }
                return null;
            case JArray a:
                if (model is not JArray l || l.Count != a.Count) return path + " (not the same list)";
                for (var i = 0; i < a.Count; i++)
                    if (Difference(a[i], l[i], path + "[" + i + "]") is { } inner) return inner;
                return null;
            default:
                return Text(answer) == Text(model) ? null : $"{path} ({answer.Type} became {model.Type})";
        }
    }

    private static string Text(JToken value) => value.Type switch
    {
        JTokenType.Integer or JTokenType.Float => Number(value.ToObject<decimal>()),
        JTokenType.Boolean => value.ToObject<bool>() ? "true" : "false",
        _ => value.ToString().Contains('.') && decimal.TryParse(value.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? Number(d) : value.ToString(),
    };

    // 1, 1.0 and 1.00 alike: dividing by one with trailing zeros drops a decimal's scale.
    private static string Number(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
