using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using WeChatPay.Chain.Paths;

namespace WeChatPay.Chain.Diagnostics;

/// <summary>
/// The doctor's online checks, against the configured base URL through the client's own pipeline: the APIv3 key on
/// something WeChat Pay encrypted (the certificate list, when there is one), one cheap signed GET (signature accepted,
/// answer verified, which key signed it, the clock's distance), the APIv2 key and client certificate, the backup domain.
/// </summary>
internal sealed partial class ConnectionChecks
{
    /// <summary>The cheap signed GET: the complaint list of today, one at most, which WeChat Pay answers every merchant.</summary>
    public const string ProbePath = "v3/merchant-service/complaints-v2";

    /// <summary>The clock's distance from WeChat Pay's above which the doctor warns; WeChat Pay refuses more than 300 s.</summary>
    public const int ClockWarningSeconds = 60;

    private readonly WeChatPayClient _client;
    private readonly ClientSetup _setup;
    private readonly List<WeChatPayCheck> _checks = new();
    private bool _noCertificates;

    public ConnectionChecks(WeChatPayClient client)
    {
        _client = client;
        _setup = client.Setup;
    }

    /// <summary>Runs every online check, in order.</summary>
    public async Task<IReadOnlyList<WeChatPayCheck>> RunAsync(CancellationToken cancellationToken)
    {
        await ApiV3KeyAsync(cancellationToken).ConfigureAwait(false);
        var probe = await ProbeAsync(null, cancellationToken).ConfigureAwait(false);
        Signing(probe);
        AnswerSignature(probe);
        KeyMode(probe);
        Clock(probe);
        await ApiV2Async(cancellationToken).ConfigureAwait(false);
        await BackupAsync(cancellationToken).ConfigureAwait(false);
        return _checks;
    }

    private void Add(string name, WeChatPayCheckOutcome outcome, string finding, string? fix = null) => _checks.Add(new WeChatPayCheck(name, outcome, finding, fix));

    // One answer of the probe: what came back, or how it failed.
    private sealed class Probe(string target, int? status, IReadOnlyDictionary<string, string> headers, WeChatPayException? error, DateTimeOffset receivedAt)
    {
        public string Target { get; } = target;

        public int? Status { get; } = status;

        public IReadOnlyDictionary<string, string> Headers { get; } = headers;

        public WeChatPayException? Error { get; } = error;

        public DateTimeOffset ReceivedAt { get; } = receivedAt;

        // The failure came from the first-use certificate download, not from the probe itself.
        public bool FromCertificates => Error?.PathAndQuery.IndexOf("v3/certificates", StringComparison.Ordinal) >= 0;
    }

    private async Task<Probe> ProbeAsync(string? origin, CancellationToken cancellationToken)
    {
        var day = _setup.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var query = new Dictionary<string, object?> { ["limit"] = 1, ["offset"] = 0, ["begin_date"] = day, ["end_date"] = day };
        // Nothing of the answer is decrypted: the doctor needs its headers, not the payer's phone numbers.
        var request = new WeChatPayRequestOptions { AutoEncryption = false };
        var target = "GET " + ProbePath;
        try
        {
            WeChatPayResponse answer;
            if (origin is null)
            {
                answer = await _client.Chain(ProbePath).GetAsync(query, request, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var call = _setup.Pipeline.Build(HttpMethod.Get, PathTemplate.Root.AppendPath(ProbePath), query, request, validate: false);
                call.Origin = origin;
                answer = await _setup.Pipeline.SendAsync(call, request, cancellationToken).ConfigureAwait(false);
            }
            return new Probe(target, answer.StatusCode, answer.Headers, null, _setup.Clock.GetUtcNow());
        }
        catch (WeChatPayException e)
        {
            return new Probe(target, e.StatusCode, e.ResponseHeaders, e, _setup.Clock.GetUtcNow());
        }
    }

    private async Task ApiV3KeyAsync(CancellationToken cancellationToken)
    {
        const string Name = "apiv3-key-decrypts";
        if (_setup.ApiV3Key is null)
        {
            Add(Name, WeChatPayCheckOutcome.Skipped, "no APIv3 key is configured.");
            return;
        }
        if (_setup.PublicKeysOnly)
        {
            Add(Name, WeChatPayCheckOutcome.Skipped, "PublicKeysOnly is on, so no certificate list is downloaded to decrypt; the APIv3 key decrypts callbacks, and the first one tells.");
            return;
        }
        try
        {
            var certificates = await _client.DownloadCertificatesAsync(cancellationToken).ConfigureAwait(false);
            Add(Name, WeChatPayCheckOutcome.Passed,
                $"the APIv3 key decrypted the platform certificates WeChat Pay listed ({string.Join(", ", certificates.Select(c => c.SerialNumber))}).");
        }
        catch (WeChatPaySignatureException e)
        {
            Add(Name, WeChatPayCheckOutcome.Skipped, $"the certificate list could not be verified, so it was not decrypted ({e.Reason}).");
        }
        catch (WeChatPayException e) when (e.InnerException is CryptographicException)
        {
            Add(Name, WeChatPayCheckOutcome.Failed,
                "the APIv3 key does not decrypt the platform certificates WeChat Pay encrypted with this merchant's APIv3 key (\"mac check in GCM failed\"): ApiV3Key is not this merchant's APIv3 key.",
                "copy the APIv3 key again from the merchant platform (Account Center > API Security > APIv3 key), or set a new one there and here; callbacks fail to decrypt the same way until then.");
        }
        catch (WeChatPayException e) when (e.StatusCode == 404)
        {
            _noCertificates = true;
            Add(Name, WeChatPayCheckOutcome.Skipped,
                $"WeChat Pay lists no platform certificate for this merchant (GET v3/certificates answered 404 {e.Code}), so nothing encrypted with the APIv3 key can be fetched; the first callback tells.");
        }
        catch (WeChatPayException e)
        {
            Add(Name, WeChatPayCheckOutcome.Skipped, $"the platform certificates could not be downloaded: {FirstSentence(e.Message)}");
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message.Substring(0, end + 1);
    }
}
