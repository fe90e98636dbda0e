using System;
using Flurl.Http.Testing;
using Microsoft.CSharp.RuntimeBinder;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Chain;

public class ProbeAndPathErrorTests : HttpFixture
{
    [TestCase("GetAwaiter")]
    [TestCase("ConfigureAwait")]
    [TestCase("GetEnumerator")]
    [TestCase("GetAsyncEnumerator")]
    [TestCase("Dispose")]
    [TestCase("DisposeAsync")]
    [TestCase("then")]
    public void A_probe_name_read_as_a_property_is_never_a_segment(string name)
    {
        dynamic node = Client.V3.Pay;
        Assert.Throws<RuntimeBinderException>(() => _ = GetMember(node, name));
        Http.ShouldNotHaveMadeACall();
    }

    [TestCase("GetAwaiter")]
    [TestCase("GetEnumerator")]
    [TestCase("Dispose")]
    [TestCase("then")]
    public void A_probe_name_invoked_is_never_a_shorthand_call(string name)
    {
        dynamic node = Client.V3.Pay;
        Assert.Throws<RuntimeBinderException>(() => _ = InvokeMember(node, name));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public void Awaiting_a_node_itself_fails_without_sending_anything()
    {
        dynamic node = Client.V3.Pay.Transactions;
        Assert.ThrowsAsync<RuntimeBinderException>(async () => await node);
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public void Object_members_stay_object_members()
    {
        dynamic node = Client.V3.Pay.Transactions.Id._transaction_id_;
        Assert.Multiple(() =>
        {
            Assert.That((string)node.ToString(), Is.EqualTo("v3/pay/transactions/id/{transaction_id}"));
            Assert.That((bool)node.Equals(node), Is.True);
            Assert.That((int)node.GetHashCode(), Is.EqualTo(((object)node).GetHashCode()));
            Assert.That((Type)node.GetType(), Is.EqualTo(typeof(WeChatPay.Chain.Nodes.V3_Pay_Transactions_Id__transaction_id_)), "GetType is the object member, not a segment");
        });
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public void A_node_shows_its_path_in_the_debugger()
    {
        var display = (System.Diagnostics.DebuggerDisplayAttribute)Attribute.GetCustomAttribute(typeof(WeChatPayNode), typeof(System.Diagnostics.DebuggerDisplayAttribute))!;
        WeChatPayNode node = Client.V3.Papay.Sign.Contracts.PreEntrustSign;
        Assert.That(display.Value, Is.EqualTo("{" + nameof(WeChatPayNode.Display) + ",nq}"));
        Assert.That(node.Display, Does.StartWith("v3/papay/sign/contracts/pre-entrust-sign: POST v3/papay/sign/contracts/pre-entrust-sign"));
    }

    [Test]
    public void An_unresolved_placeholder_is_an_error_before_anything_is_sent()
    {
        WeChatPayNode node = Client.V3.Pay.Transactions.Id._transaction_id_;
        var error = Assert.ThrowsAsync<ArgumentException>(() => node.GetAsync(new { mchid = "1900000001" }));

        Assert.That(error!.Message, Does.Contain("{transaction_id}").And.Contain("PathValues"));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public void A_placeholder_in_a_chain_string_needs_a_value_too()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.Chain("v3/pay/transactions/out-trade-no/{out_trade_no}/close").PostAsync(new { mchid = "1" }));

        Assert.That(error!.Message, Does.Contain("{out_trade_no}"));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public void A_path_value_that_matches_no_placeholder_is_an_error_not_silently_dropped()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.Chain("v3/certificates").GetAsync(options: new WeChatPayRequestOptions { PathValues = new { serial = "x" } }));

        Assert.That(error!.Message, Does.Contain("serial"));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public void An_empty_placeholder_value_is_an_error()
    {
        Assert.ThrowsAsync<ArgumentException>(() => Client.Chain("v3/pay/transactions/id/{transaction_id}").GetAsync(new { transaction_id = "" }));
        Http.ShouldNotHaveMadeACall();
    }

    [TestCase("v3/pay/transactions/jsapi?mchid=1", "query")]
    [TestCase("v3//pay", "empty segment")]
    [TestCase("", "empty")]
    [TestCase("v3/pay/{a", "malformed template")]
    [TestCase("v3/{}/x", "malformed template")]
    public void A_malformed_chain_path_is_refused_with_a_reason(string path, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => Client.Chain(path));
        Assert.That(error!.Message, Does.Contain(reason));
    }

    [Test]
    public void An_empty_literal_value_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _ = Client.V3.Pay.Transactions.Id[""]);
    }

    [Test]
    public void Setting_the_authorization_header_by_hand_is_refused()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.Chain("v3/certificates").GetAsync(options: new WeChatPayRequestOptions { Headers = new { Authorization = "x" } }));
        Assert.That(error!.Message, Does.Contain("Authorization"));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public void A_string_body_that_is_not_json_is_refused()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.Chain("v3/pay/transactions/jsapi").PostAsync("appid=wx1"));
        Assert.That(error!.Message, Does.Contain("not JSON"));
        Http.ShouldNotHaveMadeACall();
    }

    private static object GetMember(dynamic node, string name) => name switch
    {
        "GetAwaiter" => node.GetAwaiter,
        "ConfigureAwait" => node.ConfigureAwait,
        "GetEnumerator" => node.GetEnumerator,
        "GetAsyncEnumerator" => node.GetAsyncEnumerator,
        "Dispose" => node.Dispose,
        "DisposeAsync" => node.DisposeAsync,
        _ => node.then,
    };

    private static object InvokeMember(dynamic node, string name) => name switch
    {
        "GetAwaiter" => node.GetAwaiter(),
        "GetEnumerator" => node.GetEnumerator(),
        "Dispose" => node.Dispose(),
        _ => node.then(new { a = 1 }),
    };
}
