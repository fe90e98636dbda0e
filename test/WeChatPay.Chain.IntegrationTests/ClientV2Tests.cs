using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// The client's APIv2 calls judged by the sandbox's own v2 code (XML, MD5 and HMAC-SHA256 signs, nonce, merchant) and its
/// signed answers verified by the client: two independent implementations agreeing.
/// </summary>
public class ClientV2Tests : SandboxFixture
{
    private static object Micropay(string? signType = null) => new
    {
        appid = "wxd678efh567hg6787", mch_id = "1900000001", body = "image形象店-深圳腾大- QQ公仔", sign_type = signType,
        out_trade_no = "1217752501201407033233368018", total_fee = 888, spbill_create_ip = "8.8.8.8", auth_code = "120061098828009406",
    };

    [TestCase(null, "MD5")]
    [TestCase("HMAC-SHA256", "HMAC-SHA256")]
    public async Task A_micropay_in_each_style_is_accepted_by_the_sandbox_and_its_answer_verified(string? signType, string expected)
    {
        var chain = await client.Chain("v2/pay/micropay").PostAsync(Micropay(signType));
        var indexer = await client["v2/pay/micropay"].PostAsync(Micropay(signType));
        var dynamic = await ((dynamic)client).V2.Pay.Micropay.PostAsync(Micropay(signType));
        var sync = client["v2/pay/micropay"].Post(Micropay(signType));

        foreach (WeChatPayResponse res in new[] { chain, indexer, (WeChatPayResponse)dynamic, sync })
        {
            Assert.That((string?)res.Json?["return_code"], Is.EqualTo("SUCCESS"));
            Assert.That((string?)res.Json?["result_code"], Is.EqualTo("SUCCESS"));
        }
        var seen = sandbox.Calls.Last();
        Assert.That(seen.Path, Is.EqualTo("/pay/micropay"));
        Assert.That(seen.ErrorCode, Is.Null);
        // The sandbox signs its answer by the request's sign type: 32 hex digits for MD5, 64 for HMAC-SHA256.
        Assert.That(((string?)chain.Json?["sign"])?.Length, Is.EqualTo(expected == "MD5" ? 32 : 64));
    }

    [Test]
    public async Task The_typed_chain_sends_a_micropay_and_a_sync_order_query_to_their_documented_urls()
    {
        var micropay = await client.V2.Pay.Micropay.PostAsync(Micropay("HMAC-SHA256"));
        var micropaySeen = sandbox.Calls.Last();
        var shorthand = await client.V2.Pay.Micropay(Micropay());
        var query = client.V2.Pay.Orderquery.Post(new { appid = "wxd678efh567hg6787", mch_id = "1900000001", out_trade_no = "1217752501201407033233368018" });
        var querySeen = sandbox.Calls.Last();

        Assert.That(micropaySeen.Path, Is.EqualTo("/pay/micropay"));
        Assert.That(micropaySeen.ErrorCode, Is.Null);
        Assert.That((string?)micropay.Json?["result_code"], Is.EqualTo("SUCCESS"));
        Assert.That((string?)shorthand.Json?["result_code"], Is.EqualTo("SUCCESS"));
        Assert.That(querySeen.Path, Is.EqualTo("/pay/orderquery"));
        Assert.That((string?)query.Data.out_trade_no, Is.EqualTo("1217752501201407033233368018"));
    }

    [Test]
    public async Task An_order_query_answers_the_order_it_asked_for()
    {
        var res = await client.Chain("v2/pay/orderquery").PostAsync(new { appid = "wxd678efh567hg6787", mch_id = "1900000001", out_trade_no = "1217752501201407033233368018" });

        Assert.That((string?)res.Data.out_trade_no, Is.EqualTo("1217752501201407033233368018"));
    }
}
