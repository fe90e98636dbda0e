using System;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Tests.Catalog;

[TestFixture]
public class RequestValidatorTests
{
    private static readonly string[] NoQuery = Array.Empty<string>();

    private static CatalogOperation Op(string method, string path) =>
        OperationCatalog.Default.Find(method, path) ?? throw new InvalidOperationException("not in the catalog: " + method + " " + path);

    private static IReadOnlyList<string> Validate(string path, JToken? body, params string[] query) =>
        RequestValidator.Validate(Op("POST", path), body, query);

    [TestCase(SeedRequests.EduschoolpayPresign)]
    [TestCase(SeedRequests.CombinePapayPreEntrustSign)]
    [TestCase(SeedRequests.ScheduledDeductJsapi)]
    [TestCase(SeedRequests.PapayPreEntrustSign)]
    public void The_seed_example_payload_is_valid(string path)
    {
        Assert.That(Validate(path, SeedRequests.Body(path)), Is.Empty);
    }

    [Test]
    public void The_php_seed_payloads_are_read_from_the_pages()
    {
        var presign = SeedRequests.Body(SeedRequests.EduschoolpayPresign);
        var papay = SeedRequests.Body(SeedRequests.PapayPreEntrustSign);

        Assert.Multiple(() =>
        {
            Assert.That((string?)presign.SelectToken("identity.credential_type"), Is.EqualTo("IDENTITY_CARD"));
            Assert.That((string?)presign.SelectToken("bank_card.valid_thru"), Is.EqualTo("08/21"));
            Assert.That(papay["plan_id"]!.Type, Is.EqualTo(JTokenType.Integer));
            Assert.That((bool?)papay.SelectToken("device_info.weixin_installed"), Is.True);
        });
    }

    // Broken variants of the seed example of POST v3/papay/sign/contracts/pre-entrust-sign: one change, one problem.
    [TestCase("remove", "sign_scene", null, "sign_scene: required but missing")]
    [TestCase("set", "sign_scene", "\"SIGN_SCENE_X\"", "sign_scene: the string \"SIGN_SCENE_X\" is not one of SIGN_SCENE_APP, SIGN_SCENE_QRCODE")]
    [TestCase("set", "plan_id", "\"abc\"", "plan_id: expected number, got the string \"abc\"")]
    [TestCase("set", "plan_id", "\"12535\"", "plan_id: expected number, got the string \"12535\" (a number in quotes: send the number itself, without quotes)")]
    [TestCase("set", "plan_id", "true", "plan_id: expected number, got boolean true")]
    [TestCase("set", "plan_id", "null", "plan_id: required but missing")]
    [TestCase("remove", "device_info.device_type", null, "device_info.device_type: required but missing")]
    [TestCase("set", "device_info.device_type", "\"DEVICE_TYPE_LAPTOP\"", "device_info.device_type: the string \"DEVICE_TYPE_LAPTOP\" is not one of DEVICE_TYPE_UNKNOW, DEVICE_TYPE_PHONE, DEVICE_TYPE_PAD, DEVICE_TYPE_TV, DEVICE_TYPE_WATCH")]
    [TestCase("set", "device_info.weixin_installed", "\"yes\"", "device_info.weixin_installed: expected boolean, got the string \"yes\"")]
    [TestCase("set", "device_info", "\"phone\"", "device_info: expected object, got the string \"phone\"")]
    [TestCase("set", "appid", "12", "appid: expected string, got integer 12")]
    [TestCase("set", "appid", "{}", "appid: expected string, got an object")]
    public void A_broken_pre_entrust_sign_request_names_the_field(string change, string field, string? json, string problem)
    {
        var body = SeedRequests.Body(SeedRequests.PapayPreEntrustSign);
        var token = body.SelectToken(field)!;
        if (change == "remove") token.Parent!.Remove();
        else token.Replace(JToken.Parse(json!));

        Assert.That(Validate(SeedRequests.PapayPreEntrustSign, body), Is.EqualTo(new[] { problem }));
    }

    [Test]
    public void Every_problem_is_reported_together_in_documented_order()
    {
        var body = SeedRequests.Body(SeedRequests.PapayPreEntrustSign);
        body.Remove("sign_scene");
        body["plan_id"] = "abc";
        ((JObject)body["device_info"]!).Remove("device_type");
        body["device_info"]!["device_ip"] = 10;

        Assert.That(Validate(SeedRequests.PapayPreEntrustSign, body), Is.EqualTo(new[]
        {
            "sign_scene: required but missing",
            "plan_id: expected number, got the string \"abc\"",
            "device_info.device_type: required but missing",
            "device_info.device_ip: expected string, got integer 10",
        }));
    }

    [Test]
    public void A_missing_nested_object_reports_the_object_not_its_fields()
    {
        var body = SeedRequests.Body(SeedRequests.PapayPreEntrustSign);
        body.Remove("device_info");

        Assert.That(Validate(SeedRequests.PapayPreEntrustSign, body), Is.EqualTo(new[] { "device_info: required but missing" }));
    }

    [Test]
    public void An_optional_object_is_checked_only_when_present()
    {
        var withoutIdentity = SeedRequests.Body(SeedRequests.EduschoolpayPresign);
        withoutIdentity.Remove("identity");
        var emptyIdentity = SeedRequests.Body(SeedRequests.EduschoolpayPresign);
        emptyIdentity["identity"] = new JObject();

        Assert.Multiple(() =>
        {
            Assert.That(Validate(SeedRequests.EduschoolpayPresign, withoutIdentity), Is.Empty);
            Assert.That(Validate(SeedRequests.EduschoolpayPresign, emptyIdentity), Is.EqualTo(new[]
            {
                "identity.real_name: required but missing",
                "identity.credential_type: required but missing",
            }));
        });
    }

    [Test]
    public void The_value_of_an_encrypted_field_is_never_echoed()
    {
        var body = SeedRequests.Body(SeedRequests.EduschoolpayPresign);
        body["identity"]!["real_name"] = 4211;
        body["bank_card"]!["phone"] = new JArray("13800138000");

        var problems = Validate(SeedRequests.EduschoolpayPresign, body);

        Assert.That(problems, Is.EqualTo(new[]
        {
            "identity.real_name: expected string, got an integer",
            "bank_card.phone: expected string, got an array",
        }));
    }

    [Test]
    public void Nested_numbers_of_the_scheduled_deduct_seed_are_checked()
    {
        var body = SeedRequests.Body(SeedRequests.ScheduledDeductJsapi);
        body.SelectToken("deduct_schedule.estimated_deduct_amount.total")!.Replace("100");
        ((JObject)body["deduct_schedule"]!).Remove("description");

        Assert.That(Validate(SeedRequests.ScheduledDeductJsapi, body), Is.EqualTo(new[]
        {
            "deduct_schedule.estimated_deduct_amount.total: expected number, got the string \"100\" (a number in quotes: send the number itself, without quotes)",
            "deduct_schedule.description: required but missing",
        }));
    }

    [TestCase("12535", true)]
    [TestCase("12535.0", false)]
    [TestCase("\"12535\"", false)]
    public void An_integer_field_takes_only_a_json_integer(string planId, bool valid)
    {
        var body = SeedRequests.Body(SeedRequests.CombinePapayPreEntrustSign);
        body["plan_id"] = JToken.Parse(planId);

        var problems = Validate(SeedRequests.CombinePapayPreEntrustSign, body);

        Assert.That(problems, valid ? Is.Empty : Has.Exactly(1).StartsWith("plan_id: expected integer, got"));
    }

    [TestCase("12535")]
    [TestCase("12535.5")]
    public void A_number_field_takes_a_json_integer_or_a_fraction(string planId)
    {
        var body = SeedRequests.Body(SeedRequests.PapayPreEntrustSign);
        body["plan_id"] = JToken.Parse(planId);

        Assert.That(Validate(SeedRequests.PapayPreEntrustSign, body), Is.Empty);
    }

    [Test]
    public void Missing_required_fields_inside_an_array_of_objects_name_the_element()
    {
        var body = JObject.Parse(@"{
            ""transaction_id"": ""4208450740201411110007820472"", ""out_order_no"": ""P20150806125346"", ""unfreeze_unsplit"": true,
            ""receivers"": [
                { ""type"": ""MERCHANT_ID"", ""account"": ""86693852"", ""name"": ""hu89ohu89ohu89o"", ""amount"": 888, ""description"": ""分给商户A"" },
                { ""type"": ""PERSONAL_OPENID"", ""amount"": 100 },
                { ""type"": ""BANK_CARD"", ""account"": ""oUpF8"", ""amount"": ""1"", ""description"": ""分给个人"" },
                ""not an object""
            ] }");

        Assert.That(RequestValidator.Validate(Op("POST", "v3/profitsharing/orders"), body, NoQuery), Is.EqualTo(new[]
        {
            "receivers[1].account: required but missing",
            "receivers[1].description: required but missing",
            "receivers[2].type: the string \"BANK_CARD\" is not one of MERCHANT_ID, PERSONAL_OPENID, PERSONAL_SUB_OPENID",
            "receivers[2].amount: expected integer, got the string \"1\" (a number in quotes: send the number itself, without quotes)",
            "receivers[3]: expected object, got the string \"not an object\"",
        }));
    }

    [Test]
    public void An_array_field_given_a_single_object_is_the_wrong_type()
    {
        var body = JObject.Parse(@"{ ""transaction_id"": ""42"", ""out_order_no"": ""P1"", ""unfreeze_unsplit"": false,
            ""receivers"": { ""type"": ""MERCHANT_ID"", ""account"": ""86693852"", ""amount"": 888, ""description"": ""A"" } }");

        Assert.That(RequestValidator.Validate(Op("POST", "v3/profitsharing/orders"), body, NoQuery),
            Is.EqualTo(new[] { "receivers: expected object[], got an object" }));
    }

    [Test]
    public void No_body_at_all_reports_every_required_top_level_field()
    {
        var expected = new[]
        {
            "appid: required but missing", "plan_id: required but missing", "out_contract_code: required but missing",
            "contract_display_account: required but missing", "notify_url: required but missing",
        };

        Assert.Multiple(() =>
        {
            Assert.That(Validate(SeedRequests.CombinePapayPreEntrustSign, null), Is.EqualTo(expected));
            Assert.That(Validate(SeedRequests.CombinePapayPreEntrustSign, JValue.CreateNull()), Is.EqualTo(expected));
            Assert.That(Validate(SeedRequests.CombinePapayPreEntrustSign, new JObject()), Is.EqualTo(expected));
        });
    }

    [Test]
    public void A_body_that_is_not_an_object_is_one_problem()
    {
        Assert.That(Validate(SeedRequests.CombinePapayPreEntrustSign, new JArray(1, 2)), Is.EqualTo(new[] { "body: expected a JSON object, got an array" }));
    }

    [Test]
    public void Undocumented_body_fields_are_allowed()
    {
        var body = SeedRequests.Body(SeedRequests.CombinePapayPreEntrustSign);
        body["something_new"] = "the docs may be behind the API";

        Assert.That(Validate(SeedRequests.CombinePapayPreEntrustSign, body), Is.Empty);
    }

    [Test]
    public void A_missing_required_query_parameter_is_named_under_query()
    {
        var op = Op("GET", "v3/pay/transactions/id/4200000001");

        Assert.Multiple(() =>
        {
            Assert.That(RequestValidator.Validate(op, null, NoQuery), Is.EqualTo(new[] { "query.mchid: required but missing" }));
            Assert.That(RequestValidator.Validate(op, null, new[] { "mchid" }), Is.Empty);
            Assert.That(RequestValidator.Validate(op, null, new[] { "MCHID" }), Is.EqualTo(new[] { "query.mchid: required but missing" }));
        });
    }

    [Test]
    public void A_path_parameter_the_page_lists_under_query_is_not_required_in_the_query()
    {
        var op = Op("GET", "v3/bank-transfer/batches/out-batch-no/plfk2020042013");
        Assume.That(op.PathParams, Is.EqualTo(new[] { "out_batch_no" }));

        Assert.That(RequestValidator.Validate(op, null, new[] { "need_query_detail" }), Is.Empty);
    }

    [Test]
    public void Body_and_query_problems_come_together()
    {
        var op = new CatalogOperation("POST", "v3/test/{id}", new CatalogOperation.Details("测试", null, "json", null, new[] { "id" }, Array.Empty<FieldPath>(), Array.Empty<FieldPath>(), false, false,
            new[]
            {
                Field("json", "object", true, Field("name", "string", true)),
                Field("query", "object", false, Field("mchid", "string", true), Field("limit", "integer", false), Field("id", "string", true)),
            },
            Array.Empty<CatalogField>()));

        Assert.That(RequestValidator.Validate(op, new JObject(), new[] { "limit" }), Is.EqualTo(new[]
        {
            "name: required but missing",
            "query.mchid: required but missing",
        }));
    }

    // Types of a synthetic operation: the rule matrix of the catalog's types.
    [TestCase("string", "\"x\"", true)]
    [TestCase("string", "1", false)]
    [TestCase("integer", "1", true)]
    [TestCase("integer", "1.5", false)]
    [TestCase("integer", "\"1\"", false)]
    [TestCase("number", "1", true)]
    [TestCase("number", "1.5", true)]
    [TestCase("number", "\"1.5\"", false)]
    [TestCase("float", "1.5", true)]
    [TestCase("float", "2", true)]
    [TestCase("boolean", "false", true)]
    [TestCase("boolean", "0", false)]
    [TestCase("object", "{}", true)]
    [TestCase("object", "[]", false)]
    [TestCase("object[]", "[{}, {}]", true)]
    [TestCase("object[]", "[1]", false)]
    [TestCase("string[]", "[\"a\", \"b\"]", true)]
    [TestCase("string[]", "[\"a\", 2]", false)]
    [TestCase("string[]", "\"a\"", false)]
    [TestCase("number[]", "[1, 2.5]", true)]
    [TestCase("number[]", "[\"1\"]", false)]
    [TestCase("integer[]", "[1, 2]", true)]
    [TestCase("integer[]", "[1, 2.5]", false)]
    [TestCase("integer[]", "[1, null]", false)]
    [TestCase("true", "\"anything\"", true)]
    [TestCase("true", "1", true)]
    [TestCase("date-time", "1", true)]
    [TestCase("whatever[]", "1", true)]
    public void Each_documented_type_accepts_its_json_type(string type, string json, bool valid)
    {
        var op = Synthetic(Field("value", type, true));

        var problems = RequestValidator.Validate(op, new JObject { ["value"] = JToken.Parse(json) }, NoQuery);

        Assert.That(problems, valid ? Is.Empty : Has.Exactly(1).StartsWith("value"));
    }

    [TestCase("\"A\"", true)]
    [TestCase("\"a\"", false)]
    [TestCase("[\"A\", \"B\"]", true)]
    [TestCase("[\"A\", \"C\"]", false)]
    public void Enum_values_are_checked_case_sensitively_also_in_string_arrays(string json, bool valid)
    {
        var type = json.StartsWith("[", StringComparison.Ordinal) ? "string[]" : "string";
        var op = Synthetic(Field("value", type, true, new[] { "A", "B" }));

        var problems = RequestValidator.Validate(op, new JObject { ["value"] = JToken.Parse(json) }, NoQuery);

        Assert.That(problems, valid ? Is.Empty : Is.EqualTo(new[] { (type == "string" ? "value" : "value[1]") + ": the string \"" + (type == "string" ? "a" : "C") + "\" is not one of A, B" }));
    }

    [TestCase("integer", "2", true)]
    [TestCase("integer", "7", false)]
    [TestCase("number", "2.0", true)]
    [TestCase("number", "2.5", false)]
    [TestCase("integer[]", "[1, 2]", true)]
    [TestCase("integer[]", "[1, 3]", false)]
    public void Numeric_enum_values_compare_as_numbers(string type, string json, bool valid)
    {
        var op = Synthetic(Field("value", type, true, new[] { "1", "2" }));

        var problems = RequestValidator.Validate(op, new JObject { ["value"] = JToken.Parse(json) }, NoQuery);

        Assert.That(problems, valid ? Is.Empty : Has.Exactly(1).Contains("is not one of 1, 2"));
    }

    [Test]
    public void Values_newtonsoft_writes_as_strings_are_strings()
    {
        var op = Synthetic(Field("when", "string", true), Field("id", "string", true), Field("uri", "string", true));
        var body = JObject.FromObject(new { when = new DateTimeOffset(2025, 11, 22, 8, 0, 0, TimeSpan.FromHours(8)), id = Guid.Empty, uri = new Uri("https://example.com/") });

        Assert.That(RequestValidator.Validate(op, body, NoQuery), Is.Empty);
    }

    [Test]
    public void A_long_string_is_shortened_in_the_problem()
    {
        var op = Synthetic(Field("value", "integer", true));

        var problems = RequestValidator.Validate(op, new JObject { ["value"] = new string('x', 100) }, NoQuery);

        Assert.That(problems, Is.EqualTo(new[] { "value: expected integer, got the string \"" + new string('x', 40) + "...\"" }));
    }

    [Test]
    public void A_string_field_with_documented_children_is_not_descended_into()
    {
        var op = Synthetic(Field("payload", "string", true, Field("inner", "string", true)));

        Assert.That(RequestValidator.Validate(op, new JObject { ["payload"] = "{}" }, NoQuery), Is.Empty);
    }

    [Test]
    public void Xml_and_multipart_bodies_are_not_checked()
    {
        var xml = Op("POST", "v2/pay/micropay");
        var upload = Op("POST", "v3/merchant/media/upload");

        Assert.Multiple(() =>
        {
            Assert.That(xml.RequestBody, Is.EqualTo("xml"));
            Assert.That(upload.RequestBody, Is.EqualTo("multipart"));
            Assert.That(RequestValidator.Validate(xml, new JObject(), NoQuery), Is.Empty);
            Assert.That(RequestValidator.Validate(upload, new JObject(), NoQuery), Is.Empty);
        });
    }

    [Test]
    public void Null_arguments_are_refused()
    {
        var op = Op("POST", SeedRequests.PapayPreEntrustSign);

        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentNullException>(() => RequestValidator.Validate(null!, null, NoQuery));
            Assert.Throws<ArgumentNullException>(() => RequestValidator.Validate(op, null, null!));
        });
    }

    private static CatalogOperation Synthetic(params CatalogField[] body) =>
        new("POST", "v3/test", new CatalogOperation.Details("测试", null, "json", null, Array.Empty<string>(), Array.Empty<FieldPath>(), Array.Empty<FieldPath>(), false, false,
            new[] { Field("json", "object", true, body) }, Array.Empty<CatalogField>()));

    private static CatalogField Field(string name, string type, bool required, params CatalogField[] children) =>
        new(name, type, required, null, Array.Empty<string>(), children);

    private static CatalogField Field(string name, string type, bool required, string[] @enum) =>
        new(name, type, required, null, @enum, Array.Empty<CatalogField>());
}
