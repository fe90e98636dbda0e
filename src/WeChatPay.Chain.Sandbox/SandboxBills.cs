using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// Bills as WeChat Pay serves them: an apply answer (<c>v3/bill/tradebill</c> and every other answer with a top-level
/// <c>download_url</c>) points at <c>v3/billdownload/file?token=…</c> and gives the SHA1 of the original bill; the file is
/// a generated CSV, deterministic for its token, gzip when the apply asked <c>tar_type=GZIP</c>, of
/// <see cref="WeChatPaySandbox.BillSize"/> bytes, streamed as it is generated.
/// An encrypted bill's apply answer (<c>download_bill_list</c>: <c>v3/bill/sub-merchant-fundflowbill</c>,
/// <c>v3/ecommerce/bill/fundflowbill</c>, <c>v3/payscore/merchant-bill</c>) lists <see cref="WeChatPaySandbox.BillParts"/>
/// parts: each a byte range of that CSV, gzip on request, then GCM-encrypted (AES-256, or SM4 when the apply asked
/// <c>SM4_GCM</c>) under a key of its own, sealed with the merchant public key (RSA-OAEP, or SM2 for a 国密 merchant) in <c>encrypt_key</c>, with
/// its <c>nonce</c> and the SHA1 of the part as downloaded. Keys and nonces derive from the APIv3 key and the part's token,
/// so nothing is stored.
/// </summary>
internal sealed partial class SandboxBills
{
    public const string FilePath = "v3/billdownload/file";

    /// <summary>The largest bill the sandbox generates.</summary>
    public const long MaxSize = 1L << 30;

    private const string Header = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n";

    private long _size = 4096;
    private int _parts = 1;

    /// <summary>How many parts an encrypted bill is split into from now on (1 unless set; at most 10).</summary>
    public int Parts
    {
        get => Volatile.Read(ref _parts);
        set
        {
            if (value < 1 || value > 10)
                throw new ArgumentOutOfRangeException(nameof(value), value, "BillParts must be between 1 and 10.");
            Volatile.Write(ref _parts, value);
        }
    }

    /// <summary>The size of the bills applied for from now on, in bytes of CSV (before any gzip).</summary>
    public long Size
    {
        get => Interlocked.Read(ref _size);
        set
        {
            if (value < 1 || value > MaxSize)
                throw new ArgumentOutOfRangeException(nameof(value), value, "BillSize must be between 1 byte and 1 GiB.");
            Interlocked.Exchange(ref _size, value);
        }
    }

    /// <summary>
    /// Points an apply answer's <c>download_url</c> at this sandbox's file, and gives its SHA1 when the answer has hash
    /// fields; an encrypted bill's <c>download_bill_list</c> becomes its parts.
    /// </summary>
    public async Task ApplyAsync(JObject answer, string origin, string operationPath, RequestInputs inputs, SandboxKeys keys)
    {
        var date = First(inputs, "bill_date") ?? First(inputs, "date") ?? "2025-11-21";
        var gzip = string.Equals(First(inputs, "tar_type"), "GZIP", StringComparison.Ordinal);
        if (answer["download_bill_list"] is JArray)
        {
            var sm4 = string.Equals(First(inputs, "algorithm") ?? First(inputs, "encryption_algorithm"), "SM4_GCM", StringComparison.Ordinal);
            var count = Parts;
            var list = new JArray();
            for (var part = 1; part <= count; part++)
            {
                var bill = new Bill(operationPath, date, gzip, Size, keys.MerchantId, part, count, sm4 ? "SM4_GCM" : "AEAD_AES_256_GCM");
                var token = Token(bill);
                var (key, nonce) = Seal(bill, keys.ApiV3Key);
                list.Add(new JObject
                {
                    ["bill_sequence"] = part,
                    ["hash_type"] = "SHA1",
                    ["hash_value"] = await Sha1WrittenAsync(bill, keys.ApiV3Key).ConfigureAwait(false),
                    ["download_url"] = origin + "/" + FilePath + "?token=" + token,
                    ["encrypt_key"] = keys.MerchantKey.Encrypt(key),
                    ["nonce"] = nonce,
                });
            }
            answer["download_bill_count"] = count;
            answer["download_bill_list"] = list;
            return;
        }
        var plain = new Bill(operationPath, date, gzip, Size, keys.MerchantId);
        answer["download_url"] = origin + "/" + FilePath + "?token=" + Token(plain);
        if (answer.ContainsKey("hash_type") || answer.ContainsKey("hash_value"))
        {
            answer["hash_type"] = "SHA1";
            answer["hash_value"] = Sha1(Chunks(plain));
        }
    }

    /// <summary>The bill a token names, or null when the sandbox issued no such token.</summary>
    public Bill? Read(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var json = JObject.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token!.Replace('-', '+').Replace('_', '/').PadRight((token.Length + 3) / 4 * 4, '='))));
            var size = (long?)json["s"] ?? 0;
            if (size < 1 || size > MaxSize) return null;
            var part = (int?)json["p"] ?? 0;
            var parts = (int?)json["n"] ?? 0;
            var algorithm = (string?)json["a"];
            if (algorithm is not null && (part < 1 || part > parts || parts > 10)) return null;
            return new Bill((string?)json["o"] ?? "", (string?)json["d"] ?? "", (bool?)json["g"] ?? false, size, (string?)json["m"] ?? "", part, parts, algorithm);
        }
        catch (Exception e) when (e is FormatException || e is Newtonsoft.Json.JsonException || e is InvalidCastException || e is ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes the bill (gzip when applied so; a part encrypted), one generated chunk at a time; <paramref name="alter"/>
    /// flips one byte of the CSV (for a part, before it is encrypted: the tag holds, the digest does not).
    /// </summary>
    public static async Task WriteAsync(Bill bill, Stream body, bool alter, string apiV3Key, CancellationToken cancellationToken)
    {
        GcmWriter? sealer = null;
        if (bill.Algorithm is not null)
        {
            var (key, nonce) = Seal(bill, apiV3Key);
            sealer = new GcmWriter(body, bill.Algorithm, Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(nonce));
        }
        var output = sealer ?? body;
        if (bill.Gzip)
        {
            await using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
                await WriteCsvAsync(bill, gzip, alter, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WriteCsvAsync(bill, output, alter, cancellationToken).ConfigureAwait(false);
        }
        if (sealer is not null) await sealer.FinishAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteCsvAsync(Bill bill, Stream output, bool alter, CancellationToken cancellationToken)
    {
        var first = true;
        foreach (var chunk in Chunks(bill))
        {
            if (alter && first) chunk[chunk.Length / 2] ^= 0x01;
            first = false;
            await output.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Sha1(IEnumerable<byte[]> chunks)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        foreach (var chunk in chunks) hash.AppendData(chunk);
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    // The SHA1 of what WriteAsync sends for a part: generated once more into a digest.
    private static async Task<string> Sha1WrittenAsync(Bill bill, string apiV3Key)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        using var sink = new DigestSink(hash);
        await WriteAsync(bill, sink, false, apiV3Key, CancellationToken.None).ConfigureAwait(false);
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    // A part's file key (32 characters for AES-256, 16 for SM4) and its 16-character nonce, derived from the APIv3 key and the part.
    private static (string Key, string Nonce) Seal(Bill bill, string apiV3Key)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(apiV3Key));
        var seed = Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes("sandbox bill part " + Token(bill)))).ToLowerInvariant();
        return (seed.Substring(0, bill.Algorithm == "SM4_GCM" ? 16 : 32), seed.Substring(32, 16));
    }

    // The CSV of a bill (or of a part: its byte range of the whole), in chunks.
    private static IEnumerable<byte[]> Chunks(Bill bill)
    {
        if (bill.Algorithm is null) return Csv(bill);
        var start = bill.Size * (bill.Part - 1) / bill.Parts;
        var end = bill.Size * bill.Part / bill.Parts;
        return Range(Csv(bill), start, end);
    }

    private static IEnumerable<byte[]> Range(IEnumerable<byte[]> chunks, long start, long end)
    {
        long at = 0;
        foreach (var chunk in chunks)
        {
            var from = Math.Max(start - at, 0);
            var to = Math.Min(end - at, chunk.Length);
            if (to > from) yield return chunk.AsSpan((int)from, (int)(to - from)).ToArray();
            at += chunk.Length;
            if (at >= end) yield break;
        }
    }

    // The CSV, exactly Size bytes: the header, rows, and a summary; cut at Size.
    private static IEnumerable<byte[]> Csv(Bill bill)
    {
        var left = bill.Size;
        var text = new StringBuilder(64 * 1024);
        text.Append(Header);
        for (var row = 1; left > 0; row++)
        {
            text.Append('`').Append(bill.Date).Append(" 10:").Append((row / 60 % 60).ToString("00", CultureInfo.InvariantCulture)).Append(':')
                .Append((row % 60).ToString("00", CultureInfo.InvariantCulture)).Append(",`wxd678efh567hg6787,`").Append(bill.MerchantId)
                .Append(",`0,`,`4200000").Append(row.ToString("D12", CultureInfo.InvariantCulture)).Append(",`SANDBOX").Append(row.ToString("D12", CultureInfo.InvariantCulture))
                .Append(",`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`SUCCESS,`OTHERS,`CNY,`0.01,`0.00,`0,`0,`0.00,`0.00,`,`,`sandbox bill row,`,`0.00000,`0.60%,`0.01,`0.00,`\r\n");
            if (text.Length < 60 * 1024) continue;
            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            text.Clear();
            if (bytes.Length >= left)
            {
                Array.Resize(ref bytes, (int)left);
                yield return bytes;
                yield break;
            }
            left -= bytes.Length;
            yield return bytes;
        }
    }

    private static string Token(Bill bill)
    {
        var json = new JObject { ["o"] = bill.Operation, ["d"] = bill.Date, ["g"] = bill.Gzip, ["s"] = bill.Size, ["m"] = bill.MerchantId };
        if (bill.Algorithm is not null)
        {
            json["p"] = bill.Part;
            json["n"] = bill.Parts;
            json["a"] = bill.Algorithm;
        }
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToString(Newtonsoft.Json.Formatting.None))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static string? First(RequestInputs inputs, string name)
    {
        if (inputs.Query.TryGetValue(name, out var value) && value.Count > 0) return value[0];
        return inputs.Body?[name]?.Type == JTokenType.String ? (string?)inputs.Body[name] : null;
    }

    /// <summary>One generated bill, or one part of an encrypted one (<paramref name="Algorithm"/> set): what was applied for.</summary>
    internal sealed record Bill(string Operation, string Date, bool Gzip, long Size, string MerchantId, int Part = 0, int Parts = 0, string? Algorithm = null);

    // GCM encryption as the bytes are written (BouncyCastle: .NET's AesGcm seals a message whole and has no SM4); the tag at the end.
}
