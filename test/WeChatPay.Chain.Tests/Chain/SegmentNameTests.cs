using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Paths;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Chain;

public class SegmentNameTests
{
    // Every segment of the four seed paths, plus the rule's edge cases.
    [TestCase("V3", "v3")]
    [TestCase("Eduschoolpay", "eduschoolpay")]
    [TestCase("Contracts", "contracts")]
    [TestCase("Presign", "presign")]
    [TestCase("Ecommerce", "ecommerce")]
    [TestCase("CombinePapay", "combine-papay")]
    [TestCase("PreEntrustSign", "pre-entrust-sign")]
    [TestCase("Papay", "papay")]
    [TestCase("ScheduledDeductSign", "scheduled-deduct-sign")]
    [TestCase("Partner", "partner")]
    [TestCase("Jsapi", "jsapi")]
    [TestCase("Sign", "sign")]
    [TestCase("ComplaintsV2", "complaints-v2")]
    [TestCase("Applyment4sub", "applyment4sub")]
    [TestCase("H5", "h5")]
    [TestCase("v3", "v3")]
    [TestCase("preEntrustSign", "pre-entrust-sign")]
    [TestCase("video_upload", "video_upload")]
    [TestCase("Video_upload", "video_upload")]
    [TestCase("ABC", "a-b-c")]
    [TestCase("HTTPRequest", "h-t-t-p-request")]
    [TestCase("IPv6", "i-pv6")]
    [TestCase("_out_trade_no_", "{out_trade_no}")]
    [TestCase("_transaction_id_", "{transaction_id}")]
    [TestCase("_TransactionId_", "{TransactionId}")]
    [TestCase("_foo", "_foo")]
    [TestCase("foo_", "foo_")]
    [TestCase("_", "_")]
    public void A_member_name_becomes_the_documented_segment(string member, string segment)
    {
        Assert.That(SegmentName.Normalize(member), Is.EqualTo(segment));
    }

    [Test]
    public void An_empty_template_is_refused_with_a_hint()
    {
        var error = Assert.Throws<ArgumentException>(() => SegmentName.Normalize("__"));
        Assert.That(error!.Message, Does.Contain("_out_trade_no_"));
    }

    // The independent implementation's table, except the two plugin quirks this client decides differently
    // ("__" is refused; a template's name is kept verbatim) and the JS-only "$x$" delimiter.
    private static IEnumerable<TestCaseData> IndependentCases() =>
        TestData.Vectors("normalize")["cases"]!
            .Select(c => ((string)c["member"]!, (string)c["segment"]!))
            .Where(c => c.Item1 != "__" && c.Item1 != "_TransactionId_" && !c.Item1.StartsWith("$", StringComparison.Ordinal))
            .Select(c => new TestCaseData(c.Item1, c.Item2).SetName($"Independent vector {c.Item1} -> {c.Item2}"));

    [TestCaseSource(nameof(IndependentCases))]
    public void The_independent_vectors_agree(string member, string segment)
    {
        Assert.That(SegmentName.Normalize(member), Is.EqualTo(segment));
    }
}
