using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Diagnostics;

/// <content>The other ways to WeChat Pay: APIv2 with its key and client certificate, and the backup domain.</content>
internal sealed partial class ConnectionChecks
{
    private async Task ApiV2Async(CancellationToken cancellationToken)
    {
        const string Name = "apiv2";
        if (_setup.ApiV2Key is null)
        {
            Add(Name, WeChatPayCheckOutcome.Skipped, "no APIv2 key is configured.");
            return;
        }
        if (_setup.MerchantCertificate is null)
        {
            Add(Name, WeChatPayCheckOutcome.Skipped,
                "the APIv2 key is checked online with v2/risk/getpublickey, which needs the merchant certificate: configure MerchantCertificate to have it checked.");
            return;
        }
        try
        {
            await _client.Chain("v2/risk/getpublickey").PostAsync(new Dictionary<string, string> { ["mch_id"] = _setup.MerchantId, ["sign_type"] = "MD5" },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            Add(Name, WeChatPayCheckOutcome.Passed, "WeChat Pay accepted the APIv2 signature and the merchant certificate (v2/risk/getpublickey).");
        }
        // WeChat Pay refuses a v2 signature with return_code FAIL and return_msg 签名错误 (or err_code SIGNERROR).
        catch (WeChatPayException e) when (e.Code is "SIGNERROR" or "SIGN_ERROR" || e.Message.IndexOf("签名错误", System.StringComparison.Ordinal) >= 0)
        {
            Add(Name, WeChatPayCheckOutcome.Failed, "WeChat Pay refused the APIv2 signature (SIGNERROR): ApiV2Key is not this merchant's APIv2 key.",
                "copy the APIv2 key again from the merchant platform (Account Center > API Security > APIv2 key), or set a new one there and here.");
        }
        catch (WeChatPayException e)
        {
            Add(Name, WeChatPayCheckOutcome.Failed, $"v2/risk/getpublickey failed: {FirstSentence(e.Message)}",
                "check MerchantCertificate (the merchant's apiclient_cert) and ApiV2Key against the merchant platform.");
        }
    }

    private async Task BackupAsync(CancellationToken cancellationToken)
    {
        const string Name = "backup-domain";
        if (_setup.BackupOrigin is not { } origin)
        {
            Add(Name, WeChatPayCheckOutcome.Skipped, "no backup domain is configured (Failover is off, or BaseUrl is not the default and BackupBaseUrl is not set).");
            return;
        }
        var probe = await ProbeAsync(origin, cancellationToken).ConfigureAwait(false);
        if (probe.Status is null)
            Add(Name, WeChatPayCheckOutcome.Failed, $"the backup domain {origin} could not be reached: {FirstSentence(probe.Error!.Message)}",
                $"allow this machine to reach {origin} (firewall, proxy), as WeChat Pay's disaster-recovery guidance asks, or set BackupBaseUrl.");
        else
            Add(Name, WeChatPayCheckOutcome.Passed, $"the backup domain {origin} answered {probe.Status}.");
    }
}
