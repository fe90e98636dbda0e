using System.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// The sandbox reads the sensitive fields from each field's own marker; the client reads the operation's encryption list.
/// Both readings of the documentation agree for every operation, so the sweep tests the client against a second reading.
/// </summary>
public class SensitivePathsTests
{
    [Test]
    public void The_sandbox_reads_the_same_sensitive_fields_from_the_field_markers_as_the_client_from_the_lists()
    {
        var disagreements = OperationCatalog.Default.Operations
            .Where(op => op.RequestBody != "xml")
            .Select(op => (op, sandbox: SensitivePaths.Of(op).OrderBy(p => p, System.StringComparer.Ordinal).ToArray(),
                client: op.Encrypt.Select(p => p.ToString()).OrderBy(p => p, System.StringComparer.Ordinal).ToArray()))
            .Where(x => !x.sandbox.SequenceEqual(x.client))
            .Select(x => $"{x.op}: markers [{string.Join(", ", x.sandbox)}] list [{string.Join(", ", x.client)}]")
            .ToList();

        Assert.That(disagreements, Is.Empty);
        Assert.That(OperationCatalog.Default.Operations.Sum(op => SensitivePaths.Of(op).Count), Is.GreaterThan(200), "the markers are found at all");
    }
}
