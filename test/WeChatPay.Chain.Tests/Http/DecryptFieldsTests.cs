using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Http;

/// <summary>
/// <see cref="WeChatPayRequestOptions.DecryptFields"/>: answer fields a call names beside the documented ones, decrypted with
/// the merchant key; a path that cannot be read is refused before anything is sent.
/// </summary>
public class DecryptFieldsTests : HttpFixture
{
    protected override bool AnswerSigned => false;

    [Test]
    public async Task A_field_named_for_one_call_is_decrypted_in_the_answer_of_an_undocumented_operation()
    {
        var merchantPublic = RsaPublicKey.Load(TestData.Key("merchant_pub.pem"), "merchant");
        Http.RespondWithSigned(new JObject { ["holder"] = merchantPublic.Encrypt("张三"), ["list"] = new JArray(new JObject { ["no"] = merchantPublic.Encrypt("6222") }), ["plain"] = "x" }
            .ToString(Newtonsoft.Json.Formatting.None));

        var response = await Client["v3/new-product/not-in-the-catalog"].GetAsync(options: new WeChatPayRequestOptions { DecryptFields = new[] { "holder", "list[].no" } });

        Assert.That((string)response.Data.holder, Is.EqualTo("张三"));
        Assert.That((string)response.Data.list[0].no, Is.EqualTo("6222"));
        Assert.That((string)response.Data.plain, Is.EqualTo("x"));
        Assert.That((IEnumerable<string>)response.DecryptedFields, Is.EquivalentTo(new[] { "holder", "list[0].no" }));
    }

    [TestCase("a..b")]
    [TestCase("a[0]")]
    [TestCase("")]
    public void A_path_that_cannot_be_read_is_refused_before_anything_is_sent(string path)
    {
        Http.RespondWithSigned();

        var error = Assert.ThrowsAsync<ArgumentException>(() =>
            Client["v3/new-product/not-in-the-catalog"].PostAsync(new { a = 1 }, new WeChatPayRequestOptions { DecryptFields = new[] { path } }));

        Assert.That(error!.Message, Does.Contain(nameof(WeChatPayRequestOptions.DecryptFields)));
        Assert.That(Http.CallLog, Is.Empty, "nothing was sent");
    }
}
