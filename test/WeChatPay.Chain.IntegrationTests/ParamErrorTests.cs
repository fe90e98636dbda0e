using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>Required fields, enum values and JSON types are checked against the catalog: 400 PARAM_ERROR naming the field.</summary>
public class ParamErrorTests : SandboxFixture
{
    [TestCase("appid", "appid", "required")]
    [TestCase("device_info.device_id", "device_info.device_id", "required")]
    [TestCase("device_info", "device_info", "required")]
    public void A_missing_required_field_is_a_param_error_naming_it(string remove, string field, string issue)
    {
        var body = JObject.FromObject(Seeds.PapaySign());
        body.SelectToken(remove)!.Parent!.Remove();

        AssertParamError(body, field, issue);
    }

    [TestCase("sign_scene", "SIGN_SCENE_NFC", "sign_scene")]
    [TestCase("device_info.device_type", "DEVICE_TYPE_TOASTER", "device_info.device_type")]
    public void A_value_outside_the_enum_is_a_param_error_naming_the_field(string path, string value, string field)
    {
        var body = JObject.FromObject(Seeds.PapaySign());
        body.SelectToken(path)!.Replace(value);

        var error = AssertParamError(body, field, "enum");
        Assert.That(error.ErrorMessage, Does.Contain("must be one of"));
    }

    [TestCase("plan_id", "12535", "plan_id")]
    [TestCase("appid", 42, "appid")]
    [TestCase("device_info.weixin_installed", "yes", "device_info.weixin_installed")]
    [TestCase("device_info", "phone", "device_info")]
    public void A_value_of_the_wrong_JSON_type_is_a_param_error_naming_the_field(string path, object value, string field)
    {
        var body = JObject.FromObject(Seeds.PapaySign());
        body.SelectToken(path)!.Replace(JToken.FromObject(value));

        AssertParamError(body, field, "type");
    }

    [Test]
    public void A_missing_required_query_parameter_is_a_param_error_naming_it()
    {
        var error = Assert.ThrowsAsync<WeChatPayException>(() => client.V3.Pay.Transactions.Id["4200000001"].GetAsync());

        Assert.That(error!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That((string?)error.Detail!["field"], Is.EqualTo("mchid"));
        Assert.That((string?)error.Detail!["location"], Is.EqualTo("query"));
    }

    [Test]
    public async Task Unknown_extra_fields_are_accepted()
    {
        var body = JObject.FromObject(Seeds.PapaySign());
        body["not_documented"] = "fine";

        var res = await client.Chain(Seeds.PapaySignPath).PostAsync(body);

        Assert.That(res.StatusCode, Is.EqualTo(200));
    }

    private WeChatPayException AssertParamError(JObject body, string field, string issue)
    {
        var error = Assert.ThrowsAsync<WeChatPayException>(() => client.Chain(Seeds.PapaySignPath).PostAsync(body));

        Assert.That(error!.StatusCode, Is.EqualTo(400));
        Assert.That(error.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That((string?)error.Detail!["field"], Is.EqualTo(field));
        Assert.That((string?)error.Detail!["location"], Is.EqualTo("body"));
        Assert.That((string?)error.Detail!["issue"], Is.EqualTo(issue));
        Assert.That(error.ErrorMessage, Does.Contain(field));
        Assert.That(sandbox.Calls[^1].FailedCheck, Is.EqualTo(SandboxCheck.Parameters));
        Assert.That(sandbox.Calls[^1].ErrorField, Is.EqualTo(field));
        return error;
    }
}
