using System;
using System.IO;
using System.Linq;
using System.Reflection;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.CatalogGenerator;
using WeChatPay.Chain.Paths;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Chain;

/// <summary>
/// The typed chain generated from the catalog (Nodes.g.cs): current with the catalog, every documented operation
/// reachable member by member with the same path the dynamic chain builds, path values typed, the dynamic chain intact.
/// </summary>
public class TypedChainTests
{
    private WeChatPayClient _client = null!;

    [OneTimeSetUp]
    public void Client() => _client = TestClient.Create();

    [OneTimeTearDown]
    public void Dispose() => _client.Dispose();

    [Test]
    public void The_committed_typed_chain_is_the_one_the_catalog_gives()
    {
        var committed = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Catalog", "Nodes.g.cs.txt"));
        var committedApi = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Catalog", "Nodes.PublicAPI.txt"));

        var (written, api) = ChainWriter.Write(OperationCatalog.Default);

        Assert.That(written == committed, Is.True,
            "src/WeChatPay.Chain/Chain/Nodes.g.cs is stale against the catalog: run `dotnet cake --target=Catalog` and commit it.");
        Assert.That(api == committedApi, Is.True,
            "src/WeChatPay.Chain/Chain/PublicAPI.Unshipped.txt is stale against the catalog: run `dotnet cake --target=Catalog` and commit it.");
    }

    [Test]
    public void Every_documented_operation_is_reached_member_by_member_as_the_dynamic_chain_reaches_it()
    {
        var reached = 0;
        foreach (var operation in OperationCatalog.Default.Operations.Where(o => o.Path.StartsWith("v3/", StringComparison.Ordinal)))
        {
            var members = operation.Path.Split('/').Skip(1).Select(MemberName.FromSegment).ToList();
            if (members.Any(m => m is null)) continue; // no identifier reaches it: the indexer or Chain() does
            WeChatPayNode typed = _client.V3;
            dynamic untyped = _client.Chain("v3");
            foreach (var member in members)
            {
                var property = typed.GetType().GetProperty(member!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
                Assert.That(property, Is.Not.Null, $"{typed.GetType().Name} has no member {member} for {operation.Method} {operation.Path}");
                typed = (WeChatPayNode)property!.GetValue(typed)!;
                untyped = Dynamic.GetMember(untyped, member!);
            }
            Assert.That(typed.Path, Is.EqualTo(operation.Path).And.EqualTo((string)untyped.Path));
            Assert.That(typed.Operation(operation.Method), Is.Not.Null);
            reached++;
        }
        Assert.That(reached, Is.GreaterThan(1000), "the sweep covered the catalog");
    }

    [Test]
    public void A_path_value_keeps_the_chain_typed()
    {
        var order = _client.V3.Pay.Transactions.OutTradeNo["order/1"];
        var stock = _client.V3.Marketing.Busifavor.Stocks[98065001].Budget;

        Assert.That(order.Path, Is.EqualTo("v3/pay/transactions/out-trade-no/order%2F1"));
        Assert.That(order.GetType(), Is.EqualTo(_client.V3.Pay.Transactions.OutTradeNo._out_trade_no_.GetType()));
        Assert.That(stock.Path, Is.EqualTo("v3/marketing/busifavor/stocks/98065001/budget"));
        Assert.That(stock.Operation("PATCH"), Is.Not.Null);
    }

    [Test]
    public void A_typed_node_is_still_dynamic_for_segments_the_catalog_does_not_know()
    {
        dynamic pay = _client.V3.Pay;

        Assert.That((string)pay.NotDocumented.Yet.Path, Is.EqualTo("v3/pay/not-documented/yet"));
        Assert.That((string)pay.Transactions.Path, Is.EqualTo("v3/pay/transactions"), "a known member binds to the typed property");
        Assert.That(_client.V3.Pay.Chain("not-documented/yet").Path, Is.EqualTo("v3/pay/not-documented/yet"));
    }

    // Member access by name on a dynamic value, as `node.Member` compiles.
    private static class Dynamic
    {
        public static dynamic GetMember(object target, string name)
        {
            var binder = Microsoft.CSharp.RuntimeBinder.Binder.GetMember(Microsoft.CSharp.RuntimeBinder.CSharpBinderFlags.None, name, typeof(Dynamic),
                new[] { Microsoft.CSharp.RuntimeBinder.CSharpArgumentInfo.Create(Microsoft.CSharp.RuntimeBinder.CSharpArgumentInfoFlags.None, null) });
            var site = System.Runtime.CompilerServices.CallSite<Func<System.Runtime.CompilerServices.CallSite, object, object>>.Create(binder);
            return site.Target(site, target);
        }
    }
}
