using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;

using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>Each fault switch produces the client exception the docs promise, and nothing is swallowed; for an RSA and a 国密 merchant.</summary>
[TestFixture(SandboxScheme.Rsa)]
[TestFixture(SandboxScheme.Sm)]
public class FaultTests(SandboxScheme scheme) : SandboxFixture
{
    protected override SandboxOptions? Options => new() { Scheme = scheme };

    // Each fault's own exception: retries, which would send a GET again after some of them, are ResilienceTests' subject.
    protected override void Configure(WeChatPayOptions options) => options.MaxRetries = 0;

    private Task<WeChatPayResponse> Query(WeChatPayClient? other = null) =>
        (other ?? client).Chain("v3/pay/transactions/id/4200000001").GetAsync(new { mchid = "1900000001" });

    [TestCase(SandboxFault.WrongSignature, SignatureCheck.Signature)]
    [TestCase(SandboxFault.StaleTimestamp, SignatureCheck.Timestamp)]
    [TestCase(SandboxFault.UnknownSerial, SignatureCheck.UnknownSerial)]
    [TestCase(SandboxFault.SignTestProbe, SignatureCheck.Signature)]
    public async Task A_signature_fault_fails_verification_with_the_right_check_once(SandboxFault fault, SignatureCheck check)
    {
        sandbox.Faults.Next = fault;

        var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => Query());

        Assert.That(error!.FailedCheck, Is.EqualTo(check), error.Message);
        Assert.That(error.StatusCode, Is.EqualTo(200));
        Assert.That(error.RequestId, Is.Not.Null);
        Assert.That(sandbox.Calls[^1].Fault, Is.EqualTo(fault));
        Assert.That(sandbox.Faults.Next, Is.EqualTo(SandboxFault.None), "one-shot");
        Assert.That((await Query()).StatusCode, Is.EqualTo(200), "the next call is clean");
    }

    [Test]
    public void The_SIGNTEST_probe_carries_WeChat_Pays_prefix()
    {
        sandbox.Faults.Next = SandboxFault.SignTestProbe;

        var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => Query());

        Assert.That(error!.ResponseHeaders["Wechatpay-Signature"], Does.StartWith("WECHATPAY/SIGNTEST/"));
        Assert.That(error.Reason, Does.Contain("SIGNTEST"));
    }

    [Test]
    public void Html502_is_a_WeChatPayException_with_status_502_and_the_html_body()
    {
        sandbox.Faults.Next = SandboxFault.Html502;

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Query());

        Assert.That(error, Is.Not.InstanceOf<WeChatPaySignatureException>());
        Assert.That(error!.StatusCode, Is.EqualTo(502));
        Assert.That(error.Code, Is.Null);
        Assert.That(error.ResponseBody, Does.StartWith("<html>").And.Contain("502 Bad Gateway"));
        Assert.That(error.ResponseHeaders["Content-Type"], Does.StartWith("text/html"));
        Assert.That(error.RequestId, Is.Not.Null);
        Assert.That(error.Message, Does.Contain("502").And.Contain("text/html"));
    }

    [Test]
    public void Json500_is_a_WeChatPayException_with_SYSTEM_ERROR()
    {
        sandbox.Faults.Next = SandboxFault.Json500;

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Query());

        Assert.That(error!.StatusCode, Is.EqualTo(500));
        Assert.That(error.Code, Is.EqualTo("SYSTEM_ERROR"));
        Assert.That(error.ErrorMessage, Is.Not.Empty);
        Assert.That(error.ResponseHeaders.ContainsKey("Wechatpay-Signature"), Is.True, "error answers are signed too");
    }

    [Test]
    public void SlowResponse_runs_into_the_client_timeout()
    {
        var options = sandbox.ClientOptions();
        options.Timeout = TimeSpan.FromMilliseconds(300);
        Configure(options);
        using var impatient = new WeChatPayClient(options);
        sandbox.Faults.SlowResponseDelay = TimeSpan.FromSeconds(5);
        sandbox.Faults.Next = SandboxFault.SlowResponse;

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Query(impatient));

        Assert.That(error!.StatusCode, Is.Null);
        Assert.That(error.Message, Does.Contain("timed out"));
        Assert.That(error.InnerException, Is.InstanceOf<OperationCanceledException>(), "the transport's cause, not Flurl's exception (whose message quotes the whole URL)");
    }

    [Test]
    public async Task SlowResponse_within_the_client_timeout_is_only_slow()
    {
        sandbox.Faults.SlowResponseDelay = TimeSpan.FromMilliseconds(200);
        sandbox.Faults.Next = SandboxFault.SlowResponse;
        var started = DateTimeOffset.UtcNow;

        var res = await Query();

        Assert.That(res.StatusCode, Is.EqualTo(200));
        Assert.That(DateTimeOffset.UtcNow - started, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190)));
    }

    [TestCase(200, false)]
    [TestCase(500, false)]
    [TestCase(200, true)]
    public void A_body_that_claims_Content_Encoding_gzip_but_is_not_is_a_WeChatPayException(int status, bool download)
    {
        var body = download ? "交易时间,公众账号ID\n" : "{\"code\":\"SYSTEM_ERROR\"}";
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        using var liar = LoopbackServer.Answering(System.Text.Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: {bytes.Length}\r\nRequest-ID: R-1\r\nConnection: close\r\n\r\n")
            .Concat(bytes).ToArray());
        var options = sandbox.ClientOptions();
        options.BaseUrl = liar.BaseUrl;
        options.MaxRetries = 0;
        using var lied = new WeChatPayClient(options);

        var error = Assert.CatchAsync(() => download
            ? lied.V3.Billdownload.File.DownloadAsync(System.IO.Stream.Null, new { token = "T1" })
            : Query(lied));

        Assert.That(error, Is.TypeOf<WeChatPayException>());
        var failure = (WeChatPayException)error!;
        Assert.That(failure.Message, Does.Contain($"answered {status}, but its body does not decompress")
            .And.Contain("the Content-Encoding it declares, or the gzip file it carries, does not match its bytes"));
        Assert.That((failure.StatusCode, failure.RequestId), Is.EqualTo(((int?)status, "R-1")));
        Assert.That(failure.InnerException, Is.InstanceOf<System.IO.InvalidDataException>());
    }

    [Test]
    public void DroppedConnection_is_a_transport_failure_without_status()
    {
        sandbox.Faults.Always = SandboxFault.DroppedConnection;

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Query());

        Assert.That(error!.StatusCode, Is.Null);
        Assert.That(error.Message, Does.Contain("could not be completed").And.Contain("Connection reset"), "the transport's inner cause is in the message");
        Assert.That(error.InnerException, Is.InstanceOf<System.Net.Http.HttpRequestException>(), "the transport's cause, not Flurl's exception (whose message quotes the whole URL)");
        Assert.That(sandbox.Calls[^1].StatusCode, Is.EqualTo(0));
    }

    [Test]
    public async Task A_one_shot_DroppedConnection_also_fails_the_call()
    {
        await Query(); // a pooled connection exists, as in a long-lived client
        sandbox.Faults.Next = SandboxFault.DroppedConnection;

        var error = Assert.ThrowsAsync<WeChatPayException>(() => Query());

        Assert.That(error!.StatusCode, Is.Null);
    }

    [Test]
    public async Task Always_persists_until_cleared_and_Next_wins_once()
    {
        sandbox.Faults.Always = SandboxFault.Json500;
        sandbox.Faults.Next = SandboxFault.Html502;

        Assert.That(Assert.ThrowsAsync<WeChatPayException>(() => Query())!.StatusCode, Is.EqualTo(502));
        Assert.That(Assert.ThrowsAsync<WeChatPayException>(() => Query())!.StatusCode, Is.EqualTo(500));
        Assert.That(Assert.ThrowsAsync<WeChatPayException>(() => Query())!.StatusCode, Is.EqualTo(500));

        sandbox.Faults.Always = SandboxFault.None;
        Assert.That((await Query()).StatusCode, Is.EqualTo(200));
        Assert.That(sandbox.Calls.TakeLast(4).Select(c => c.Fault),
            Is.EqualTo(new[] { SandboxFault.Html502, SandboxFault.Json500, SandboxFault.Json500, SandboxFault.None }));
    }

    [Test]
    public void An_undefined_fault_value_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => sandbox.Faults.Next = (SandboxFault)99);
        Assert.Throws<ArgumentOutOfRangeException>(() => sandbox.Faults.SlowResponseDelay = TimeSpan.FromSeconds(-1));
    }
}
