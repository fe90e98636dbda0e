using System.Threading.Tasks;
using Flurl.Http.Testing;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Http;

public class ValidationWiringTests : HttpFixture
{
    protected override bool AnswerSigned => false;

    [Test]
    public void A_call_with_validation_on_reports_every_problem_before_sending()
    {
        var body = SeedPayloads.Json("004_58866b682f11caf1.txt");
        body.Remove("appid");
        body["sign_scene"] = "SIGN_SCENE_X";

        var error = Assert.ThrowsAsync<WeChatPayValidationException>(() =>
            Client["v3/papay/sign/contracts/pre-entrust-sign"].PostAsync(body, new WeChatPayRequestOptions { Validate = true }));

        Assert.That(error!.Problems, Has.Count.EqualTo(2));
        Assert.That(error.Message, Does.Contain("appid").And.Contain("sign_scene"));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public async Task Validation_on_for_the_client_lets_a_valid_seed_through_and_can_be_turned_off_per_call()
    {
        Http.RespondWithSigned().RespondWithSigned();
        var options = TestClient.Options();
        options.Validate = true;
        using var client = new WeChatPayClient(options);

        await client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(SeedPayloads.Json("004_58866b682f11caf1.txt"));
        await client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(new { appid = "wx" }, new WeChatPayRequestOptions { Validate = false });

        Http.ShouldHaveCalled("*/v3/papay/sign/contracts/pre-entrust-sign").Times(2);
    }

    [Test]
    public void Validation_checks_the_plaintext_before_encryption_and_required_query_parameters()
    {
        var options = TestClient.Options();
        options.Validate = true;
        using var client = new WeChatPayClient(options);

        var error = Assert.ThrowsAsync<WeChatPayValidationException>(() => client.V3.Pay.Transactions.Id["4200000001"].GetAsync());
        Assert.That(error!.Message, Does.Contain("query.mchid"));
        Http.ShouldNotHaveMadeACall();
    }

    [Test]
    public void An_undocumented_operation_cannot_be_validated_and_says_so()
    {

        var error = Assert.ThrowsAsync<WeChatPayValidationException>(() =>
            Client["v3/not/documented"].PostAsync(new { a = 1 }, new WeChatPayRequestOptions { Validate = true }));
        Assert.That(error!.Message, Does.Contain("documents no such operation"));
        Http.ShouldNotHaveMadeACall();
    }
}
