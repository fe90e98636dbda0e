using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;
using WeChatPay.Chain.Sandbox;

namespace WeChatPay.Chain.IntegrationTests;

/// <summary>
/// A 401 SIGN_ERROR explained end to end: something rewrites the request after the client signed it (a handler in the
/// client's place of a proxy), the clock is off, or the key is not the serial's; the sandbox answers as WeChat Pay does,
/// with detail.sign_information, and the exception's message names the cause and the fix; for an RSA and a 国密 merchant.
/// </summary>
[TestFixture(SandboxScheme.Rsa)]
[TestFixture(SandboxScheme.Sm)]
public class SignErrorExplainedTests(SandboxScheme scheme) : SandboxFixture
{
    protected override SandboxOptions? Options => new() { Scheme = scheme };

    private WeChatPayClient Client(Action<WeChatPayOptions> change)
    {
        var options = sandbox.ClientOptions();
        change(options);
        return new WeChatPayClient(options);
    }

    private static async Task<WeChatPayException> FailsAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (WeChatPayException e)
        {
            Assert.That((e.StatusCode, e.Code), Is.EqualTo(((int?)401, "SIGN_ERROR")), e.Message);
            return e;
        }
        throw new AssertionException("The call did not fail.");
    }

    [Test]
    public async Task A_query_rewritten_on_its_way_is_named_with_both_targets_and_no_value()
    {
        using var proxy = new Rewriting(request =>
        {
            var uri = request.RequestUri!;
            var pairs = uri.Query.TrimStart('?').Split('&').Reverse();
            request.RequestUri = new UriBuilder(uri) { Query = string.Join("&", pairs) }.Uri;
        });
        using var client = Client(o => o.HttpMessageHandler = proxy);

        var e = await FailsAsync(() => client.V3.Bill.Tradebill.GetAsync(new { bill_date = "2024-01-02", bill_type = "ALL" }));

        Assert.That(e.Message, Does.Contain("Why: WeChat Pay verified `GET /v3/bill/tradebill?bill_type=…&bill_date=…` but the client signed `GET /v3/bill/tradebill?bill_date=…&bill_type=…`"));
        var why = e.Message.Substring(e.Message.IndexOf("Why:", StringComparison.Ordinal));
        Assert.That(why, Does.Contain("rewrote the request target").And.Not.Contain("2024-01-02"), "the explanation names no query value");
    }

    [Test]
    public async Task A_body_re_encoded_on_its_way_is_named_by_the_lengths()
    {
        using var proxy = new Rewriting(request =>
        {
            var text = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            request.Content = new StringContent(Newtonsoft.Json.Linq.JToken.Parse(text).ToString(Newtonsoft.Json.Formatting.Indented), System.Text.Encoding.UTF8, "application/json");
        });
        using var client = Client(o => o.HttpMessageHandler = proxy);

        var e = await FailsAsync(() => client.V3.Papay.Sign.Contracts.PreEntrustSign.PostAsync(Seeds.PapaySign()));

        Assert.That(e.Message, Does.Match("Why: WeChat Pay verified a message of [0-9]+ bytes but the client signed [0-9]+: the body was changed on its way"));
    }

    [Test]
    public async Task A_method_changed_on_its_way_is_named()
    {
        // v3/apply4subject/applyment documents a GET and a POST: the rewritten request still finds an operation.
        using var proxy = new Rewriting(request => request.Method = HttpMethod.Post);
        using var client = Client(o => o.HttpMessageHandler = proxy);

        var e = await FailsAsync(() => client.V3.Apply4subject.Applyment.GetAsync(new { business_code = "1900013511_10000" }));

        Assert.That(e.Message, Does.Contain("Why: WeChat Pay verified a POST but the client signed a GET: something between this client and WeChat Pay changed the method"));
    }

    [Test]
    public async Task A_clock_far_off_is_named_with_the_distance()
    {
        var behind = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-10));
        using var client = Client(o => o.TimeProvider = behind);

        var e = await FailsAsync(() => client.V3.Pay.Transactions.OutTradeNo["ORDER-1"].GetAsync(new { mchid = "1230000109" }));

        Assert.That(e.Message, Does.Match(@"Why: the request was signed at .* but WeChat Pay's clock read .*: this machine's clock is (59[0-9]|60[0-9]) s behind"));
    }

    [Test]
    public async Task A_key_that_is_not_the_serials_is_named_when_everything_else_matches()
    {
        using var client = Client(o => o.MerchantPrivateKey = TestKeys.Path(scheme == SandboxScheme.Sm ? "sm2_platform_key.pem" : "platform2_key.pem"));

        var e = await FailsAsync(() => client.V3.Pay.Transactions.OutTradeNo["ORDER-2"].GetAsync(new { mchid = "1230000109" }));

        Assert.That(e.Message, Does.Contain($"Why: WeChat Pay verified the message the client signed, so the signature itself does not match").And.Contain(
            $"MerchantSerialNumber {sandbox.ClientOptions().MerchantSerialNumber}; check that MerchantPrivateKey is that certificate's private key"));
    }

    // Stands where a proxy would: changes the request after the client signed it, then sends it on.
    private sealed class Rewriting : DelegatingHandler
    {
        private readonly Action<HttpRequestMessage> _rewrite;

        public Rewriting(Action<HttpRequestMessage> rewrite)
            : base(new SocketsHttpHandler()) => _rewrite = rewrite;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _rewrite(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
