using System.Net.Http;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Http;

public class RedactionTests : HttpFixture
{
    protected override bool AnswerSigned => false;

    private const string Account = "6222021234567890123";
    private const string Card = "6217001234567890";

    private static WeChatPayRequestOptions Plain => new WeChatPayRequestOptions { AutoEncryption = false };

    private static object Query => new { bal_account_no = Account, card_no = Card, out_request_no = "R1" };

    [Test]
    public void An_error_answer_to_a_call_with_sensitive_plaintext_query_values_never_shows_them()
    {
        Http.RespondWith("{\"code\":\"PARAM_ERROR\",\"message\":\"bad\"}", 400);

        var error = Assert.Throws<WeChatPayException>(() => Client.V3.AggracctBc.WbChannel.Account.Balance.Get(Query, Plain));
        Assert.Multiple(() =>
        {
            Assert.That(error!.ToString(), Does.Not.Contain(Account).And.Not.Contain(Card));
            Assert.That(error.PathAndQuery, Does.Not.Contain(Account).And.Not.Contain(Card));
            Assert.That(error.PathAndQuery, Does.Contain("bal_account_no=").And.Contain("out_request_no=R1"), "the other values stay readable");
        });
    }

    [Test]
    public void A_transport_failure_of_a_call_with_sensitive_plaintext_query_values_never_shows_them()
    {
        Http.SimulateException(new HttpRequestException("Connection refused (127.0.0.1:9)"));

        var error = Assert.Throws<WeChatPayException>(() => Client.V3.AggracctBc.WbChannel.Account.Balance.Get(Query, Plain));
        Assert.That(error!.ToString(), Does.Not.Contain(Account).And.Not.Contain(Card));
        Assert.That(error.Message, Does.Contain("Connection refused"));
    }

    [Test]
    public void A_verification_failure_of_a_call_with_sensitive_plaintext_query_values_never_shows_them()
    {
        Http.RespondWith("{}", 200);

        var error = Assert.Throws<WeChatPaySignatureException>(() => Client.V3.AggracctBc.WbChannel.Account.Balance.Get(Query, Plain));
        Assert.That(error!.ToString(), Does.Not.Contain(Account).And.Not.Contain(Card));
        Assert.That(error.PathAndQuery, Does.Not.Contain(Account));
    }

    [Test]
    public void Encrypted_query_values_are_not_shown_either()
    {
        Http.RespondWith("{\"code\":\"PARAM_ERROR\",\"message\":\"bad\"}", 400);

        var error = Assert.Throws<WeChatPayException>(() => Client.V3.AggracctBc.WbChannel.Account.Balance.Get(Query));
        Assert.That(error!.PathAndQuery, Does.Contain("bal_account_no=[redacted]"));
    }
}
