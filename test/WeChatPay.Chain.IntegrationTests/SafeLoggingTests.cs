using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using WeChatPay.Chain.Shared;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Http;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>Everything the sandbox logs is safe to show: no personal data, no key material, no signatures, no ciphertexts.</summary>
public class SafeLoggingTests
{
    [Test]
    public async Task A_session_with_sensitive_fields_logs_names_and_statuses_but_no_secret()
    {
        var lines = new ConcurrentQueue<string>();
        var logger = new ListLogger();
        var secrets = new List<string> { Seeds.RealName, Seeds.IdCardNumber, Seeds.BankCardNumber, Seeds.Phone, TestKeys.ApiV3Key, "PRIVATE KEY" };
        foreach (var file in new[] { "merchant_key.pem", "platform_key.pem" })
            secrets.AddRange(TestKeys.Text(file).Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal)));

        await using (var sandbox = await WeChatPaySandbox.StartAsync(new SandboxOptions
        {
            MerchantPrivateKey = TestKeys.Path("merchant_key.pem"),
            MerchantSerialNumber = TestKeys.MerchantSerial,
            PlatformPrivateKey = TestKeys.Path("platform_key.pem"),
            ApiV3Key = TestKeys.ApiV3Key,
            Log = lines.Enqueue,
            Logger = logger,
        }))
        await using (var receiver = await CallbackReceiver.StartAsync())
        using (var client = new WeChatPayClient(sandbox.ClientOptions()))
        using (var raw = new RawRequests(sandbox.ClientOptions()))
        {
            // A seed call with every sensitive field encrypted, as the client will send it.
            var platform = RsaPublicKey.Load(sandbox.ClientOptions().PlatformKeys[sandbox.PlatformKeyId], "platform");
            var ciphertexts = new[] { Seeds.RealName, "IDENTITY_CARD", Seeds.IdCardNumber, Seeds.BankCardNumber, Seeds.Phone }.Select(platform.Encrypt).ToArray();
            secrets.AddRange(ciphertexts);
            var encrypted = Seeds.Presign(
                new { real_name = ciphertexts[0], credential_type = ciphertexts[1], id_card_number = ciphertexts[2] },
                new { bank_card_no = ciphertexts[3], valid_thru = "08/21", phone = ciphertexts[4], bank_type = "CMC" });
            var ok = await client.Chain(Seeds.PresignPath).PostAsync(encrypted,
                new WeChatPayRequestOptions { AutoEncryption = false, Headers = new { Wechatpay_Serial = sandbox.PlatformKeyId } });
            secrets.Add(ok.Headers["Wechatpay-Signature"]);

            // The same call in plaintext: rejected, and the plaintext must not be logged either.
            Assert.ThrowsAsync<WeChatPayException>(() =>
                client.Chain(Seeds.PresignPath).PostAsync(Seeds.Presign(), new WeChatPayRequestOptions { AutoEncryption = false }));

            // A raw call whose Authorization signature is known, one with a bad signature, and a faulted answer.
            var authorization = raw.Signer().Authorize("GET", "/v3/pay/transactions/id/4200000001?mchid=1900000001", string.Empty);
            secrets.Add(authorization.Substring(authorization.IndexOf("signature=\"", StringComparison.Ordinal) + 11).TrimEnd('"'));
            await raw.SendAsync("GET", "/v3/pay/transactions/id/4200000001?mchid=1900000001", string.Empty, authorization);
            var forged = authorization.Replace("signature=\"", "signature=\"AAAA");
            await raw.SendAsync("GET", "/v3/pay/transactions/id/4200000001?mchid=1900000001", string.Empty, forged);
            sandbox.Faults.Next = SandboxFault.WrongSignature;
            Assert.ThrowsAsync<WeChatPaySignatureException>(() => client.Chain(Seeds.PapaySignPath).PostAsync(Seeds.PapaySign()));

            // A callback whose resource holds the personal data.
            await sandbox.SendCallbackAsync(receiver.Url, "PAPAY.SIGN", new { openid = "oUpF8uMuAJOM2pxb1Q", real_name = Seeds.RealName, phone = Seeds.Phone });
            var callback = (JObject)WeChatPayJson.Parse(Encoding.UTF8.GetString(receiver.Received.Single().Body));
            secrets.Add((string)callback["resource"]!["ciphertext"]!);
            secrets.Add(receiver.Received.Single().Headers["Wechatpay-Signature"]);
        }

        var log = string.Join("\n", lines);
        Assert.That(lines, Has.Count.GreaterThanOrEqualTo(8), log);
        Assert.That(logger.Lines, Is.EqualTo(lines.ToArray()), "the ILogger gets the same lines");
        Assert.That(log, Does.Contain("identity.real_name").And.Contain("bank_card.phone"), "field names are logged");
        Assert.That(log, Does.Contain("PARAM_ERROR").And.Contain("SIGN_ERROR").And.Contain("WrongSignature").And.Contain("callback PAPAY.SIGN"));
        Assert.Multiple(() =>
        {
            foreach (var secret in secrets)
                Assert.That(log, Does.Not.Contain(secret), $"the log holds a secret starting '{secret.Substring(0, Math.Min(6, secret.Length))}'");
        });
    }

    private sealed class ListLogger : ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));
    }
}
