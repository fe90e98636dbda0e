using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;
using WeChatPay.Chain.ApiV2;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Crypto;

namespace WeChatPay.Chain.Tests.V2;

public sealed class BusifavorSendCouponTests
{
    private static string Key => V2TestData.ApiV2Key;

    public static IEnumerable<TestCaseData> MiniProgram() =>
        V2TestData.Cases("busifavor").Where(c => c.String("form") == "miniprogram").Select(c => new TestCaseData(c).SetArgDisplayNames(c.String("name")));

    public static IEnumerable<TestCaseData> H5() =>
        V2TestData.Cases("busifavor").Where(c => c.String("form") == "h5").Select(c => new TestCaseData(c).SetArgDisplayNames(c.String("name")));

    [Test]
    public void The_vectors_hold_two_mini_program_cases_and_one_H5_case()
    {
        Assert.That(MiniProgram().Count(), Is.EqualTo(2));
        Assert.That(H5().Count(), Is.EqualTo(1));
    }

    [TestCaseSource(nameof(MiniProgram))]
    public void Each_mini_program_case_flattens_signs_and_gives_its_sign(JsonElement c)
    {
        JsonElement input = c.GetProperty("input");
        List<(string StockId, string OutRequestNo)> coupons = input.GetProperty("send_coupon_params").EnumerateArray()
            .Select(x => (x.String("stock_id"), x.String("out_request_no"))).ToList();
        string merchant = input.String("send_coupon_merchant");

        List<KeyValuePair<string, string>> flattened = BusifavorSendCoupon.Flatten(coupons, merchant);

        Assert.That(flattened, Is.EquivalentTo(V2TestData.Fields(c.GetProperty("flattened"))));
        Assert.That(flattened[0].Key, Is.EqualTo("send_coupon_merchant"));
        Assert.That(ApiV2Signature.StringToSign(flattened, Key), Is.EqualTo(c.String("string_to_sign")));
        Assert.That(c.String("sign_type"), Is.EqualTo("HMAC-SHA256"));
        Assert.That(BusifavorSendCoupon.Sign(coupons, merchant, Key), Is.EqualTo(c.String("sign")));
    }

    [TestCaseSource(nameof(MiniProgram))]
    public void The_client_gives_each_mini_program_case_as_the_plug_in_takes_it(JsonElement c)
    {
        JsonElement input = c.GetProperty("input");
        var coupons = input.GetProperty("send_coupon_params").EnumerateArray().Select(x => (x.String("stock_id"), x.String("out_request_no"))).ToList();
        var options = Support.TestClient.Options();
        options.ApiV2Key = Key;
        using var client = new WeChatPayClient(options);

        var parameters = client.BusifavorSendCouponParameters(input.String("send_coupon_merchant"), coupons);

        Assert.That(parameters.Sign, Is.EqualTo(c.String("sign")));
        using var json = JsonDocument.Parse(parameters.ToJson());
        Assert.That(json.RootElement.String("sign"), Is.EqualTo(c.String("sign")));
        Assert.That(json.RootElement.String("send_coupon_merchant"), Is.EqualTo(input.String("send_coupon_merchant")));
        Assert.That(json.RootElement.GetProperty("send_coupon_params").EnumerateArray().Select(x => (x.String("stock_id"), x.String("out_request_no"))), Is.EqualTo(coupons));
    }

    [Test]
    public void Without_an_APIv2_key_the_client_says_which_option_to_set()
    {
        using var client = Support.TestClient.Create();
        var error = Assert.Throws<InvalidOperationException>(() => client.BusifavorSendCouponParameters("10016226", new[] { ("abc123", "1234567") }));
        Assert.That(error!.Message, Does.Contain("WeChatPayOptions.ApiV2Key"));
    }

    [TestCaseSource(nameof(H5))]
    public void The_H5_case_signs_its_flat_parameters_as_they_are(JsonElement c)
    {
        List<KeyValuePair<string, string>> fields = V2TestData.Fields(c.GetProperty("input"));

        Assert.That(fields, Is.EqualTo(V2TestData.Fields(c.GetProperty("flattened"))));
        Assert.That(ApiV2Signature.StringToSign(fields, Key), Is.EqualTo(c.String("string_to_sign")));
        Assert.That(ApiV2Signature.Sign(fields, Key, ApiV2SignType.HmacSha256), Is.EqualTo(c.String("sign")));
    }

    [Test]
    public void No_coupon_and_an_empty_value_are_refused_by_name()
    {
        Assert.Throws<ArgumentException>(() => BusifavorSendCoupon.Flatten(Array.Empty<(string, string)>(), "10016226"));
        Assert.That(Assert.Throws<ArgumentException>(() => BusifavorSendCoupon.Flatten(new[] { ("abc123", "1"), ("", "2") }, "10016226"))!.ParamName, Is.EqualTo("stock_id1"));
        Assert.That(Assert.Throws<ArgumentException>(() => BusifavorSendCoupon.Flatten(new[] { ("abc123", "") }, "10016226"))!.ParamName, Is.EqualTo("out_request_no0"));
        Assert.That(Assert.Throws<ArgumentException>(() => BusifavorSendCoupon.Flatten(new[] { ("abc123", "1") }, ""))!.ParamName, Is.EqualTo("send_coupon_merchant"));
    }

    [Test]
    public void A_bad_key_is_refused_without_being_shown()
    {
        ArgumentException? ex = Assert.Throws<ArgumentException>(() => BusifavorSendCoupon.Sign(new[] { ("abc123", "1") }, "10016226", "not-a-key"));

        Assert.That(ex!.ToString(), Does.Not.Contain("not-a-key"));
    }
}
