using System;
using System.Collections.Generic;
using System.Net.Http;
using NUnit.Framework;
using WeChatPay.Chain.Http;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Http;

public class TargetGuardTests : HttpFixture
{
    // The builder never makes such a target; the transport refuses one anyway, so what is signed is always what was built.
    [TestCase("v3/a/../b")]
    [TestCase("v3/a/%2E%2E/b")]
    [TestCase("v3/a/%41")]
    [TestCase("v3/a\\b")]
    public void A_target_that_uri_normalisation_would_change_is_never_sent(string relativePath)
    {
        var call = new PreparedCall(HttpMethod.Get, relativePath, null, new List<KeyValuePair<string, string>>(), autoEncryption: false);
        call.Seal("/");
        using var transport = new Transport("https://api.mch.weixin.qq.com/", Client.Setup.Signer, TimeSpan.FromSeconds(5), 1024, null, null, null);

        var error = Assert.ThrowsAsync<ArgumentException>(() => transport.SendAsync(call, readWhole: false, default));
        Assert.That(error!.Message, Does.Contain("URI normalisation"));
        Http.ShouldNotHaveMadeACall();
    }
}
