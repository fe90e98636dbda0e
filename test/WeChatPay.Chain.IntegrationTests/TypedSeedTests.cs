using System;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;
using WeChatPay.Chain.Models;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// The four seed operations sent as typed requests, each through the typed chain as the seed pages write the call, the seed
/// payloads read into the request types (sensitive fields in plaintext): the sandbox judges them, and the answers are typed.
/// </summary>
public class TypedSeedTests
{
    private WeChatPaySandbox _sandbox = null!;
    private WeChatPayClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _sandbox = await WeChatPaySandbox.StartAsync();
        _client = new WeChatPayClient(_sandbox.ClientOptions());
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
    }

    private static T Read<T>(object payload) => JToken.FromObject(payload).ToObject<T>()!;

    [Test]
    public async Task The_eduschoolpay_presign_seed_goes_typed_with_its_sensitive_fields_encrypted()
    {
        var request = Read<EduschoolpayContractsPresignPostRequest>(Seeds.Presign());

        var response = await _client.V3.Eduschoolpay.Contracts.Presign.PostAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(_sandbox.Calls[^1].FailedCheck, Is.Null);
            Assert.That(response.EncryptedFields, Is.EquivalentTo(new[] { "identity.real_name", "identity.credential_type", "identity.id_card_number", "bank_card.bank_card_no", "bank_card.phone" }));
            Assert.That(_sandbox.Calls[^1].DecryptedFields, Is.EquivalentTo(response.EncryptedFields));
            Assert.That(request.Identity!.RealName, Is.EqualTo(Seeds.RealName), "the caller's request is not changed");
            Assert.That(response.Model!.PresignToken, Is.Not.Null.And.Not.Empty);
        });
    }

    [Test]
    public async Task The_combine_papay_seed_goes_typed()
    {
        var response = await _client.V3.Ecommerce.CombinePapay.Contracts.PreEntrustSign.PostAsync(Read<EcommerceCombinePapayContractsPreEntrustSignPostRequest>(Seeds.CombinePapay()));

        Assert.That(_sandbox.Calls[^1].FailedCheck, Is.Null);
        Assert.That(response.Model!.PreEntrustwebId, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public async Task The_scheduled_deduct_seed_goes_typed()
    {
        var response = await _client.V3.Papay.ScheduledDeductSign.Partner.Contracts.PreEntrustSign.Jsapi.PostAsync(
            Read<PapayScheduledDeductSignPartnerContractsPreEntrustSignJsapiPostRequest>(Seeds.ScheduledDeduct()));

        Assert.That(_sandbox.Calls[^1].FailedCheck, Is.Null);
        Assert.That(response.Model!.RedirectUrl, Is.Not.Null.And.Not.Empty);
        Assert.That(response.Model.AdditionalData, Is.Null, "every field the sandbox answered is a member");
    }

    [Test]
    public async Task The_papay_sign_seed_goes_typed_with_its_enumerations()
    {
        var request = Read<PapaySignContractsPreEntrustSignPostRequest>(Seeds.PapaySign());
        request.SignScene = PapaySignContractsPreEntrustSignPostRequest.Types.SignScene.SignSceneApp;

        var response = await _client.V3.Papay.Sign.Contracts.PreEntrustSign(request);
        var typed = await _client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(request);

        Assert.That(_sandbox.Calls[^1].FailedCheck, Is.Null);
        Assert.That((string)response.Data.pre_entrustweb_id, Is.Not.Empty, "the shorthand sends it too, answering untyped");
        Assert.That(typed.Model!.PreEntrustwebId, Is.EqualTo((string)typed.Data.pre_entrustweb_id));
    }
}
