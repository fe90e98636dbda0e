using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Flurl.Http;
using Flurl.Http.Testing;
using NUnit.Framework;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Fuzz;

/// <summary>
/// Seeded, bounded fuzzing of every public entry point that takes text for the wire: whatever the input, the call either
/// leaves with exactly the value given, or is refused with a documented exception; nothing hangs.
/// </summary>
public class InputFuzzTests
{
#if LIBRARY_NETSTANDARD
    // Against the netstandard2.0 asset a sample of the same inputs (the same source, signed by BouncyCastle, slower): the
    // full run is the net8.0+ one.
    private const int Rounds = 400;
#else
    private const int Rounds = 1500;
#endif
    private static readonly TimeSpan PerCall = TimeSpan.FromSeconds(20);

    // Pieces an attacker would try: line breaks, NUL, separators, escapes, dot segments, templates, non-ASCII, lone surrogates.
    private static readonly string[] Pieces =
    {
        "a", "Z", "0", "-", "_", "~", ".", "..", "/", "\\", "%", "%2E", "%2F", "%41", "%zz", "?", "#", "&", "=", "+", " ", "\t",
        "\r", "\n", "\r\n", "\0", "\u0001", "\u007F", "{", "}", "{x}", "\"", "'", ",", ";", ":", "@", "中文", "😀", "é",
        "\uD800", "\uDC00", "\uFFFD", "\u200B", "PUB_KEY_ID_01", "-----BEGIN", "Authorization", "Host", "Wechatpay-Serial",
    };

    private static string Text(Random random, int maxPieces = 6)
    {
        var text = new StringBuilder();
        var count = random.Next(0, maxPieces + 1);
        for (var i = 0; i < count; i++) text.Append(Pieces[random.Next(Pieces.Length)]);
        return text.ToString();
    }

    private static bool Documented(Exception e) => e is ArgumentException || e is WeChatPayException;

    private static Exception? Run(Action action)
    {
        Exception? caught = null;
        var task = Task.Run(() =>
        {
            try { action(); }
            catch (Exception e) { caught = e; }
        });
        if (!task.Wait(PerCall)) throw new AssertionException("the call did not finish within " + PerCall);
        return caught;
    }

    private static string RequestHeader(FlurlCall call, string name) =>
        call.HttpRequestMessage.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "(missing)";

    [Test]
    public void Any_input_is_sent_exactly_or_refused_with_a_documented_exception()
    {
        var random = new Random(20261201);
        var problems = new List<string>();
        var accepted = 0;
        using var client = TestClient.Create();
        for (var round = 0; round < Rounds && problems.Count < 10; round++)
        {
            using var http = new HttpTest();
            http.RespondWithSigned();
            var value = Text(random);
            var kind = random.Next(7);
            string? expectation = null;
            var error = Run(() =>
            {
                switch (kind)
                {
                    case 0: // indexer value
                        client.Chain("v3/pay/transactions/id")[value].Get();
                        expectation = Decoded(http.CallLog[0].HttpRequestMessage.RequestUri!.AbsolutePath.Split('/').Last()) == value ? null : "path value changed";
                        break;
                    case 1: // template value
                        client.Chain("v3/pay/transactions/id/{transaction_id}").Get(null, new WeChatPayRequestOptions { PathValues = new { transaction_id = value } });
                        expectation = Decoded(http.CallLog[0].HttpRequestMessage.RequestUri!.AbsolutePath.Split('/').Last()) == value ? null : "template value changed";
                        break;
                    case 2: // query name and value
                        client.Chain("v3/certificates").Get(new Dictionary<string, string> { [value] = value });
                        var query = http.CallLog[0].HttpRequestMessage.RequestUri!.Query.TrimStart('?').Split('=');
                        expectation = query.Length == 2 && Decoded(query[0]) == value && Decoded(query[1]) == value ? null : "query changed";
                        break;
                    case 3: // header name
                        client.Chain("v3/certificates").Get(null, new WeChatPayRequestOptions { Headers = new Dictionary<string, string> { [value] = "v" } });
                        expectation = RequestHeader(http.CallLog[0], value) == "v" ? null : "header name changed";
                        break;
                    case 4: // header value
                        client.Chain("v3/certificates").Get(null, new WeChatPayRequestOptions { Headers = new Dictionary<string, string> { ["X-Fuzz"] = value } });
                        expectation = RequestHeader(http.CallLog[0], "X-Fuzz") == value ? null : "header value changed";
                        break;
                    case 5: // a written path
                        var node = client.Chain("v3/" + value);
                        node.Get(null, new WeChatPayRequestOptions { PathValues = node.Path.Contains("{x}") ? new { x = "1" } : null });
                        var sent = http.CallLog[0].HttpRequestMessage.RequestUri!.PathAndQuery;
                        expectation = node.Path.Contains('{') || sent == "/" + node.Path ? null : $"node.Path {node.Path} but sent {sent}";
                        break;
                    default: // caller serial
                        client.Chain("v3/certificates").Get(null, new WeChatPayRequestOptions { Headers = new { Wechatpay_Serial = value } });
                        expectation = RequestHeader(http.CallLog[0], "Wechatpay-Serial") == value ? null : "serial changed";
                        break;
                }
            });
            if (error is null && expectation is null) accepted++;
            if (error is null && expectation is not null)
                problems.Add($"round {round} kind {kind} value {Escape(value)}: {expectation}");
            else if (error is not null && !Documented(error))
                problems.Add($"round {round} kind {kind} value {Escape(value)}: undocumented {error.GetType().Name}: {error.Message}");
            else if (error is not null && http.CallLog.Count > 0 && error is ArgumentException)
                problems.Add($"round {round} kind {kind} value {Escape(value)}: refused after a request left");
        }
        Assert.That(problems, Is.Empty);
        Assert.That(accepted, Is.GreaterThan(Rounds / 10), "the generator also makes values that are sent");
    }

    [Test]
    public void Any_key_input_is_loaded_or_refused_with_an_argument_exception()
    {
        var random = new Random(1201);
        var problems = new List<string>();
        for (var round = 0; round < 120; round++)
        {
            var options = TestClient.Options();
            var value = Text(random, 10);
            switch (round % 4)
            {
                case 0: options.MerchantPrivateKey = value; break;
                case 1: options.PlatformKeys[value] = TestData.PlatformPublicKeyPath; break;
                case 2: options.PlatformKeys[TestData.PublicKeyId] = value; break;
                default: options.MerchantPrivateKey = "-----BEGIN PRIVATE KEY-----\n" + value + "\n-----END PRIVATE KEY-----"; break;
            }
            var error = Run(() => new WeChatPayClient(options).Dispose());
            if (error is not null && !(error is ArgumentException))
                problems.Add($"round {round} value {Escape(value)}: {error.GetType().Name}: {error.Message}");
            // A value that may be a file path is named as one (by design); PEM content is never echoed.
            if (round % 4 == 3 && error is not null && (error.Message.Contains("BEGIN PRIVATE KEY") || (value.Length > 8 && error.Message.Contains(value))))
                problems.Add($"round {round}: the message echoes the key input");
        }
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Any_callback_is_read_or_refused_with_a_documented_exception()
    {
        var random = new Random(300);
        var options = TestClient.Options();
        options.ApiV3Key = TestData.ApiV3Key;
        using var client = new WeChatPayClient(options);
        var problems = new List<string>();
        for (var round = 0; round < 300; round++)
        {
            var body = random.Next(3) == 0 ? Text(random) : "{\"resource\":{\"ciphertext\":" + Json(random) + ",\"nonce\":" + Json(random) + "},\"event_type\":" + Json(random) + "}";
            var signed = random.Next(2) == 0;
            object signedHeaders = signed ? TestClient.SignedHeaders(body) : null!;
            var headers = signed
                ? signedHeaders.GetType().GetProperties().ToDictionary(p => p.Name.Replace('_', '-'), p => (string)p.GetValue(signedHeaders)!)
                : new Dictionary<string, string> { ["Wechatpay-Timestamp"] = Text(random), ["Wechatpay-Nonce"] = Text(random), ["Wechatpay-Signature"] = Text(random), ["Wechatpay-Serial"] = Text(random) };
            var error = Run(() => client.ReadNotification(headers, body));
            if (error is not null && !Documented(error))
                problems.Add($"round {round} body {Escape(body)}: {error.GetType().Name}: {error.Message}");
        }
        Assert.That(problems, Is.Empty);
    }

    private static string Json(Random random) => random.Next(5) switch
    {
        0 => "{\"a\":1}",
        1 => "[1,2]",
        2 => "12",
        3 => "null",
        _ => Newtonsoft.Json.JsonConvert.ToString(Text(random)),
    };

    private static string Decoded(string escaped) => Uri.UnescapeDataString(escaped);

    private static string Escape(string value) => string.Concat(value.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
