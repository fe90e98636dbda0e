using System;
using System.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Discovery;

/// <summary>The discovery API on the APIv2 tree: the same catalog, the same answers as under v3.</summary>
[TestFixture]
public class V2DiscoveryTests
{
    private WeChatPayClient _client = null!;

    [OneTimeSetUp]
    public void SetUp() => _client = TestClient.Create();

    [OneTimeTearDown]
    public void TearDown() => _client.Dispose();

    [Test]
    public void The_v2_root_lists_every_documented_v2_operation()
    {
        var expected = OperationCatalog.Default.Operations.Where(o => o.Path.StartsWith("v2/", StringComparison.Ordinal)).Select(o => o.ToString());

        Assert.That(_client.V2.Operations().Select(o => o.Method + " " + o.Path), Is.EqualTo(expected));
        Assert.That(_client.V2.Operations(), Has.Count.EqualTo(129));
    }

    [Test]
    public void A_v2_node_offers_its_children_as_member_names()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_client.V2.GetDynamicMemberNames(), Does.Contain("Pay").And.Contain("Mmpaymkttransfers").And.Contain("CgiBin").And.Contain("Secapi"));
            Assert.That(_client.V2.Mmpaymkttransfers.GetDynamicMemberNames(), Does.Contain("Sendredpack").And.Contain("send_coupon").And.Contain("Promotion"));
            // The dynamic binder would dash a camelCase name (add-institutionsub): only the typed member reaches these.
            Assert.That(_client.V2.Secapi.Mch.GetDynamicMemberNames(), Does.Contain("Submchmanage").And.Not.Contain("addInstitutionsub"));
        });
    }

    [Test]
    public void A_v2_leaf_describes_its_operation_and_finds_it_by_method()
    {
        var micropay = _client.V2.Pay.Micropay;

        Assert.That(micropay.Operation("POST")!.Title, Is.EqualTo("提交付款码支付"));
        Assert.That(micropay.Operation("GET"), Is.Null);
        Assert.That(micropay.Describe(), Does.Contain("POST v2/pay/micropay").And.Contain("提交付款码支付").And.Contain("auth_code"));
        Assert.That(_client.V2.Papay.Entrustweb.Operation("GET"), Is.Not.Null, "a documented v2 GET");
    }
}
