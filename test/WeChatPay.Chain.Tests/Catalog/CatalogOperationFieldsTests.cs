using System.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Tests.Catalog;

[TestFixture]
public class CatalogOperationFieldsTests
{
    private static OperationCatalog Catalog => OperationCatalog.Default;

    [Test]
    public void The_request_body_fields_of_a_json_operation_are_the_children_of_its_json_row()
    {
        var op = Catalog.Find("POST", "v3/papay/sign/contracts/pre-entrust-sign")!;

        var signScene = op.BodyFields.Single(f => f.Name == "sign_scene");
        var deviceInfo = op.BodyFields.Single(f => f.Name == "device_info");

        Assert.Multiple(() =>
        {
            Assert.That(op.BodyFields, Is.SameAs(op.RequestOption("json")!.Children));
            Assert.That(signScene.Enum, Is.EqualTo(new[] { "SIGN_SCENE_APP", "SIGN_SCENE_QRCODE" }));
            Assert.That(deviceInfo.Type, Is.EqualTo("object"));
            Assert.That(deviceInfo.Children, Has.Count.EqualTo(8));
            Assert.That(op.PathParamFields, Is.Empty);
        });
    }

    [Test]
    public void Nested_and_encrypted_request_fields_keep_their_tree()
    {
        var presign = Catalog.Find("POST", "v3/eduschoolpay/contracts/presign")!;
        var jsapi = Catalog.Find("POST", "v3/papay/scheduled-deduct-sign/partner/contracts/pre-entrust-sign/jsapi")!;

        var realName = presign.BodyFields.Single(f => f.Name == "identity").Children.Single(f => f.Name == "real_name");
        var schedule = jsapi.BodyFields.Single(f => f.Name == "deduct_schedule");

        Assert.Multiple(() =>
        {
            Assert.That(realName.Encrypted, Is.EqualTo(CatalogEncryption.RsaPlatform));
            Assert.That(realName.Required, Is.True);
            Assert.That(presign.HeaderFields.Select(f => f.Name), Does.Contain("Wechatpay-Serial"));
            Assert.That(schedule.Children.Select(f => f.Name), Does.Contain("estimated_deduct_amount"));
        });
    }

    [Test]
    public void Query_and_path_parameter_fields_are_given_separately()
    {
        var op = Catalog.Find("GET", "v3/pay/transactions/id/4200000001")!;

        Assert.Multiple(() =>
        {
            Assert.That(op.PathParams, Is.EqualTo(new[] { "transaction_id" }));
            Assert.That(op.PathParamFields.Select(f => f.Name), Is.EqualTo(new[] { "transaction_id" }));
            Assert.That(op.QueryFields.Select(f => f.Name), Does.Contain("mchid"));
            Assert.That(op.BodyFields, Is.Empty);
            Assert.That(op.RequestBody, Is.Null);
        });
    }
}
