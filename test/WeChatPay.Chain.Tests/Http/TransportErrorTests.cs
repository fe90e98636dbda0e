using System.Net.Http;
using System.Net.Sockets;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Http;

public class TransportErrorTests : HttpFixture
{
    protected override bool AnswerSigned => false;

    [Test]
    public void A_transport_failure_says_its_inner_cause()
    {
        Http.SimulateException(new HttpRequestException("An error occurred while sending the request.",
            new System.IO.IOException("The response ended prematurely.", new SocketException((int)SocketError.ConnectionReset))));

        var error = Assert.Throws<WeChatPayException>(() => Client.Chain("v3/certificates").Get());
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("An error occurred while sending the request"));
            Assert.That(error.Message, Does.Contain("The response ended prematurely").And.Contain("Connection reset"));
            Assert.That(error.StatusCode, Is.Null);
            Assert.That(error.InnerException, Is.InstanceOf<HttpRequestException>(), "the transport's own exception, not Flurl's (whose message holds the full URL)");
        });
    }

    [Test]
    public void A_timeout_names_the_option()
    {
        Http.SimulateTimeout();

        var error = Assert.Throws<WeChatPayException>(() => Client.Chain("v3/certificates").Get());
        Assert.That(error!.Message, Does.Contain("timed out").And.Contain("Timeout"));
    }
}
