using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Cli;
using WeChatPay.Chain.IntegrationTests.Support;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>The four seed operations in all six styles against the sandbox, each checked on its own, for an RSA and a 国密 merchant.</summary>
[TestFixture(SandboxScheme.Rsa)]
[TestFixture(SandboxScheme.Sm)]
public class SeedStyleTests(SandboxScheme scheme) : SandboxFixture
{
    protected override SandboxOptions? Options => new() { Scheme = scheme };

    private static System.Collections.Generic.IEnumerable<TestCaseData> Cases() =>
        from operation in SeedOperation.All
        from style in DemoStyle.All
        select new TestCaseData(operation.Name, style.Name).SetName($"{operation.Path} in the {style.Name} style");

    [TestCaseSource(nameof(Cases))]
    public async Task A_seed_operation_in_each_style_is_accepted_by_the_sandbox_and_verified(string operationName, string styleName)
    {
        var operation = SeedOperation.All.Single(o => o.Name == operationName);
        var style = DemoStyle.All.Single(s => s.Name == styleName);

        var res = await style.Call(client, operation, operation.Payload());
        var seen = sandbox.Calls.Last();

        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(seen.Path, Is.EqualTo("/" + operation.Path));
        Assert.That((string?)res.Json?[operation.AnswerField], Is.Not.Null.And.Not.Empty);
        Assert.That(seen.DecryptedFields, Is.EquivalentTo(res.EncryptedFields));
        Assert.That(res.EncryptedFields, Has.Count.EqualTo(operation.Name == "eduschoolpay-contracts-presign" ? 5 : 0));
    }
}
