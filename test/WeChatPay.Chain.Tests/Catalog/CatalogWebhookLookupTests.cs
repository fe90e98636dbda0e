using System.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Tests.Catalog;

[TestFixture]
public class CatalogWebhookLookupTests
{
    private static OperationCatalog Catalog => OperationCatalog.Default;

    [TestCase("TRANSACTION.SUCCESS", "v3/TRANSACTION.SUCCESS")]
    [TestCase("transaction.success", "v3/TRANSACTION.SUCCESS")]
    [TestCase("TRANSACTION.FAIL", "v3/TRANSACTION.FAIL")]
    [TestCase("PROFITSHARING.SUCCESS", "v3/PROFITSHARING.SUCCESS")]
    [TestCase("REFUND.SUCCESS", "v3/REFUND.SUCCESS")]
    [TestCase("CHECK.FAIL", "v2/CHECK.FAIL")]
    [TestCase("MEMBERCARD.ACCEPT_CARD", "v3/MEMBERCARD.ACCEPT_CARD")]
    public void A_webhook_is_found_by_event_type(string eventType, string name)
    {
        Assert.That(Catalog.FindWebhook(eventType)?.Name, Is.EqualTo(name));
    }

    [Test]
    public void An_unknown_event_type_finds_no_webhook()
    {
        Assert.That(Catalog.FindWebhook("NO.SUCH.EVENT"), Is.Null);
    }

    [Test]
    public void A_v3_webhook_carries_its_encrypted_resource_and_body_fields()
    {
        var hook = Catalog.FindWebhook("MEMBERCARD.ACCEPT_CARD")!;

        Assert.Multiple(() =>
        {
            Assert.That(hook.ContentType, Is.EqualTo("application/json"));
            Assert.That(hook.AesGcm, Is.EqualTo(new[] { "body.resource.ciphertext" }));
            Assert.That(hook.Decrypt.Select(d => d.ToString()), Is.EqualTo(new[] { "body.resource.ciphertext.phone_number" }));
            Assert.That(hook.BodyFields.Select(f => f.Name), Does.Contain("resource"));
            Assert.That(hook.HeaderFields, Is.Not.Empty);
            Assert.That(hook.EventTypes, Is.EqualTo(new[] { "MEMBERCARD.ACCEPT_CARD" }));
        });
    }
}
