using System;
using System.Collections.Generic;
using System.Linq;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Diagnostics;

/// <summary>
/// The doctor's offline checks of <see cref="WeChatPayOptions"/>, item by item, so that every mistake is named at once
/// (the client's constructor stops at the first): the merchant and its key, the merchant certificate, the platform keys
/// and their expiry, the APIv3 and APIv2 keys. Each reports what it found, never the key material.
/// </summary>
internal sealed partial class ConfigurationChecks
{
    /// <summary>How long before its expiry a certificate is reported.</summary>
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);

    private readonly WeChatPayOptions _options;
    private readonly DateTimeOffset _now;
    private readonly List<WeChatPayCheck> _checks = new();
    private SigningKey? _merchantKey;
    private string? _serial;

    public ConfigurationChecks(WeChatPayOptions options)
    {
        _options = options;
        _now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
    }

    /// <summary>Runs every offline check, in order.</summary>
    public IReadOnlyList<WeChatPayCheck> Run()
    {
        Merchant();
        MerchantKey();
        MerchantCertificate();
        PlatformKeys();
        ApiV3Key();
        ApiV2Key();
        return _checks;
    }

    private void Add(string name, WeChatPayCheckOutcome outcome, string finding, string? fix = null) => _checks.Add(new WeChatPayCheck(name, outcome, finding, fix));

    private void Merchant()
    {
        try
        {
            var id = OptionsCheck.HeaderToken(_options.MerchantId, nameof(WeChatPayOptions.MerchantId), "the merchant id (mchid), e.g. 1900000001");
            _serial = OptionsCheck.HeaderToken(_options.MerchantSerialNumber, nameof(WeChatPayOptions.MerchantSerialNumber), "the serial number of the merchant API certificate");
            if (!id.All(char.IsDigit))
                Add("merchant", WeChatPayCheckOutcome.Warning, $"MerchantId {id} is not all digits, as every mchid is.", "give the merchant id (mchid) of the merchant platform.");
            else if (!_serial.All(Uri.IsHexDigit))
                Add("merchant", WeChatPayCheckOutcome.Warning, $"MerchantSerialNumber {_serial} is not hexadecimal, as a certificate serial is.",
                    "give the serial of the merchant API certificate (merchant platform: Account Center > API Security, or `openssl x509 -noout -serial -in apiclient_cert.pem`).");
            else
                Add("merchant", WeChatPayCheckOutcome.Passed, $"merchant {id}, merchant API certificate serial {_serial}.");
        }
        catch (ArgumentException e)
        {
            Add("merchant", WeChatPayCheckOutcome.Failed, OptionMistake.Finding(e), "set MerchantId and MerchantSerialNumber as the merchant platform shows them.");
        }
    }

    private void MerchantKey()
    {
        try
        {
            var key = Keys.LoadSigningKey(_options.MerchantPrivateKey, _options.MerchantPrivateKeyPassphrase, nameof(WeChatPayOptions.MerchantPrivateKey));
            OptionsCheck.Scheme(_options.Scheme, key);
            _merchantKey = key;
            var what = key is RsaPrivateKey rsa ? $"an RSA-{rsa.KeySizeInBits} private key" : "an SM2 (国密) private key";
            Add("merchant-key", WeChatPayCheckOutcome.Passed, $"MerchantPrivateKey is {what}: requests are signed {key.Scheme.Name}.");
        }
        catch (ArgumentException e)
        {
            Add("merchant-key", WeChatPayCheckOutcome.Failed, OptionMistake.Finding(e),
                "give apiclient_key.pem as the merchant platform's certificate tool wrote it: the whole PEM text, from the -----BEGIN line to the -----END line, or the file's path.");
        }
    }

    private void MerchantCertificate()
    {
        const string Name = "merchant-certificate";
        if (_options.MerchantCertificate is null)
        {
            Add(Name, WeChatPayCheckOutcome.Skipped, "MerchantCertificate is not configured (only APIv2's certificate operations need it); the key's serial is checked online by WeChat Pay accepting the signature.");
            return;
        }
        if (_merchantKey is null)
        {
            Add(Name, WeChatPayCheckOutcome.Skipped, "the merchant key could not be loaded, so the certificate cannot be checked against it.");
            return;
        }
        try
        {
            using var certificate = Crypto.MerchantCertificate.Load(_options.MerchantCertificate, _options.MerchantCertificatePassword, _options.MerchantId, _merchantKey, _now);
            var serial = certificate.SerialNumber;
            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            if (_serial is not null && !PlatformKeyStore.SameSerial(serial, _serial))
                Add(Name, WeChatPayCheckOutcome.Failed, $"MerchantCertificate has the serial {serial}, but MerchantSerialNumber is {_serial}: the key and the serial do not belong together.",
                    $"set MerchantSerialNumber to {serial} if MerchantPrivateKey is that certificate's key, or give the certificate of serial {_serial}.");
            else if (notAfter - _now < ExpiryWarning)
                Add(Name, WeChatPayCheckOutcome.Warning, $"MerchantCertificate (serial {serial}) expires on {notAfter:yyyy-MM-dd}.",
                    "apply for a new merchant API certificate in the merchant platform (Account Center > API Security) and configure it, its key and its serial.");
            else
                Add(Name, WeChatPayCheckOutcome.Passed, $"MerchantCertificate (serial {serial}) holds MerchantPrivateKey's public key and is valid until {notAfter:yyyy-MM-dd}.");
        }
        catch (ArgumentException e)
        {
            Add(Name, WeChatPayCheckOutcome.Failed, OptionMistake.Finding(e), "give the merchant's apiclient_cert.p12 (or apiclient_cert.pem) of the same certificate as apiclient_key.pem.");
        }
    }

    private void ApiV3Key()
    {
        try
        {
            if (OptionsCheck.ApiV3Key(_options.ApiV3Key) is null)
                Add("apiv3-key", WeChatPayCheckOutcome.Warning, "ApiV3Key is not configured: callbacks cannot be decrypted, nor platform certificates downloaded.",
                    "set ApiV3Key to the APIv3 key of the merchant platform (Account Center > API Security > APIv3 key).");
            else
                Add("apiv3-key", WeChatPayCheckOutcome.Passed, "ApiV3Key has 32 printable ASCII characters.");
        }
        catch (ArgumentException e)
        {
            Add("apiv3-key", WeChatPayCheckOutcome.Failed, OptionMistake.Finding(e), "copy the APIv3 key again from the merchant platform (Account Center > API Security > APIv3 key), or set a new one there.");
        }
    }

    private void ApiV2Key()
    {
        try
        {
            if (OptionsCheck.ApiV2Key(_options.ApiV2Key) is null)
                Add("apiv2-key", WeChatPayCheckOutcome.Skipped, "ApiV2Key is not configured (only v2/… calls and APIv2 callbacks need it).");
            else
                Add("apiv2-key", WeChatPayCheckOutcome.Passed, "ApiV2Key has 32 printable ASCII characters.");
        }
        catch (ArgumentException e)
        {
            Add("apiv2-key", WeChatPayCheckOutcome.Failed, OptionMistake.Finding(e), "copy the APIv2 key again from the merchant platform (Account Center > API Security > APIv2 key).");
        }
    }
}
