using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;
using WeChatPay.Chain.ApiV2;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Crypto;

namespace WeChatPay.Chain.Tests.V2;

/// <summary>
/// The answers of v2.json judged as a client judges them: return_code, then result_code, then the sign by the request's type
/// (each vector answers an MD5 request to pay/unifiedorder, which is not sign-less).
/// </summary>
public sealed class ApiV2AnswerTests
{
    private static string Key => V2TestData.ApiV2Key;

    public static IEnumerable<TestCaseData> Answers() => V2TestData.Named("answers");

    [TestCaseSource(nameof(Answers))]
    public void Each_answer_gets_its_verdict_at_its_step(JsonElement c)
    {
        ApiV2Fields answer = ApiV2XmlReader.Read(c.String("xml"));
        bool signless = V2SignlessOperations.AnswerHasNoSign(c.String("url"));

        ApiV2AnswerVerdict verdict = ApiV2Answer.Judge(answer, Key, ApiV2SignType.Md5, signless);

        Assert.That(signless, Is.False);
        Assert.That(verdict, Is.EqualTo(c.String("verdict") == "accept" ? ApiV2AnswerVerdict.Accepted : Step(c.String("reject_at"))));
    }

    [Test]
    public void The_business_failure_carries_a_valid_sign_and_is_still_refused_at_result_code()
    {
        ApiV2Fields answer = Answer("result-code-fail");

        Assert.That(ApiV2Signature.Verify(answer, Key, ApiV2SignType.Md5), Is.True);
        Assert.That(answer["err_code"], Is.EqualTo("ORDERPAID"));
    }

    [Test]
    public void The_answer_to_an_HMAC_SHA256_request_must_be_signed_by_HMAC_SHA256()
    {
        Assert.That(ApiV2Answer.Judge(Answer("success-signed"), Key, ApiV2SignType.HmacSha256, signless: false), Is.EqualTo(ApiV2AnswerVerdict.Sign));
    }

    [Test]
    public void An_answer_checked_with_another_key_is_refused_at_sign()
    {
        Assert.That(ApiV2Answer.Judge(Answer("success-signed"), "Ap2vKey7Tq9mXw3Rb5Nz8Hc4Jd6Lf1Gt", ApiV2SignType.Md5, signless: false), Is.EqualTo(ApiV2AnswerVerdict.Sign));
    }

    [Test]
    public void A_sign_less_operation_is_judged_by_its_codes_only()
    {
        Assert.That(ApiV2Answer.Judge(Answer("tampered-prepay-id"), Key, ApiV2SignType.Md5, signless: true), Is.EqualTo(ApiV2AnswerVerdict.Accepted));
        Assert.That(ApiV2Answer.Judge(Answer("return-code-fail"), Key, ApiV2SignType.Md5, signless: true), Is.EqualTo(ApiV2AnswerVerdict.ReturnCode));
    }

    [TestCase("<xml><result_code>SUCCESS</result_code></xml>", "ReturnCode")]
    [TestCase("<xml><return_code>success</return_code></xml>", "ReturnCode")]
    [TestCase("<xml><return_code>SUCCESS</return_code><result_code></result_code></xml>", "ResultCode")]
    [TestCase("<xml><return_code>SUCCESS</return_code><result_code>SUCCESS</result_code></xml>", "Sign")]
    [TestCase("<xml><return_code>SUCCESS</return_code><sign></sign></xml>", "Sign")]
    public void Missing_codes_and_a_missing_sign_are_refused(string xml, string expected)
    {
        Assert.That(ApiV2Answer.Judge(ApiV2XmlReader.Read(xml), Key, ApiV2SignType.Md5, signless: false).ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void An_answer_signed_by_the_client_s_own_signer_is_accepted()
    {
        List<KeyValuePair<string, string>> fields = ApiV2Signature.WithSign(
            ApiV2SigningTests.Pairs(("return_code", "SUCCESS"), ("result_code", "SUCCESS"), ("sign_type", "HMAC-SHA256"), ("prepay_id", "wx1")), Key);

        Assert.That(ApiV2Answer.Judge(ApiV2XmlReader.Read(ApiV2XmlWriter.Write(fields)), Key, ApiV2SignType.HmacSha256, signless: false), Is.EqualTo(ApiV2AnswerVerdict.Accepted));
    }

    private static ApiV2Fields Answer(string name) =>
        ApiV2XmlReader.Read(V2TestData.Cases("answers").Single(c => c.String("name") == name).String("xml"));

    private static ApiV2AnswerVerdict Step(string rejectAt) => rejectAt switch
    {
        "return_code" => ApiV2AnswerVerdict.ReturnCode,
        "result_code" => ApiV2AnswerVerdict.ResultCode,
        "sign" => ApiV2AnswerVerdict.Sign,
        _ => throw new AssertionException("unknown reject_at " + rejectAt),
    };
}
