using System.Threading.Tasks;
using Flurl.Http.Testing;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Models;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Models;

/// <summary>A generated request sent through the chain (in-memory HTTP): its members land in the path, query and body as documented, and the answer is typed.</summary>
public class TypedModelCallTests : HttpFixture
{
    protected override bool AnswerSigned => false;

    [Test]
    public async Task A_generated_GET_puts_its_path_and_query_members_in_the_URL_and_reads_the_typed_answer()
    {
        Http.RespondWithSigned("{\"transaction_id\":\"4200000001\",\"amount\":{\"total\":100},\"trade_state\":\"SUCCESS\"}");
        var request = new PayTransactionsIdTransactionIdGetRequest { Mchid = "1230000109", TransactionId = "4200000001" };

        var response = await Client.V3.Pay.Transactions.Id._transaction_id_.GetAsync(request);

        Http.ShouldHaveCalled("https://api.mch.weixin.qq.com/v3/pay/transactions/id/4200000001?mchid=1230000109").WithVerb("GET");
        Assert.That(Http.CallLog[0].RequestBody, Is.Null.Or.Empty);
        Assert.That(response.Model!.TransactionId, Is.EqualTo("4200000001"));
        Assert.That(response.Model.Amount!.Total, Is.EqualTo(100));
    }

    [Test]
    public async Task A_generated_POST_sends_itself_as_the_JSON_body()
    {
        Http.RespondWithSigned("{\"prepay_id\":\"wx201410272009395522657a690389285100\"}");
        var request = new PayTransactionsJsapiPostRequest
        {
            Appid = "wxd678efh567hg6787",
            Mchid = "1230000109",
            Description = "Image形象店-深圳腾大-QQ公仔",
            OutTradeNo = "1217752501201407033233368018",
            NotifyUrl = "https://www.weixin.qq.com/wxpay/pay.php",
            Amount = new() { Total = 100, Currency = "CNY" },
            Payer = new() { Openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
        };

        var response = await Client.V3.Pay.Transactions.Jsapi.PostAsync(request);

        var sent = JObject.Parse(Http.CallLog[0].RequestBody!);
        Assert.That((string?)sent["out_trade_no"], Is.EqualTo("1217752501201407033233368018"));
        Assert.That((string?)sent["amount"]!["currency"], Is.EqualTo("CNY"));
        Assert.That(sent["attach"], Is.Null);
        Assert.That(response.Model!.PrepayId, Is.EqualTo("wx201410272009395522657a690389285100"));
    }
}
