using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Http;

public class QueryAndBodyTextTests : HttpFixture
{
    // Built at run time: a lone surrogate in an attribute argument would be stored as U+FFFD.
    [TestCase("4200", 0xD800)]
    [TestCase("", 0xDC00)]
    public void A_query_value_with_a_lone_surrogate_is_refused_not_replaced(string prefix, int surrogate)
    {
        var value = prefix + (char)surrogate;
        var error = Assert.Throws<ArgumentException>(() => Client.Chain("v3/certificates").Get(new { out_trade_no = value }));
        Assert.That(error!.Message, Does.Contain("surrogate").And.Contain("out_trade_no"));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public void A_query_name_with_a_lone_surrogate_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Client.Chain("v3/certificates").Get(new Dictionary<string, string> { ["a\uD800"] = "1" }));
        Assert.That(error!.Message, Does.Contain("surrogate"));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public void An_empty_query_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Client.Chain("v3/certificates").Get(new Dictionary<string, string> { [""] = "1" }));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public void A_body_string_with_a_lone_surrogate_is_refused_not_replaced()
    {
        var error = Assert.Throws<ArgumentException>(() => Client.Chain("v3/pay/transactions/jsapi").Post(new { description = "a\uD83Db" }));
        Assert.That(error!.Message, Does.Contain("surrogate"));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public void A_query_value_that_is_an_object_is_refused_instead_of_sent_as_a_type_name()
    {
        var error = Assert.Throws<ArgumentException>(() => Client.Chain("v3/certificates").Get(new { limit = new { a = 1 } }));
        Assert.That(error!.Message, Does.Contain("limit"));
        Http.ShouldNotHaveMadeACall();
    }

    [TestCase("a&b=c")]
    [TestCase("a=b")]
    [TestCase("a+b c")]
    [TestCase("%41")]
    [TestCase("中文😀")]
    [TestCase("#frag")]
    [TestCase("'!*()")]
    public void An_awkward_query_value_arrives_exactly(string value)
    {
        Client.Chain("v3/certificates").Get(new Dictionary<string, string> { [value] = value, ["next"] = "1" });

        var uri = Http.CallLog[0].HttpRequestMessage.RequestUri!;
        var pairs = uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=')).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(pairs, Has.Length.EqualTo(2), uri.Query);
            Assert.That(Uri.UnescapeDataString(pairs[0][0]), Is.EqualTo(value));
            Assert.That(Uri.UnescapeDataString(pairs[0][1]), Is.EqualTo(value));
            Assert.That(pairs[1], Is.EqualTo(new[] { "next", "1" }));
        });
    }
}
