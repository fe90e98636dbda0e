using System.Collections.Generic;
using System.Text.Json;
using NUnit.Framework;
using WeChatPay.Chain.ApiV2;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Crypto;

namespace WeChatPay.Chain.Tests.V2;

public sealed class ApiV2NotificationTests
{
    public static IEnumerable<TestCaseData> Notifications() => V2TestData.Named("notifications");

    [TestCaseSource(nameof(Notifications))]
    public void Each_notification_declares_its_sign_type_and_verifies_as_the_vector_says(JsonElement c)
    {
        ApiV2Fields notification = ApiV2XmlReader.Read(c.String("body"));

        Assert.That(ApiV2Signature.NameOf(ApiV2Signature.SignTypeOf(notification)), Is.EqualTo(c.String("sign_type")));
        Assert.That(ApiV2Answer.IsAuthenticNotification(notification, c.String("apiv2_key")), Is.EqualTo(c.GetProperty("valid").GetBoolean()));
    }

    [TestCaseSource(nameof(Notifications))]
    public void Each_valid_notification_is_acknowledged_with_the_reply_the_writer_writes(JsonElement c)
    {
        string? reply = c.StringOrNull("reply");
        if (!c.GetProperty("valid").GetBoolean())
        {
            Assert.That(reply, Is.Null);
            return;
        }

        Assert.That(ApiV2XmlWriter.Write(ApiV2SigningTests.Pairs(("return_code", ApiV2Answer.Success), ("return_msg", "OK"))), Is.EqualTo(reply));
    }

    [TestCase("SHA1")]
    [TestCase("md5")]
    public void A_notification_naming_an_unknown_sign_type_is_not_authentic_and_not_an_error(string signType)
    {
        ApiV2Fields notification = ApiV2XmlReader.Read($"<xml><return_code>SUCCESS</return_code><sign_type>{signType}</sign_type><sign>00</sign></xml>");

        Assert.That(ApiV2Answer.IsAuthenticNotification(notification, V2TestData.ApiV2Key), Is.False);
    }

    [Test]
    public void A_notification_signed_with_MD5_but_labelled_HMAC_SHA256_is_not_authentic()
    {
        List<KeyValuePair<string, string>> fields = ApiV2SigningTests.Pairs(("return_code", "SUCCESS"), ("sign_type", "HMAC-SHA256"));
        fields.Add(new("sign", ApiV2Signature.Sign(fields, V2TestData.ApiV2Key, ApiV2SignType.Md5)));

        Assert.That(ApiV2Answer.IsAuthenticNotification(ApiV2XmlReader.Read(ApiV2XmlWriter.Write(fields)), V2TestData.ApiV2Key), Is.False);
    }
}
