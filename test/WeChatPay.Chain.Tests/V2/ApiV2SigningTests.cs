using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Crypto;

namespace WeChatPay.Chain.Tests.V2;

public sealed class ApiV2SigningTests
{
    private const string Key = "Ap2vKey7Tq9mXw3Rb5Nz8Hc4Jd6Lf1Gs";

    public static IEnumerable<TestCaseData> Signing() => V2TestData.Named("signing");

    [TestCaseSource(nameof(Signing))]
    public void The_string_to_sign_of_each_vector_is_the_sorted_non_empty_fields_and_the_key(JsonElement c)
    {
        Assert.That(ApiV2Signature.StringToSign(V2TestData.Fields(c.GetProperty("params")), c.String("key")), Is.EqualTo(c.String("string_to_sign")));
    }

    [TestCaseSource(nameof(Signing))]
    public void Each_vector_signs_to_its_MD5_and_its_HMAC_SHA256_sign(JsonElement c)
    {
        List<KeyValuePair<string, string>> fields = V2TestData.Fields(c.GetProperty("params"));

        Assert.Multiple(() =>
        {
            Assert.That(ApiV2Signature.Sign(fields, c.String("key"), ApiV2SignType.Md5), Is.EqualTo(c.String("sign_md5")));
            Assert.That(ApiV2Signature.Sign(fields, c.String("key"), ApiV2SignType.HmacSha256), Is.EqualTo(c.String("sign_hmac_sha256")));
        });
    }

    [TestCaseSource(nameof(Signing))]
    public void Each_vector_declares_its_sign_type_and_the_sign_to_send_is_by_that_type(JsonElement c)
    {
        List<KeyValuePair<string, string>> fields = V2TestData.Fields(c.GetProperty("params"));
        ApiV2SignType type = ApiV2Signature.SignTypeOf(fields);

        Assert.That(ApiV2Signature.NameOf(type), Is.EqualTo(c.String("sign_type")));
        Assert.That(ApiV2Signature.Sign(fields, c.String("key"), type), Is.EqualTo(c.String("sign")));
    }

    [TestCaseSource(nameof(Signing))]
    public void Each_vector_with_its_sign_verifies_by_its_type_and_not_by_the_other(JsonElement c)
    {
        List<KeyValuePair<string, string>> fields = V2TestData.Fields(c.GetProperty("params")).Where(f => f.Key != "sign").ToList();
        fields.Add(new KeyValuePair<string, string>("sign", c.String("sign")));
        ApiV2SignType type = ApiV2Signature.SignTypeOf(fields);
        ApiV2SignType other = type == ApiV2SignType.Md5 ? ApiV2SignType.HmacSha256 : ApiV2SignType.Md5;

        Assert.That(ApiV2Signature.Verify(fields, c.String("key"), type), Is.True);
        Assert.That(ApiV2Signature.Verify(fields, c.String("key"), other), Is.False);
    }

    [Test]
    public void A_stale_sign_field_is_not_signed_and_does_not_verify()
    {
        JsonElement c = V2TestData.Cases("signing").Single(x => x.String("name") == "sign-field-ignored");
        List<KeyValuePair<string, string>> fields = V2TestData.Fields(c.GetProperty("params"));

        Assert.That(ApiV2Signature.StringToSign(fields, Key), Does.Not.Contain("sign="));
        Assert.That(ApiV2Signature.Verify(fields, Key, ApiV2SignType.Md5), Is.False);
    }

    [Test]
    public void A_sign_in_lower_case_hex_is_the_same_sign()
    {
        List<KeyValuePair<string, string>> fields = Pairs(("appid", "wx1"), ("nonce_str", "n"));
        fields.Add(new("sign", ApiV2Signature.Sign(fields, Key, ApiV2SignType.HmacSha256).ToLowerInvariant()));

        Assert.That(ApiV2Signature.Verify(fields, Key, ApiV2SignType.HmacSha256), Is.True);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("not hex at all")]
    [TestCase("C58A70E6615D29A079C885309F1AE55")]
    [TestCase("C58A70E6615D29A079C885309F1AE5588")]
    [TestCase("G58A70E6615D29A079C885309F1AE558")]
    public void A_missing_or_malformed_sign_does_not_verify(string? sign)
    {
        List<KeyValuePair<string, string>> fields = Pairs(("appid", "wx1"));
        if (sign is not null) fields.Add(new("sign", sign));

        Assert.That(ApiV2Signature.Verify(fields, Key, ApiV2SignType.Md5), Is.False);
    }

    [Test]
    public void An_MD5_sign_never_passes_where_HMAC_SHA256_was_asked_for()
    {
        List<KeyValuePair<string, string>> fields = Pairs(("appid", "wx1"));
        fields.Add(new("sign", ApiV2Signature.Sign(fields, Key, ApiV2SignType.Md5)));

        Assert.That(ApiV2Signature.Verify(fields, Key, ApiV2SignType.HmacSha256), Is.False);
    }

    [TestCase("sign_type", "HMAC-SHA256", "HMAC-SHA256")]
    [TestCase("sign_type", "MD5", "MD5")]
    [TestCase("sign_type", "", "MD5")]
    [TestCase("signType", "HMAC-SHA256", "HMAC-SHA256")]
    [TestCase("signType", "MD5", "MD5")]
    [TestCase("other", "HMAC-SHA256", "MD5")]
    public void The_sign_type_comes_from_sign_type_or_signType_and_is_MD5_by_default(string field, string value, string expected)
    {
        Assert.That(ApiV2Signature.NameOf(ApiV2Signature.SignTypeOf(Pairs(("appid", "wx1"), (field, value)))), Is.EqualTo(expected));
    }

    [TestCase("sign_type", "SHA256")]
    [TestCase("sign_type", "md5")]
    [TestCase("sign_type", "HMAC_SHA256")]
    [TestCase("signType", "RSA")]
    [TestCase("sign_type", "a value far too long to be shown in a message")]
    public void Any_other_sign_type_is_an_ArgumentException_naming_the_field_and_the_two_choices(string field, string value)
    {
        ArgumentException? ex = Assert.Throws<ArgumentException>(() => ApiV2Signature.SignTypeOf(Pairs((field, value))));

        Assert.That(ex!.ParamName, Is.EqualTo(field));
        Assert.That(ex.Message, Does.Contain("The " + field + " field").And.Contain("MD5").And.Contain("HMAC-SHA256"));
    }

    [Test]
    public void A_sign_type_and_a_signType_that_disagree_are_an_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ApiV2Signature.SignTypeOf(Pairs(("sign_type", "MD5"), ("signType", "HMAC-SHA256"))));
    }

    [Test]
    public void Names_sort_by_their_UTF8_bytes_not_by_UTF16_code_units()
    {
        // U+FF21 (one UTF-16 unit, EF BC A1) sorts before U+1D400 (a surrogate pair, F0 9D 90 80) in UTF-8 byte order.
        List<KeyValuePair<string, string>> fields = Pairs(("\U0001D400", "1"), ("\uFF21", "2"), ("a", "3"));

        Assert.That(ApiV2Signature.StringToSign(fields, Key), Is.EqualTo("a=3&\uFF21=2&\U0001D400=1&key=" + Key));
    }

    [Test]
    public void A_name_given_twice_is_an_ArgumentException()
    {
        ArgumentException? ex = Assert.Throws<ArgumentException>(() => ApiV2Signature.Sign(Pairs(("a", "1"), ("a", "2")), Key, ApiV2SignType.Md5));

        Assert.That(ex!.Message, Does.Contain("\"a\" field is given twice"));
    }

    [Test]
    public void A_value_with_a_lone_surrogate_is_an_ArgumentException_naming_the_field()
    {
        ArgumentException? ex = Assert.Throws<ArgumentException>(() => ApiV2Signature.Sign(Pairs(("body", "x\uD800y")), Key, ApiV2SignType.Md5));

        Assert.That(ex!.ParamName, Is.EqualTo("body"));
        Assert.That(ex.Message, Does.Contain("lone surrogate"));
    }

    [Test]
    public void A_bad_key_is_refused_before_anything_is_signed_and_never_shown()
    {
        const string bad = "Ap2vKey7Tq9mXw3Rb5Nz8Hc4Jd6Lf1G";
        ArgumentException? ex = Assert.Throws<ArgumentException>(() => ApiV2Signature.Sign(Pairs(("a", "1")), bad, ApiV2SignType.Md5));

        Assert.That(ex!.ToString(), Does.Not.Contain(bad));
    }

    internal static List<KeyValuePair<string, string>> Pairs(params (string Name, string Value)[] pairs) =>
        pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)).ToList();
}
