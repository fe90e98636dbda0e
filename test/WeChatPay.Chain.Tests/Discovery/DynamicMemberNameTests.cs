using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CSharp.RuntimeBinder;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Paths;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Discovery;

[TestFixture]
public class DynamicMemberNameTests
{
    private WeChatPayClient _client = null!;

    [OneTimeSetUp]
    public void SetUp() => _client = TestClient.Create();

    [OneTimeTearDown]
    public void TearDown() => _client.Dispose();

    [TestCase("v3", "V3")]
    [TestCase("pre-entrust-sign", "PreEntrustSign")]
    [TestCase("complaints-v2", "ComplaintsV2")]
    [TestCase("applyment4sub", "Applyment4sub")]
    [TestCase("combine-papay", "CombinePapay")]
    [TestCase("h5", "H5")]
    [TestCase("{out_trade_no}", "_out_trade_no_")]
    [TestCase("{transaction_id}", "_transaction_id_")]
    [TestCase("video_upload", "video_upload")]
    [TestCase("applyment_id", "applyment_id")]
    [TestCase("delete", "delete")]
    public void A_documented_segment_is_offered_as_the_member_that_reaches_it(string segment, string member)
    {
        Assert.Multiple(() =>
        {
            Assert.That(MemberName.FromSegment(segment), Is.EqualTo(member));
            Assert.That(SegmentName.Normalize(member), Is.EqualTo(segment));
        });
    }

    [TestCase("addInstitutionsub")]
    [TestCase("")]
    [TestCase("2fa")]
    [TestCase("pay.json")]
    [TestCase("then")]
    public void A_segment_no_plain_identifier_reaches_is_left_out(string segment)
    {
        Assert.That(MemberName.FromSegment(segment), Is.Null);
    }

    [TestCase("addInstitutionsub", "addInstitutionsub")]
    [TestCase("queryInstitutionsub", "queryInstitutionsub")]
    [TestCase("", null)]
    [TestCase("2fa", null)]
    [TestCase("pay.json", null)]
    [TestCase("then", null)]
    [TestCase("class", null)]
    [TestCase("Describe", null)]
    public void The_typed_chain_spells_a_segment_no_dynamic_member_reaches_as_written_when_it_is_a_plain_identifier(string segment, string? member)
    {
        Assert.That(MemberName.AsWritten(segment), Is.EqualTo(member));
    }

    [Test]
    public void Every_segment_of_the_catalog_round_trips_through_the_normaliser()
    {
        var segments = OperationCatalog.Default.Operations.SelectMany(o => o.Path.Split('/')).Distinct().ToList();
        var failures = new List<string>();
        var left = new List<string>();
        foreach (var segment in segments)
        {
            var member = MemberName.FromSegment(segment);
            if (member is null)
            {
                left.Add(segment);
                continue;
            }

            if (!IsIdentifier(member) || SegmentName.Normalize(member) != segment) failures.Add(segment + " -> " + member);
        }

        Assert.Multiple(() =>
        {
            Assert.That(segments, Has.Count.GreaterThan(800));
            Assert.That(failures, Is.Empty);
            // Only the trailing slash and the camelCase v2 segments (which no member can spell) are left to the indexer.
            Assert.That(left, Is.EquivalentTo(new[] { "", "addInstitutionsub", "modifyInstitutionsub", "queryInstitutionsub" }));
        });
    }

    [Test]
    public void Every_offered_member_reaches_its_segment_through_the_dynamic_binder()
    {
        var failures = new List<string>();
        foreach (var segment in OperationCatalog.Default.Operations.SelectMany(o => o.Path.Split('/')).Distinct())
        {
            var member = MemberName.FromSegment(segment);
            if (member is null) continue;
            var node = (WeChatPayNode)GetMember(_client["v3/x"], member);
            if (node.Path != "v3/x/" + segment) failures.Add(member + " -> " + node.Path);
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void A_node_lists_the_next_documented_segments_as_member_names()
    {
        var names = Names(_client.V3.Papay.Sign);

        Assert.That(names, Is.EqualTo(new[] { "Contracts", "Partner" }));
    }

    [Test]
    public void Templates_literals_and_verbatim_segments_are_listed_side_by_side()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Names(_client.V3.Papay.Sign.Contracts.PlanId), Is.EqualTo(new[] { "_plan_id_" }));
            Assert.That(Names(_client.V3.Pay.Transactions), Does.Contain("OutTradeNo").And.Contain("Id").And.Contain("Jsapi"));
            Assert.That(Names(_client.V3.Merchant.Media), Does.Contain("video_upload").And.Contain("Upload"));
            Assert.That(Names(_client.V3.Applyment4sub.Applyment), Is.EqualTo(new[] { "applyment_id", "business_code" }));
        });
    }

    [Test]
    public void A_concrete_value_in_the_path_lists_what_follows_the_template()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Names(_client["v3/papay/sign/contracts/plan-id/12535"]), Is.EqualTo(new[] { "OutContractCode" }));
            Assert.That(Names(_client.V3.Pay.Transactions.OutTradeNo["1217752501201407033233368018"]), Is.EqualTo(new[] { "Close", "Reverse" }));
        });
    }

    [Test]
    public void The_root_of_the_client_lists_the_api_versions_and_v3_its_products()
    {
        var root = (WeChatPayNode)_client.V3;

        Assert.Multiple(() =>
        {
            Assert.That(Names(root), Does.Contain("Pay").And.Contain("Papay").And.Contain("Eduschoolpay").And.Contain("Profitsharing"));
            Assert.That(Names(root), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            Assert.That(Names(root), Is.Unique);
        });
    }

    [TestCase("v3/papay/sign/contracts/pre-entrust-sign")]
    [TestCase("v3/no-such-product")]
    [TestCase("v3/applyment4sub/applyment/")]
    public void A_leaf_an_unknown_path_or_a_trailing_slash_lists_nothing(string path)
    {
        Assert.That(Names(_client[path]), Is.Empty);
    }

    [Test]
    public void Listing_members_sends_nothing()
    {
        using var http = new Flurl.Http.Testing.HttpTest();

        _ = Names(_client.V3.Papay);

        Assert.That(http.CallLog, Is.Empty);
    }

    private static string[] Names(object node) => ((WeChatPayNode)node).GetDynamicMemberNames().ToArray();

    private static object GetMember(object target, string name)
    {
        var site = CallSite<Func<CallSite, object, object>>.Create(Binder.GetMember(
            CSharpBinderFlags.None, name, typeof(DynamicMemberNameTests), new[] { CSharpArgumentInfo.Create(CSharpArgumentInfoFlags.None, null) }));
        return site.Target(site, target);
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
