using WeChatPay.Chain.Shared;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Http;

namespace WeChatPay.Chain.Certificates;

/// <summary>
/// Turns a <c>GET v3/certificates</c> answer into platform certificates: each <c>encrypt_certificate</c> decrypted with the
/// APIv3 key (the scheme's AEAD: AEAD_AES_256_GCM or AEAD_SM4_GCM; its nonce and associated data), parsed as X.509, its serial checked against <c>serial_no</c>;
/// the answer verified with the key <c>Wechatpay-Serial</c> names among the known keys, or on first contact (the documented
/// bootstrap) with the certificate of that serial from the same answer. Expired certificates are left out.
/// </summary>
internal static class CertificateAnswer
{
    private const string Method = "GET";

    /// <summary>The request target of the download, for messages.</summary>
    public const string Target = "/v3/certificates";

    /// <summary>Reads a 2xx answer, just downloaded or read back from a store.</summary>
    /// <param name="target">The request target, for messages.</param>
    /// <param name="download">The answer.</param>
    /// <param name="apiV3Key">Decrypts the certificates.</param>
    /// <param name="scheme">The merchant's scheme: its AEAD, and the algorithm of the certificates it expects.</param>
    /// <param name="known">The keys held, or null.</param>
    /// <param name="clock">Tells which certificates have expired.</param>
    /// <param name="justDownloaded">Whether the signature's timestamp must be within ±300 s of now; for an answer read back from a store, of its download time.</param>
    /// <exception cref="WeChatPaySignatureException">The answer failed verification.</exception>
    /// <exception cref="WeChatPayException">The answer is not a certificate list, a certificate does not decrypt or is not the one <c>serial_no</c> names, or every one has expired.</exception>
    public static IReadOnlyList<DownloadedCertificate> Read(string target, WeChatPayCertificateDownload download,
        string apiV3Key, Scheme scheme, PlatformKeyStore? known, TimeProvider clock, bool justDownloaded = true)
    {
        var text = download.Body;
        var body = System.Text.Encoding.UTF8.GetBytes(text);
        var headers = download.Headers;
        WeChatPayException Fail(string what, Exception? inner = null) =>
            new WeChatPayException($"{Method} {target}: {what}", Method, target, 200, text, headers, inner);

        if (!(WeChatPayJson.TryParse(text) is JObject json) || !(json["data"] is JArray data))
            throw Fail("the answer is not a certificate list (no data array).");

        var read = new List<(WeChatPayPlatformCertificate Certificate, VerifyingKey Key, string ListedSerial)>(data.Count);
        for (var i = 0; i < data.Count; i++)
        {
            var at = $"data[{i}]";
            if (!(data[i] is JObject entry) || !(entry["encrypt_certificate"] is JObject sealedCertificate))
                throw Fail($"{at} has no encrypt_certificate object.");
            var serial = Text(entry, "serial_no", at, Fail);
            var effective = Time(entry, "effective_time", at, Fail);
            var expire = Time(entry, "expire_time", at, Fail);
            var algorithm = Text(sealedCertificate, "algorithm", at + ".encrypt_certificate", Fail);
            if (algorithm != scheme.AeadAlgorithm)
                throw Fail($"{at}.encrypt_certificate uses {algorithm}; a {scheme.Name} merchant's certificates come with {scheme.AeadAlgorithm}.");
            string pem;
            try
            {
                pem = scheme.Open(apiV3Key, Text(sealedCertificate, "nonce", at + ".encrypt_certificate", Fail),
                    OptionalText(sealedCertificate, "associated_data", at + ".encrypt_certificate", Fail),
                    Text(sealedCertificate, "ciphertext", at + ".encrypt_certificate", Fail));
            }
            catch (CryptographicException e)
            {
                throw Fail($"the certificate {serial} ({at}) does not decrypt with the APIv3 key: the key is wrong (check WeChatPayOptions.ApiV3Key), or the ciphertext, nonce or associated_data was altered ({e.Message}).", e);
            }
            VerifyingKey key;
            try
            {
                key = Keys.LoadVerifyingKey(pem, $"the certificate {serial}");
            }
            catch (ArgumentException e)
            {
                throw Fail($"the certificate {serial} ({at}) decrypted but is not a platform certificate: {e.Message}", e);
            }
            if (key.Scheme != scheme)
                throw Fail($"the certificate {serial} ({at}) is a {key.Scheme.Name} certificate, but this merchant signs with {scheme.Name}: do not use it.");
            read.Add((new WeChatPayPlatformCertificate(serial, effective, expire, pem), key, serial));
        }

        Verify(target, headers, body, text, known, read, scheme, justDownloaded ? clock : new FixedClock(download.DownloadedAt));

        foreach (var (certificate, key, listed) in read)
        {
            if (key.CertificateSerial is null || !PlatformKeyStore.SameSerial(key.CertificateSerial, listed))
                throw Fail($"serial_no {listed} is not the serial of the certificate it carries ({key.CertificateSerial ?? "none"}): do not trust this list.");
        }

        var now = clock.GetUtcNow();
        var current = new List<DownloadedCertificate>(read.Count);
        foreach (var (certificate, key, _) in read)
            if (certificate.ExpireTime > now) current.Add(new DownloadedCertificate(certificate, key));
        if (read.Count > 0 && current.Count == 0)
            throw Fail($"every listed certificate has expired (the latest on {read[read.Count - 1].Certificate.ExpireTime:yyyy-MM-dd}); check this machine's clock.");
        return current;
    }

    // The known key Wechatpay-Serial names, or on first contact the listed certificate of that serial (the bootstrap).
    private static void Verify(string target, IReadOnlyDictionary<string, string> headers, byte[] body, string text, PlatformKeyStore? known,
        List<(WeChatPayPlatformCertificate Certificate, VerifyingKey Key, string ListedSerial)> read, Scheme scheme, TimeProvider clock)
    {
        headers.TryGetValue("Wechatpay-Serial", out var serial);
        PlatformKeyStore? keys = null;
        if (serial is not null && known is not null && known.TryGet(serial, out _))
        {
            keys = known;
        }
        else if (serial is not null)
        {
            foreach (var (_, key, listed) in read)
            {
                if (key.CertificateSerial is not null && PlatformKeyStore.SameSerial(key.CertificateSerial, serial) && PlatformKeyStore.SameSerial(listed, serial))
                    keys = PlatformKeyStore.Of(new Dictionary<string, VerifyingKey> { [serial] = key });
            }
        }
        keys ??= known;
        if (keys is null)
            throw new WeChatPaySignatureException(SignatureCheck.UnknownSerial,
                $"Wechatpay-Serial {serial ?? "(missing)"} names neither a known platform key nor a certificate of this answer", Method, target, 200, text, headers);
        if (!new ResponseVerifier(clock, scheme).TryVerify(keys, headers, body, out var check, out var reason))
            throw new WeChatPaySignatureException(check, reason, Method, target, 200, text, headers);
    }

    // The clock of the moment an answer read back from a store was downloaded: its signature was fresh then.
    private sealed class FixedClock : TimeProvider
    {
        private readonly DateTimeOffset _at;

        public FixedClock(DateTimeOffset at) => _at = at;

        public override DateTimeOffset GetUtcNow() => _at;
    }


    private static string Text(JObject json, string name, string at, Func<string, Exception?, WeChatPayException> fail) =>
        OptionalText(json, name, at, fail) is { Length: > 0 } value ? value : throw fail($"{at}.{name} is missing or empty.", null);

    private static string OptionalText(JObject json, string name, string at, Func<string, Exception?, WeChatPayException> fail)
    {
        var token = json[name];
        if (token is null || token.Type == JTokenType.Null) return string.Empty;
        return token.Type == JTokenType.String ? (string)token! : throw fail($"{at}.{name} is {token.Type.ToString().ToLowerInvariant()}, not a string.", null);
    }

    private static DateTimeOffset Time(JObject json, string name, string at, Func<string, Exception?, WeChatPayException> fail) =>
        DateTimeOffset.TryParse(Text(json, name, at, fail), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw fail($"{at}.{name} is not an RFC 3339 time.", null);
}
