using System;
using System.Collections.Generic;
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

        var (written, api, _) = ChainWriter.Write(OperationCatalog.Default);

        Assert.That(written == committed, Is.True,
            "src/WeChatPay.Chain/Chain/Nodes.g.cs is stale against the catalog: run `dotnet cake --target=Catalog` and commit it.");
        Assert.That(api == committedApi, Is.True,
            "src/WeChatPay.Chain/Chain/PublicAPI.Unshipped.txt is stale against the catalog: run `dotnet cake --target=Catalog` and commit it.");
    }

    [TestCase("v3", 1000)]
    [TestCase("v2", 125)]
    public void Every_documented_operation_is_reached_member_by_member_as_the_dynamic_chain_reaches_it(string root, int atLeast)
    {
        var reached = 0;
        foreach (var operation in OperationCatalog.Default.Operations.Where(o => o.Path.StartsWith(root + "/", StringComparison.Ordinal)))
        {
            var members = operation.Path.Split('/').Skip(1).Select(MemberName.FromSegment).ToList();
            if (members.Any(m => m is null)) continue; // no dynamic member reaches it: the indexer or Chain() does
            WeChatPayNode typed = root == "v3" ? _client.V3 : _client.V2;
            dynamic untyped = _client.Chain(root);
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
        Assert.That(reached, Is.GreaterThan(atLeast), "the sweep covered the catalog");
    }

    [Test]
    public void Every_documented_v2_operation_has_a_typed_leaf_at_its_documented_path()
    {
        // The typed tree as reflection sees it: every public property of a node that leads to a node, from wxpay.V2 down.
        var leaves = new Dictionary<string, WeChatPayNode>(StringComparer.Ordinal);
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(WeChatPayNode node, string chain)
        {
            leaves.Add(node.Path, node);
            members.Add(node.Path, chain);
            foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                         .Where(p => typeof(WeChatPayNode).IsAssignableFrom(p.PropertyType) && p.GetIndexParameters().Length == 0))
                Walk((WeChatPayNode)property.GetValue(node)!, chain + "." + property.Name);
        }
        Walk(_client.V2, "V2");

        var v2 = OperationCatalog.Default.Operations.Where(o => o.Path.StartsWith("v2/", StringComparison.Ordinal)).ToList();
        var missing = v2.Where(o => !leaves.TryGetValue(o.Path, out var leaf) || leaf.Operation(o.Method) is null).Select(o => o.ToString()).ToList();
        var undocumented = leaves.Values.Where(n => n.Operations().Count == 0).Select(n => n.Path).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(v2, Has.Count.EqualTo(129));
            Assert.That(missing, Is.Empty, "a documented v2 operation without a typed leaf");
            Assert.That(undocumented, Is.Empty, "a typed v2 member that leads to nothing documented");
            Assert.That(members["v2/mmpaymkttransfers/sendredpack"], Is.EqualTo("V2.Mmpaymkttransfers.Sendredpack"));
            Assert.That(members["v2/cgi-bin/mch/customs/customdeclareorder"], Is.EqualTo("V2.CgiBin.Mch.Customs.Customdeclareorder"));
            Assert.That(members["v2/face/get_wxpayface_authinfo"], Is.EqualTo("V2.Face.get_wxpayface_authinfo"));
            Assert.That(members["v2/xdc/apiv2getsignkey/sign/getsignkey"], Is.EqualTo("V2.Xdc.Apiv2getsignkey.Sign.Getsignkey"));
            Assert.That(members["v2/secapi/mch/addInstitutionsub"], Is.EqualTo("V2.Secapi.Mch.addInstitutionsub"), "a camelCase segment is a typed member as written");
        });
    }

    [Test]
    public void A_camel_case_v2_segment_is_reached_as_written_by_its_typed_member_and_its_shorthand()
    {
        var leaf = _client.V2.Secapi.Mch.addInstitutionsub;
        dynamic typedAsDynamic = _client.V2.Secapi.Mch;

        Assert.That(leaf.Path, Is.EqualTo("v2/secapi/mch/addInstitutionsub"));
        Assert.That((string)typedAsDynamic.queryInstitutionsub.Path, Is.EqualTo("v2/secapi/mch/queryInstitutionsub"), "held as dynamic, the typed member binds");
        Assert.That(_client.V2.Secapi.Mch["modifyInstitutionsub"].Path, Is.EqualTo(_client.V2.Secapi.Mch.modifyInstitutionsub.Path), "the indexer agrees");
        Assert.That(leaf.Operation("POST")!.Title, Is.EqualTo("进件子商户"));
    }

    [Test]
    public void The_v2_root_is_typed_and_a_v2_path_value_or_unknown_segment_stays_reachable()
    {
        dynamic pay = _client.V2.Pay;

        Assert.That(_client.V2, Is.InstanceOf<WeChatPay.Chain.Nodes.V2>());
        Assert.That(_client.V2.Path, Is.EqualTo("v2"));
        Assert.That(_client.V2.Pay.Micropay.Path, Is.EqualTo("v2/pay/micropay"));
        Assert.That((string)pay.NotDocumented.Path, Is.EqualTo("v2/pay/not-documented"));
        Assert.That(_client.V2.Pay.Chain("micropay").Path, Is.EqualTo(_client.V2.Pay.Micropay.Path));
    }

    [Test]
    public void Two_segments_that_one_member_would_reach_stop_the_generator()
    {
        // foo-bar is the member FooBar; FooBar, which no dynamic member reaches, would be the typed member FooBar as written.
        static string Operation(string path) => "{\"method\":\"POST\",\"path\":\"" + path + "\",\"title\":\"t\",\"request\":[],\"response\":[]}";
        var input = "{\"source\":{\"repo\":\"r\",\"commit\":\"c\"},\"operations\":[" + Operation("v2/x/foo-bar") + "," + Operation("v2/x/FooBar") + "],\"webhooks\":[]}";
        using var gzip = new MemoryStream(CatalogTransform.Compress(CatalogTransform.Transform(new StringReader(input))));
        var catalog = OperationCatalog.Load(gzip);

        Assert.That(() => ChainWriter.Write(catalog), Throws.TypeOf<InvalidDataException>().With.Message.Contains("FooBar").And.Message.Contains("v2/x"));
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
