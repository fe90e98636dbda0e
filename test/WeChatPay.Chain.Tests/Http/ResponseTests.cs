using System.Threading.Tasks;
using Flurl.Http.Testing;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Http;

public class ResponseTests : HttpFixture
{
    protected override bool AnswerSigned => false;

    private sealed class PreEntrustSignAnswer
    {
        public string? pre_entrustweb_id { get; set; }
        public int plan_id { get; set; }
        public System.DateTimeOffset sign_time { get; set; }
    }

    private const string Body = "{\"pre_entrustweb_id\":\"5778aadY9nltAsZzXixCkFIGYnV2V\",\"plan_id\":12535,\"sign_time\":\"2025-11-22T16:37:00+08:00\",\"names\":[\"张三\"]}";

    [Test]
    public async Task Data_reads_fields_dynamically_and_keeps_date_text_as_sent()
    {
        Http.RespondWithSigned(Body);

        var res = await Client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(new { plan_id = 12535 });
        string id = res.Data.pre_entrustweb_id;
        int plan = res.Data.plan_id;
        string time = res.Data.sign_time;
        string name = res.Data.names[0];

        Assert.Multiple(() =>
        {
            Assert.That(id, Is.EqualTo("5778aadY9nltAsZzXixCkFIGYnV2V"));
            Assert.That(plan, Is.EqualTo(12535));
            Assert.That(time, Is.EqualTo("2025-11-22T16:37:00+08:00"));
            Assert.That(name, Is.EqualTo("张三"));
        });
    }

    [Test]
    public async Task The_answer_read_from_many_threads_at_once_is_one_tree()
    {
        Http.RespondWithSigned(Body);
        var res = await Client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(new { plan_id = 12535 });

        // Threads of their own (the thread pool would add its threads slowly), released at once.
        var trees = new Newtonsoft.Json.Linq.JToken?[16];
        using (var start = new System.Threading.Barrier(trees.Length))
        {
            var threads = new System.Threading.Thread[trees.Length];
            for (var i = 0; i < threads.Length; i++)
            {
                var slot = i;
                threads[i] = new System.Threading.Thread(() =>
                {
                    start.SignalAndWait();
                    trees[slot] = res.Json;
                });
                threads[i].Start();
            }
            foreach (var thread in threads) thread.Join();
        }

        Assert.That(trees, Is.All.Not.Null.And.All.SameAs(trees[0]));
        Assert.That((string)res.Data.pre_entrustweb_id, Is.EqualTo("5778aadY9nltAsZzXixCkFIGYnV2V"));
    }

    [Test]
    public async Task As_reads_the_body_into_a_type()
    {
        Http.RespondWithSigned(Body);

        var answer = (await Client["v3/papay/sign/contracts/pre-entrust-sign"].PostAsync(new { plan_id = 12535 })).As<PreEntrustSignAnswer>();

        Assert.That(answer.pre_entrustweb_id, Is.EqualTo("5778aadY9nltAsZzXixCkFIGYnV2V"));
        Assert.That(answer.plan_id, Is.EqualTo(12535));
        Assert.That(answer.sign_time.Offset, Is.EqualTo(System.TimeSpan.FromHours(8)));
    }

    [Test]
    public async Task Status_headers_request_id_and_raw_body_are_kept()
    {
        Http.RespondWithSigned(Body);

        var response = await Client["v3/papay/sign/contracts/pre-entrust-sign"].PostAsync(new { plan_id = 12535 });

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(response.Body, Is.EqualTo(Body));
            Assert.That(response.Headers["wechatpay-serial"], Is.EqualTo(TestData.PlatformSerial), "header names are case-insensitive");
            Assert.That(response.RequestId, Is.EqualTo("08F0B6A8C5060A10C8B1E8A30518A09B0E20A1C10128A4DF0230D4A402-0"));
        });
    }

    [Test]
    public async Task As_on_an_empty_body_says_why_it_cannot_read()
    {
        Http.RespondWith("", 204, TestClient.SignedHeaders(""));

        var response = await Client["v3/merchant-service/complaint-notifications"].DeleteAsync();
        Assert.That(() => response.As<PreEntrustSignAnswer>(), Throws.InvalidOperationException.With.Message.Contains("empty"));
    }

    [TestCase("<html><body>OK</body></html>")]
    [TestCase("OK")]
    [TestCase("{\"pre_entrustweb_id\":\"5778aadY9nltAsZzXixCkFIGYnV2V\"")]
    [TestCase("{\"a\":1} {\"b\":2}")]
    [TestCase("\"5778aadY9nltAsZzXixCkFIGYnV2V\"")]
    public void A_verified_answer_whose_body_is_not_JSON_is_an_exception_not_a_success(string body)
    {
        Http.RespondWithSigned(body);

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Client["v3/papay/sign/contracts/pre-entrust-sign"].PostAsync(new { plan_id = 12535 }));

        Assert.That(error, Is.Not.InstanceOf<WeChatPaySignatureException>(), "the signature verified");
        Assert.That(error!.Message, Does.StartWith("POST /v3/papay/sign/contracts/pre-entrust-sign answered 200 with a body that is not JSON")
            .And.Contain($"of {System.Text.Encoding.UTF8.GetByteCount(body)} bytes"));
        Assert.That(error.Message, Does.Not.Contain(body), "the body is in ResponseBody, not in the message");
        Assert.That((error.StatusCode, error.ResponseBody, error.RequestId), Is.EqualTo(((int?)200, body, "08F0B6A8C5060A10C8B1E8A30518A09B0E20A1C10128A4DF0230D4A402-0")));
    }

    [TestCase(200)]
    [TestCase(204)]
    public async Task A_verified_answer_with_an_empty_body_is_a_success_without_JSON(int status)
    {
        Http.RespondWithSigned("", status);

        var response = await Client["v3/merchant-service/complaint-notifications"].DeleteAsync();

        Assert.That((response.StatusCode, response.Json), Is.EqualTo((status, (Newtonsoft.Json.Linq.JToken?)null)));
    }

    [Test]
    public async Task A_download_answers_its_file_as_it_is()
    {
        Http.RespondWith("交易时间,公众账号ID\n2025-11-21,wxd678efh567hg6787\n", 200);

        var response = await Client.V3.Billdownload.File.GetAsync(new { token = "T1" });

        Assert.That(response.Body, Does.StartWith("交易时间"));
        Assert.That(response.Json, Is.Null);
    }
}
