using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Tests.Catalog;

// Reads the committed input with Newtonsoft directly (not through the generator) and checks that every
// operation and webhook reached the embedded catalog with the facts the library relies on.
[TestFixture]
public class CatalogRoundTripTests
{
    private static OperationCatalog Catalog => OperationCatalog.Default;

    [Test]
    public void The_catalog_holds_as_many_operations_and_webhooks_as_the_input()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Catalog.Operations, Has.Count.EqualTo(CatalogInput.Input.operations.Count).And.Count.EqualTo(1147));
            Assert.That(Catalog.Webhooks, Has.Count.EqualTo(CatalogInput.Input.webhooks.Count).And.Count.EqualTo(112));
            Assert.That(Catalog.SourceCommit, Is.EqualTo(CatalogInput.Input.source.commit));
        });
    }

    [Test]
    public void Every_input_operation_is_in_the_catalog_with_the_same_facts()
    {
        var byKey = Catalog.Operations.ToDictionary(o => o.Method + " " + o.Path);
        var mismatches = new List<string>();

        foreach (var input in CatalogInput.Input.operations)
        {
            var key = input.method + " " + input.path;
            if (!byKey.TryGetValue(key, out var op))
            {
                mismatches.Add(key + ": missing");
                continue;
            }

            void Check(string what, object? expected, object? actual)
            {
                if (!Equals(expected, actual)) mismatches.Add($"{key}: {what} is '{actual}', input says '{expected}'");
            }

            Check("method", input.method, op.Method);
            Check("path", input.path, op.Path);
            Check("encrypt", string.Join("|", input.encrypt), string.Join("|", op.Encrypt));
            Check("decrypt", string.Join("|", input.decrypt), string.Join("|", op.Decrypt));
            Check("download", input.download, op.Download);
            Check("serial_header", input.serial_header, op.SerialHeader);
            Check("title", input.title, op.Title);
            Check("page_title", input.page_title, op.PageTitle);
            Check("request_body", input.request_body, op.RequestBody);
            Check("base_uri", input.base_uri, op.BaseUri);
            Check("path_params", string.Join("|", input.path_params), string.Join("|", op.PathParams));
            Check("request", Tree(input.request), Tree(op.Request));
            Check("response", Tree(input.response), Tree(op.Response));
            if (!ReferenceEquals(Catalog.Find(op.Method, op.Path), op)) mismatches.Add(key + ": Find by its own template gives another operation");
        }

        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void Every_input_webhook_is_in_the_catalog_with_the_same_facts()
    {
        var byName = Catalog.Webhooks.ToDictionary(w => w.Name);
        var mismatches = new List<string>();

        foreach (var input in CatalogInput.Input.webhooks)
        {
            var name = input.name;
            if (!byName.TryGetValue(name, out var hook))
            {
                mismatches.Add(name + ": missing");
                continue;
            }

            void Check(string what, object? expected, object? actual)
            {
                if (!Equals(expected, actual)) mismatches.Add($"{name}: {what} is '{actual}', input says '{expected}'");
            }

            Check("title", input.title, hook.Title);
            Check("event_types", string.Join("|", input.event_types), string.Join("|", hook.EventTypes));
            Check("aes_gcm", string.Join("|", input.aes_gcm), string.Join("|", hook.AesGcm));
            Check("decrypt", string.Join("|", input.decrypt), string.Join("|", hook.Decrypt));
            Check("content_type", input.content_type, hook.ContentType);
            Check("fields", Tree(input.fields), Tree(hook.Fields));
            Check("response", Tree(input.response), Tree(hook.Response));
        }

        Assert.That(mismatches, Is.Empty);
    }

    // A field tree as one comparable string: name:type:required:encrypted:enum(children).
    private static string Tree(IEnumerable<CatalogInput.InputField>? rows) =>
        rows is null
            ? string.Empty
            : string.Join(",", rows.Select(f => $"{f.name}:{f.type}:{f.required}:{f.encrypted}:{string.Join("|", f.@enum ?? new List<string>())}({Tree(f.children)})"));

    private static string Tree(IReadOnlyList<CatalogField> fields) =>
        string.Join(",", fields.Select(f => $"{f.Name}:{f.Type}:{f.Required}:{f.Encrypted}:{string.Join("|", f.Enum)}({Tree(f.Children)})"));
}
