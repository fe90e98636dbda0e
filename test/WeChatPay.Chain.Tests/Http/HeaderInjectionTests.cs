using System;
using System.Collections.Generic;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Http;

public class HeaderInjectionTests : HttpFixture
{
    // Each holds the marker zq9, which must never appear in a message.
    private static readonly string[] BadValues =
    {
        "zq9\r\nX-Injected: 1",
        "zq9\nb",
        "zq9\rb",
        "zq9\0b",
        "zq9\r\n\r\nGET /v3/other HTTP/1.1\r\nHost: x\r\n\r\n",
        "zq9\u0001",
        "zq9中文",
        " zq9",
        "zq9\t",
    };

    [TestCaseSource(nameof(BadValues))]
    public void A_bad_per_call_header_value_is_refused_before_anything_is_sent(string value)
    {
        var options = new WeChatPayRequestOptions { Headers = new Dictionary<string, string> { ["X-Trace"] = value } };

        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.Chain("v3/certificates").GetAsync(null, options));
        Assert.That(error!.Message, Does.Contain("X-Trace"));
        Assert.That(error.Message, Does.Not.Contain("zq9"), "the value itself is never echoed");
        Http.ShouldNotHaveMadeACall();
    }

    [TestCaseSource(nameof(BadValues))]
    public void A_bad_caller_serial_is_refused_before_anything_is_sent(string value)
    {
        var options = new WeChatPayRequestOptions { Headers = new { Wechatpay_Serial = value } };

        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.Chain("v3/certificates").GetAsync(null, options));
        Assert.That(error!.Message, Does.Contain("Wechatpay-Serial"));
        Http.ShouldNotHaveMadeACall();
    }

    [TestCase("X Trace")]
    [TestCase("X-Trace:")]
    [TestCase("X\r\nInjected")]
    [TestCase("")]
    [TestCase("X(y)")]
    [TestCase("中")]
    public void A_bad_header_name_is_refused(string name)
    {
        var options = new WeChatPayRequestOptions { Headers = new Dictionary<string, string> { [name] = "v" } };

        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.Chain("v3/certificates").GetAsync(null, options));
        Assert.That(error!.Message, Does.Contain("header name"));
        Http.ShouldNotHaveMadeACall();
    }

    [TestCase("Host")]
    [TestCase("content-length")]
    [TestCase("Transfer-Encoding")]
    [TestCase("Connection")]
    [TestCase("authorization")]
    public void A_header_the_client_or_the_transport_owns_is_refused(string name)
    {
        var options = new WeChatPayRequestOptions { Headers = new Dictionary<string, string> { [name] = "1" } };

        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.Chain("v3/certificates").GetAsync(null, options));
        Assert.That(error!.Message, Does.Contain(name).IgnoreCase);
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public void The_same_header_twice_in_other_cases_is_refused_not_merged()
    {
        var options = new WeChatPayRequestOptions { Headers = new Dictionary<string, string> { ["X-Trace"] = "1", ["x-trace"] = "2" } };

        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.Chain("v3/certificates").GetAsync(null, options));
        Assert.That(error!.Message, Does.Contain("twice"));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public void A_header_value_that_is_a_list_is_refused_instead_of_sent_as_a_type_name()
    {
        var options = new WeChatPayRequestOptions { Headers = new Dictionary<string, object> { ["X-Trace"] = new[] { "a", "b" } } };

        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.Chain("v3/certificates").GetAsync(null, options));
        Assert.That(error!.Message, Does.Contain("X-Trace"));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public void A_good_header_goes_out_exactly_as_given()
    {
        var options = new WeChatPayRequestOptions { Headers = new Dictionary<string, string> { ["X-Trace"] = "a b\tc!~" } };

        Client.Chain("v3/certificates").Get(null, options);
        Http.ShouldHaveCalled("*").WithHeader("X-Trace", "a b\tc!~");
    }

    [TestCase("PUB_KEY_ID_01\r\nX-Injected: 1")]
    [TestCase("PUB_KEY_ID_01\n")]
    [TestCase("PUB_KEY_ID_0 1")]
    [TestCase("PUB_KEY_ID_\u00e901")]
    public void A_platform_key_id_that_cannot_be_a_header_value_is_refused_at_construction(string id)
    {
        var options = TestClient.Options();
        options.PlatformKeys.Clear();
        options.PlatformKeys[id] = TestData.PlatformPublicKeyPath;

        var error = Assert.Throws<ArgumentException>(() => new WeChatPayClient(options));
        Assert.That(error!.ParamName, Is.EqualTo(nameof(WeChatPayOptions.PlatformKeys)));
        Assert.That(error.Message, Does.Contain("Wechatpay-Serial"));
    }
}
