using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using WeChatPay.Chain.Http;
using WeChatPay.Chain.Paths;

namespace WeChatPay.Chain.Files;

/// <summary>
/// The file an "apply" answer points at — one <c>download_url</c>, or the parts of an encrypted bill — fetched through the
/// call pipeline (each part signed like any call), checked, decrypted and merged. A feature on top of the pipeline, as
/// uploads are: the pipeline knows nothing of bills.
/// </summary>
internal sealed class AppliedDownload
{
    private const string Option = "applied";

    private readonly CallPipeline _pipeline;
    private readonly Crypto.SigningKey _merchantKey;
    private readonly string _baseUrl;
    private readonly string _basePath;

    public AppliedDownload(CallPipeline pipeline, Crypto.SigningKey merchantKey, string baseUrl, string basePath)
    {
        _pipeline = pipeline;
        _merchantKey = merchantKey;
        _baseUrl = baseUrl;
        _basePath = basePath;
    }

    /// <summary>
    /// Downloads the file an "apply" answer points at (<c>v3/bill/tradebill</c>, <c>v3/bill/fundflowbill</c>, receipts…): its
    /// <c>download_url</c>, signed like any call, checked against its <c>hash_type</c>/<c>hash_value</c> when it gives them;
    /// or, for an encrypted bill (<c>download_bill_list</c>), every part in turn, decrypted and merged (<see cref="DownloadPartsAsync"/>).
    /// A URL must lie under the base URL: a signed request never goes anywhere else.
    /// </summary>
    /// <exception cref="ArgumentException">The answer has no <c>download_url</c> or a complete <c>download_bill_list</c>, or a URL points outside the API or would not be sent as written (a dot segment, a control character).</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, the call failed, a part does not decrypt, or a digest does not match.</exception>
    public Task<WeChatPayDownload> DownloadAsync(WeChatPayResponse applied, Stream destination, bool decompress, CancellationToken cancellationToken)
    {
        var json = applied.Json as Newtonsoft.Json.Linq.JObject;
        if (json?["download_bill_list"] is Newtonsoft.Json.Linq.JArray list)
            return DownloadPartsAsync(BillParts.Read(json, list), destination, decompress, cancellationToken);
        if (!(json?["download_url"] is { Type: Newtonsoft.Json.Linq.JTokenType.String } urlToken))
            throw new ArgumentException("The answer has no download_url: pass the answer of an apply call such as GET v3/bill/tradebill.", Option);
        var hashType = json["hash_type"]?.Type == Newtonsoft.Json.Linq.JTokenType.String ? (string?)json["hash_type"] : null;
        var hashValue = json["hash_value"]?.Type == Newtonsoft.Json.Linq.JTokenType.String ? (string?)json["hash_value"] : null;
        if ((hashType is null) != (hashValue is null))
            throw new ArgumentException("The answer gives only one of hash_type and hash_value, so the file cannot be checked.", Option);
        var (path, query) = Target((string)urlToken!);
        return FileDownload.DownloadAsync(_pipeline, path, query, null, destination, decompress, hashType, hashValue, cancellationToken);
    }

    
    /// <summary>
    /// An encrypted bill: each part's <c>encrypt_key</c> is opened with the merchant private key (RSA-OAEP, or SM2) first, so that a
    /// key that does not open fails before anything is written; then the parts are downloaded in <c>bill_sequence</c> order,
    /// each decrypted as it streams (AES-256-GCM for a 32-byte key, SM4-GCM for a 16-byte one; the nonce's UTF-8 bytes, no
    /// associated data; the tag checked at its end), decompressed when asked, and appended to <paramref name="destination"/>.
    /// WeChat Pay's pages do not say which bytes a part's <c>hash_value</c> covers, so it is compared with the part as
    /// downloaded, as decrypted and (for gzip) as decompressed, and one must match; the GCM tag authenticates the part regardless.
    /// </summary>
    private async Task<WeChatPayDownload> DownloadPartsAsync(IReadOnlyList<BillPart> parts, Stream destination, bool decompress,
        CancellationToken cancellationToken)
    {
        var targets = new (PathTemplate Path, Dictionary<string, string> Query, System.Security.Cryptography.HashAlgorithmName? Digest)[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            var (path, query) = Target(parts[i].DownloadUrl);
            targets[i] = (path, query, FileDownload.DigestAlgorithm(parts[i].HashType, Option));
        }
        var keys = new byte[parts.Count][];
        try
        {
            for (var i = 0; i < parts.Count; i++) keys[i] = PartKey(parts[i], parts.Count);
            long written = 0;
            var decompressed = false;
            var digests = new List<string>(parts.Count);
            string? hashType = null;
            Answer? last = null;
            for (var i = 0; i < parts.Count; i++)
            {
                var part = parts[i];
                var label = $"bill part {part.Sequence} of {parts.Count}: ";
                var algorithm = targets[i].Digest;
                using var downloadedHash = algorithm is { } a1 ? System.Security.Cryptography.IncrementalHash.CreateHash(a1) : null;
                using var decryptedHash = algorithm is { } a2 ? System.Security.Cryptography.IncrementalHash.CreateHash(a2) : null;
                (long Written, bool Decompressed, string? Digest) copied = default;
                var (answer, call) = await _pipeline.FetchAsync(targets[i].Path, targets[i].Query, null, label, async (stream, token) =>
                {
                    Stream downloaded = downloadedHash is null ? stream : new DigestingStream(stream, downloadedHash);
                    var decrypting = new GcmDecryptingStream(downloaded, keys[i], System.Text.Encoding.UTF8.GetBytes(part.Nonce));
                    Stream plain = decryptedHash is null ? decrypting : new DigestingStream(decrypting, decryptedHash);
                    copied = await FileCopy.CopyAsync(plain, destination, algorithm, decompress, _pipeline.MaxInflated, token).ConfigureAwait(false);
                    // The tag is checked at the end of the part: read to it even when a gzip member ended first.
                    if (!decrypting.Completed && await plain.ReadAsync(new byte[1], 0, 1, token).ConfigureAwait(false) > 0)
                        throw new System.Security.Cryptography.CryptographicException("data follows the end of the gzip file in the part");
                }, cancellationToken).ConfigureAwait(false);
                if (part.HashValue is not null)
                {
                    var expected = part.HashValue.Trim();
                    var candidates = new[] { FileCopy.Hex(downloadedHash!.GetHashAndReset()), FileCopy.Hex(decryptedHash!.GetHashAndReset()), copied.Digest };
                    var match = Array.Find(candidates, d => string.Equals(d, expected, StringComparison.OrdinalIgnoreCase));
                    if (match is null) throw FileDownload.DigestMismatch(call, answer, label, part.HashType!, candidates[0], part.HashValue);
                    digests.Add(match);
                    hashType = part.HashType!.ToUpperInvariant();
                }
                written += copied.Written;
                decompressed |= copied.Decompressed;
                last = answer;
            }
            return new WeChatPayDownload(last!.StatusCode, last.Headers, written, decompressed, true, parts.Count,
                digests.Count == parts.Count ? hashType : null, digests.Count == parts.Count ? string.Join(",", digests) : null);
        }
        finally
        {
            foreach (var key in keys)
                if (key is not null) Array.Clear(key, 0, key.Length);
        }
    }

    // A part's file key: its encrypt_key opened with the merchant private key; 32 bytes for AES-256-GCM, 16 for SM4-GCM.
    private byte[] PartKey(BillPart part, int count)
    {
        string text;
        try
        {
            text = _merchantKey.Decrypt(part.EncryptKey);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new ArgumentException(
                $"download_bill_list: the encrypt_key of bill part {part.Sequence} of {count} does not open with the merchant private key ({e.Message}); " +
                "WeChat Pay seals it with the merchant certificate's public key, so check that MerchantPrivateKey is the key of MerchantSerial.", Option);
        }
        var key = System.Text.Encoding.UTF8.GetBytes(text);
        if (key.Length != 32 && key.Length != 16)
        {
            Array.Clear(key, 0, key.Length);
            throw new ArgumentException(
                $"download_bill_list: the encrypt_key of bill part {part.Sequence} of {count} opens to a key of {key.Length} bytes, neither AEAD_AES_256_GCM's 32 nor SM4_GCM's 16.", Option);
        }
        return key;
    }

    // The path and query of a download_url: under the API's base URL, and sent as written (Files.DownloadUrl).
    private (PathTemplate Path, Dictionary<string, string> Query) Target(string url)
    {
        var (relative, query) = DownloadUrl.Read(url, _baseUrl, _basePath);
        return (PathTemplate.Root.AppendPath(relative), query);
    }
}
