using System;
using System.Globalization;
using System.Linq;

namespace WeChatPay.Chain.Diagnostics;

/// <content>What the probe's answer tells: the signature accepted, the answer verified, which key signed it, the clock.</content>
internal sealed partial class ConnectionChecks
{
    private void Signing(Probe probe)
    {
        const string Name = "signing";
        var e = probe.Error;
        if (e is null)
        {
            Add(Name, WeChatPayCheckOutcome.Passed, $"WeChat Pay accepted the signature: {probe.Target} answered {probe.Status}.");
        }
        else if (e.StatusCode is null)
        {
            Add(Name, WeChatPayCheckOutcome.Failed, $"no answer from {_setup.BaseUrl}: {FirstSentence(e.Message)}",
                "check BaseUrl, and that this machine reaches it (DNS, firewall, proxy: WeChat Pay is https://api.mch.weixin.qq.com/).");
        }
        else if (e.StatusCode == 401)
        {
            // A SIGN_ERROR's message explains the cause (the key not the serial's, the clock, a rewritten request), as every call's does.
            Add(Name, WeChatPayCheckOutcome.Failed, e.Message,
                "the explanation above names the cause; most often MerchantPrivateKey is not the key of MerchantSerialNumber's certificate, or the clock is off.");
        }
        else
        {
            Add(Name, WeChatPayCheckOutcome.Passed,
                $"WeChat Pay accepted the signature: {(probe.FromCertificates ? "GET v3/certificates" : probe.Target)} answered {e.StatusCode}{(e.Code is null ? string.Empty : " " + e.Code)}, which is not about signing.");
        }
    }

    private void AnswerSignature(Probe probe)
    {
        const string Name = "answer-signature";
        var serial = Serial(probe);
        switch (probe.Error)
        {
            case null:
                Add(Name, WeChatPayCheckOutcome.Passed, $"the answer verified with {Kind(serial)} {serial}.");
                break;
            case WeChatPaySignatureException s:
                Add(Name, WeChatPayCheckOutcome.Failed, $"the answer did not verify ({s.FailedCheck}): {s.Reason}.", s.FailedCheck switch
                {
                    SignatureCheck.UnknownSerial => "configure the platform key the answer names (see key-mode).",
                    SignatureCheck.Timestamp => "synchronise this machine's clock (see clock).",
                    _ => "check that BaseUrl is WeChat Pay's and that nothing between rewrites its answers (a proxy, a gateway).",
                });
                break;
            case { } e when probe.FromCertificates:
                Add(Name, WeChatPayCheckOutcome.Skipped, $"no platform key to verify with: the first download of the certificates failed ({FirstSentence(e.Message)})");
                break;
            default:
                Add(Name, WeChatPayCheckOutcome.Skipped, "WeChat Pay answered with an error, which the client does not verify.");
                break;
        }
    }

    private void KeyMode(Probe probe)
    {
        const string Name = "key-mode";
        var configured = _setup.PlatformKeys.Current.ConfiguredIds;
        var hasPublicKey = configured.Any(MigrationCounters.IsPublicKey);
        var serial = Serial(probe);
        if ((_noCertificates || (probe.FromCertificates && probe.Status == 404)) && !hasPublicKey)
        {
            Add(Name, WeChatPayCheckOutcome.Failed,
                "this client is in certificate mode, but WeChat Pay has no platform certificate for this merchant (GET v3/certificates answered 404): the merchant is in public-key mode, " +
                "as every merchant since 2024 is, and answers are signed with the WeChat Pay public key.",
                "download the WeChat Pay public key and note its id (PUB_KEY_ID_…) in the merchant platform (Account Center > API Security), and add it to PlatformKeys under that id.");
            return;
        }
        if (serial is null)
        {
            Add(Name, WeChatPayCheckOutcome.Skipped, "no answer named the key that signed it.");
            return;
        }
        var held = _setup.PlatformKeys.Current.TryGet(serial, out _);
        if (held)
        {
            var mode = hasPublicKey && configured.Any(id => !MigrationCounters.IsPublicKey(id)) ? "migrating: both kinds configured"
                : hasPublicKey ? "public-key mode" : "certificate mode";
            Add(Name, WeChatPayCheckOutcome.Passed, $"WeChat Pay signs with {Kind(serial)} {serial}, which this client holds ({mode}).");
        }
        else if (MigrationCounters.IsPublicKey(serial))
        {
            Add(Name, WeChatPayCheckOutcome.Failed,
                $"WeChat Pay signs with its public key {serial}, which is not configured{(hasPublicKey ? string.Empty : ": the merchant moved to public-key mode, and this client is in certificate mode")}.",
                $"download the WeChat Pay public key {serial} in the merchant platform (Account Center > API Security) and add it to PlatformKeys under \"{serial}\" (docs/public-key-migration.md).");
        }
        else
        {
            Add(Name, WeChatPayCheckOutcome.Failed,
                $"WeChat Pay signs with the platform certificate {serial}, which this client does not hold{(_setup.PublicKeysOnly ? " (PublicKeysOnly is on)" : string.Empty)}.",
                _setup.PublicKeysOnly
                    ? "WeChat Pay has not finished the switch to the public key for this merchant: turn PublicKeysOnly off and configure the certificate until it has."
                    : "configure that certificate (`wxpay certificates download`), or set ApiV3Key with RefreshCertificates on so that the client downloads it.");
        }
    }

    private void Clock(Probe probe)
    {
        const string Name = "clock";
        long theirs;
        string source;
        if (probe.Headers.TryGetValue("Wechatpay-Timestamp", out var stamp) && long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out theirs))
            source = "Wechatpay-Timestamp";
        else if (probe.Headers.TryGetValue("Date", out var date) && DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            (theirs, source) = (parsed.ToUnixTimeSeconds(), "Date");
        else
        {
            Add(Name, WeChatPayCheckOutcome.Skipped, "no answer carried WeChat Pay's time (Wechatpay-Timestamp or Date).");
            return;
        }
        var distance = probe.ReceivedAt.ToUnixTimeSeconds() - theirs;
        var how = distance == 0 ? "within a second of" : $"{Math.Abs(distance)} s {(distance > 0 ? "ahead of" : "behind")}";
        var finding = $"this client's clock is {how} WeChat Pay's (its {source}).";
        const string Fix = "synchronise this machine's clock (NTP: `timedatectl set-ntp true`, `w32tm /resync`), or correct WeChatPayOptions.TimeProvider.";
        if (Math.Abs(distance) > Certificates.ResponseVerifier.MaxClockSkewSeconds)
            Add(Name, WeChatPayCheckOutcome.Failed, finding + $" WeChat Pay refuses requests more than {Certificates.ResponseVerifier.MaxClockSkewSeconds} s off, and the client refuses such answers.", Fix);
        else if (Math.Abs(distance) > ClockWarningSeconds)
            Add(Name, WeChatPayCheckOutcome.Warning, finding + $" Calls work up to {Certificates.ResponseVerifier.MaxClockSkewSeconds} s; a clock that drifts will get there.", Fix);
        else
            Add(Name, WeChatPayCheckOutcome.Passed, finding);
    }

    private static string? Serial(Probe probe) => probe.Headers.TryGetValue("Wechatpay-Serial", out var serial) && serial.Length > 0 ? serial : null;

    private static string Kind(string? serial) => serial is not null && MigrationCounters.IsPublicKey(serial) ? "the WeChat Pay public key" : "the platform certificate";
}
