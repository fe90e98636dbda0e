using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// Answers and callbacks of the other scheme reach a client: an RSA sandbox's genuine answer relayed to a 国密 merchant's
/// client and the reverse, and a <c>Wechatpay-Signature-Type</c> naming the other scheme on an otherwise genuine answer or
/// callback. Each is a <see cref="WeChatPaySignatureException"/> on receipt that names both schemes and no key material.
/// </summary>
public class SchemeMismatchTests
{
    private const string Rsa = "WECHATPAY2-SHA256-RSA2048";
    private const string Sm = "WECHATPAY2-SM2-WITH-SM3";

    private WeChatPaySandbox _rsa = null!;
    private WeChatPaySandbox _sm = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _rsa = await WeChatPaySandbox.StartAsync(new SandboxOptions { Mode = KeyMode.Certificate });
        _sm = await WeChatPaySandbox.StartAsync(new SandboxOptions { Mode = KeyMode.Certificate, Scheme = SandboxScheme.Sm });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _rsa.DisposeAsync();
        await _sm.DisposeAsync();
    }

    private static Task<WeChatPayResponse> Query(WeChatPayClient client) =>
        (Task<WeChatPayResponse>)client.V3.Pay.Transactions.Id["4200000001"].GetAsync(new { mchid = SandboxOptions.DefaultMerchantId });

    // A genuine 200 answer of the sandbox, as raw HTTP bytes a loopback server can hand to another client; changed as told.
    private static async Task<byte[]> CapturedAnswer(WeChatPaySandbox sandbox, Action<Dictionary<string, string>>? change = null)
    {
        using var client = new WeChatPayClient(sandbox.ClientOptions());
        var res = await Query(client);
        var headers = res.Headers.Where(h => h.Key.StartsWith("Wechatpay-", StringComparison.Ordinal) || h.Key == "Request-ID")
            .ToDictionary(h => h.Key, h => h.Value);
        change?.Invoke(headers);
        var head = new StringBuilder($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {res.RawBody.Length}\r\nConnection: close\r\n");
        foreach (var header in headers) head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        return Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()).Concat(res.RawBody).ToArray();
    }

    // The client of `sandbox`'s merchant, pointed at a server that answers `answer` to every request.
    private static async Task<(WeChatPaySignatureException Error, int Requests, string[] Secrets)> Receive(WeChatPaySandbox sandbox, byte[] answer)
    {
        using var relay = LoopbackServer.Answering(answer);
        var options = sandbox.ClientOptions();
        options.BaseUrl = relay.BaseUrl;
        options.MaxRetries = 0;
        using var client = new WeChatPayClient(options);

        var error = Assert.ThrowsAsync<WeChatPaySignatureException>(() => Query(client))!;

        var secrets = new[] { options.ApiV3Key!, "PRIVATE KEY" }
            .Concat(options.MerchantPrivateKey.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal)))
            .ToArray();
        return (error, relay.Accepted, secrets);
    }

    private static void AssertNamesTheSchemes(WeChatPaySignatureException error, string[] secrets)
    {
        Assert.That(error.FailedCheck, Is.EqualTo(SignatureCheck.Signature), error.Message);
        Assert.That(error.Message, Does.Contain(Rsa).And.Contain(Sm).And.Contain("MerchantPrivateKey"));
        Assert.That(secrets.Where(s => error.Message.Contains(s, StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task An_RSA_sandboxs_answer_reaching_a_guomi_client_is_refused_naming_both_schemes_without_a_certificate_download()
    {
        var (error, requests, secrets) = await Receive(_sm, await CapturedAnswer(_rsa));

        AssertNamesTheSchemes(error, secrets);
        Assert.That(requests, Is.EqualTo(1), "an answer of the other scheme is no reason to download certificates");
    }

    [Test]
    public async Task A_guomi_sandboxs_answer_reaching_an_RSA_client_is_refused_naming_both_schemes()
    {
        var (error, requests, secrets) = await Receive(_rsa, await CapturedAnswer(_sm));

        AssertNamesTheSchemes(error, secrets);
        Assert.That(requests, Is.EqualTo(1));
    }

    [TestCase(SandboxScheme.Sm, Rsa)]
    [TestCase(SandboxScheme.Rsa, Sm)]
    public async Task A_genuine_answer_whose_signature_type_names_the_other_scheme_is_refused(SandboxScheme scheme, string named)
    {
        var sandbox = scheme == SandboxScheme.Sm ? _sm : _rsa;

        var (error, _, secrets) = await Receive(sandbox, await CapturedAnswer(sandbox, headers => headers["Wechatpay-Signature-Type"] = named));

        AssertNamesTheSchemes(error, secrets);
    }

    [TestCase(SandboxScheme.Sm, Rsa)]
    [TestCase(SandboxScheme.Rsa, Sm)]
    public async Task A_callback_whose_signature_type_names_the_other_scheme_is_not_WeChat_Pays_and_reaches_no_handler(SandboxScheme scheme, string named)
    {
        var sandbox = scheme == SandboxScheme.Sm ? _sm : _rsa;
        await using var receiver = await CallbackReceiver.StartAsync();
        await sandbox.SendCallbackAsync(receiver.Url, "TRANSACTION.SUCCESS", new { mchid = SandboxOptions.DefaultMerchantId, out_trade_no = "M-1" });
        Assert.That(receiver.Received.TryDequeue(out var callback), Is.True);
        callback.Headers["Wechatpay-Signature-Type"] = named;
        using var client = new WeChatPayClient(sandbox.ClientOptions());
        var handled = 0;

        var receipt = await client.ReceiveNotificationAsync(name => callback.Headers.TryGetValue(name, out var value) ? value : null, callback.Body,
            (_, _) => { handled++; return Task.CompletedTask; }, CancellationToken.None);

        Assert.That(receipt.Outcome, Is.EqualTo(WeChatPayNotificationOutcome.NotWeChatPay));
        Assert.That(handled, Is.Zero);
        var error = (WeChatPaySignatureException)receipt.Error!;
        AssertNamesTheSchemes(error, new[] { sandbox.ClientOptions().ApiV3Key!, "PRIVATE KEY" });
    }
}
