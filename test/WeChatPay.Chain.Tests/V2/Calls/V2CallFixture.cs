using System.Collections.Generic;
using System.Linq;
using Flurl.Http.Testing;
using WeChatPay.Chain.ApiV2;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.V2.Calls;

/// <summary>A client with the v2.json APIv2 key, an HttpTest that queues nothing, and helpers for signed v2 answers and sent v2 requests.</summary>
public abstract class V2CallFixture : HttpFixture
{
    protected static string Key => V2TestData.ApiV2Key;

    protected override bool AnswerSigned => false;

    /// <summary>Whether the client has the merchant certificate (for the operations that need it).</summary>
    protected virtual bool WithMerchantCertificate => false;

    protected override WeChatPayOptions Options()
    {
        var options = TestClient.Options();
        options.ApiV2Key = Key;
        options.RefreshCertificates = false;
        if (WithMerchantCertificate) options.MerchantCertificate = Certificate.TestMerchantCertificates.MerchantPem;
        return options;
    }

    /// <summary>An answer signed by <paramref name="type"/> under the test key.</summary>
    private protected static string SignedAnswer(ApiV2SignType type, params (string Name, string Value)[] fields)
    {
        var list = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        list.Add(new KeyValuePair<string, string>("sign", ApiV2Signature.Sign(list, Key, type)));
        return ApiV2XmlWriter.Write(list);
    }

    /// <summary>A successful answer, signed by <paramref name="type"/>.</summary>
    private protected static string Success(ApiV2SignType type, params (string Name, string Value)[] more) =>
        SignedAnswer(type, new[] { ("return_code", "SUCCESS"), ("return_msg", "OK"), ("result_code", "SUCCESS"), ("mch_id", TestData.MerchantId) }.Concat(more).ToArray());

    protected void Answer(string xml, int status = 200) =>
        Http.RespondWith(() => new System.Net.Http.StringContent(xml, System.Text.Encoding.UTF8, "text/xml"), status);

    /// <summary>The fields of the request sent last.</summary>
    private protected ApiV2Fields SentFields() => ApiV2XmlReader.Read(Http.CallLog.Last().RequestBody);

    protected static object Micropay() => new
    {
        appid = "wxd678efh567hg6787",
        mch_id = TestData.MerchantId,
        body = "image形象店-深圳腾大- QQ公仔",
        out_trade_no = "1217752501201407033233368018",
        total_fee = 888,
        spbill_create_ip = "8.8.8.8",
        auth_code = "120061098828009406",
    };
}
