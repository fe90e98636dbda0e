using System;
using System.Collections.Generic;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Chain;

public class PathValueTests : HttpFixture
{
    private const string Template = "v3/pay/transactions/id/{transaction_id}";

    // Every way a value reaches a path segment: template member + PathValues, GET query filling a template, the indexer
    // (dynamic and typed), and Chain("…/{x}") / wxpay["…/{x}"] with PathValues.
    private static IEnumerable<TestCaseData> Styles()
    {
        yield return new TestCaseData("template member + PathValues", (Func<WeChatPayClient, string, WeChatPayResponse>)((c, v) =>
            c.V3.Pay.Transactions.Id._transaction_id_.Get(null, new WeChatPayRequestOptions { PathValues = new { transaction_id = v } })));
        yield return new TestCaseData("GET query fills the template", (Func<WeChatPayClient, string, WeChatPayResponse>)((c, v) =>
            c.V3.Pay.Transactions.Id._transaction_id_.Get(new { transaction_id = v })));
        yield return new TestCaseData("dynamic indexer", (Func<WeChatPayClient, string, WeChatPayResponse>)((c, v) =>
            c.V3.Pay.Transactions.Id[v].Get()));
        yield return new TestCaseData("typed indexer", (Func<WeChatPayClient, string, WeChatPayResponse>)((c, v) =>
            c.Chain("v3/pay/transactions/id")[v].Get()));
        yield return new TestCaseData("Chain(template)", (Func<WeChatPayClient, string, WeChatPayResponse>)((c, v) =>
            c.Chain(Template).Get(null, new WeChatPayRequestOptions { PathValues = new { transaction_id = v } })));
        yield return new TestCaseData("client indexer(template)", (Func<WeChatPayClient, string, WeChatPayResponse>)((c, v) =>
            c[Template].Get(null, new WeChatPayRequestOptions { PathValues = new Dictionary<string, object> { ["transaction_id"] = v } })));
    }

    private static IEnumerable<TestCaseData> DotValues()
    {
        foreach (var style in Styles())
        {
            foreach (var value in new[] { ".", ".." })
                yield return new TestCaseData(style.Arguments[0], style.Arguments[1], value).SetName($"A path value of '{value}' is refused ({style.Arguments[0]})");
        }
    }

    [TestCaseSource(nameof(DotValues))]
    public void A_dot_segment_value_is_refused_before_sending(string style, Func<WeChatPayClient, string, WeChatPayResponse> call, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => call(Client, value));
        Assert.That(error!.Message, Does.Contain("dot segment"));
        Http.ShouldNotHaveMadeACall();
    }

    private static IEnumerable<TestCaseData> SurrogateValues()
    {
        foreach (var style in Styles())
        {
            foreach (var value in new[] { "4200\uD800", "\uDC004200", "a\uDBFFb" })
                yield return new TestCaseData(style.Arguments[0], style.Arguments[1], value).SetName($"A lone surrogate is refused ({style.Arguments[0]}, {(int)value[value.Length - 1]:X})");
        }
    }

    [TestCaseSource(nameof(SurrogateValues))]
    public void A_path_value_with_a_lone_surrogate_is_refused_not_replaced(string style, Func<WeChatPayClient, string, WeChatPayResponse> call, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => call(Client, value));
        Assert.That(error!.Message, Does.Contain("surrogate"));
        Http.ShouldNotHaveMadeACall();
    }

    private static IEnumerable<TestCaseData> AwkwardValues()
    {
        foreach (var style in Styles())
        {
            foreach (var value in new[] { "...", ".a", "a.", "a/b", "a?b", "a#b", "%2E%2E", "%41", "a b", "a+b", "中文", "😀", "a\\b", "~-_", "a;b=c", "&" })
                yield return new TestCaseData(style.Arguments[0], style.Arguments[1], value).SetName($"The awkward value '{value}' arrives as one segment ({style.Arguments[0]})");
        }
    }

    [TestCaseSource(nameof(AwkwardValues))]
    public void An_awkward_value_is_sent_as_exactly_one_segment_that_decodes_to_it(string style, Func<WeChatPayClient, string, WeChatPayResponse> call, string value)
    {
        call(Client, value);

        var uri = Http.CallLog[0].HttpRequestMessage.RequestUri!;
        var segments = uri.AbsolutePath.Split('/');
        Assert.Multiple(() =>
        {
            Assert.That(segments, Has.Length.EqualTo(6), uri.AbsolutePath);
            Assert.That(string.Join("/", segments[..5]), Is.EqualTo("/v3/pay/transactions/id"));
            Assert.That(Uri.UnescapeDataString(segments[5]), Is.EqualTo(value));
        });
    }

    [TestCase("v3/pay/../certificates")]
    [TestCase("v3/./certificates")]
    [TestCase("v3/pay/%2e%2E/certificates")]
    [TestCase("v3/pay/.%2E")]
    public void A_written_path_with_a_dot_segment_is_refused(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => Client.Chain(path).Get());
        Assert.That(error!.Message, Does.Contain("dot segment"));
        Http.ShouldNotHaveMadeACall();
    }

    [TestCase("v3/a/%41b", "v3/a/Ab")]
    [TestCase("v3/a/%7e", "v3/a/~")]
    [TestCase("v3/a/%2F", "v3/a/%2F")]
    [TestCase("v3/a/%zz", "v3/a/%25zz")]
    [TestCase("v3/a/b\\c", "v3/a/b%5Cc")]
    public void A_written_path_shows_what_is_sent(string written, string sent)
    {
        var node = Client.Chain(written);
        node.Get();

        Assert.That(node.Path, Is.EqualTo(sent));
        Assert.That(Http.CallLog[0].HttpRequestMessage.RequestUri!.PathAndQuery, Is.EqualTo("/" + sent));
    }

    [Test]
    public void A_chain_path_with_a_lone_surrogate_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Client.Chain("v3/a\uD800"));
        Assert.Throws<ArgumentException>(() => _ = Client["v3/a\uDC00"]);
    }
}
