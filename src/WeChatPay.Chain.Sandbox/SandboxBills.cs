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
/// </summary>
internal sealed class SandboxBills
{
    public const string FilePath = "v3/billdownload/file";

    /// <summary>The largest bill the sandbox generates.</summary>
    public const long MaxSize = 1L << 30;

    private const string Header = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n";

    private long _size = 4096;

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

    /// <summary>Points an apply answer's <c>download_url</c> at this sandbox's file, and gives its SHA1 when the answer has hash fields.</summary>
    public void Apply(JObject answer, string origin, string operationPath, RequestInputs inputs, string merchantId)
    {
        var date = First(inputs, "bill_date") ?? First(inputs, "date") ?? "2025-11-21";
        var gzip = string.Equals(First(inputs, "tar_type"), "GZIP", StringComparison.Ordinal);
        var bill = new Bill(operationPath, date, gzip, Size, merchantId);
        answer["download_url"] = origin + "/" + FilePath + "?token=" + Token(bill);
        if (answer.ContainsKey("hash_type") || answer.ContainsKey("hash_value"))
        {
            answer["hash_type"] = "SHA1";
            answer["hash_value"] = Sha1(bill);
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
            return new Bill((string?)json["o"] ?? "", (string?)json["d"] ?? "", (bool?)json["g"] ?? false, size, (string?)json["m"] ?? "");
        }
        catch (Exception e) when (e is FormatException || e is Newtonsoft.Json.JsonException || e is InvalidCastException || e is ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Writes the bill (gzip when applied so), one generated chunk at a time; <paramref name="alter"/> flips one byte of the CSV.</summary>
    public static async Task WriteAsync(Bill bill, Stream body, bool alter, CancellationToken cancellationToken)
    {
        if (bill.Gzip)
        {
            await using var gzip = new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true);
            await WriteCsvAsync(bill, gzip, alter, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WriteCsvAsync(bill, body, alter, cancellationToken).ConfigureAwait(false);
        }
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

    private static string Sha1(Bill bill)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        foreach (var chunk in Chunks(bill)) hash.AppendData(chunk);
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    // The CSV, exactly Size bytes: the header, rows, and a summary; cut at Size.
    private static IEnumerable<byte[]> Chunks(Bill bill)
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
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToString(Newtonsoft.Json.Formatting.None))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static string? First(RequestInputs inputs, string name)
    {
        if (inputs.Query.TryGetValue(name, out var value) && value.Count > 0) return value[0];
        return inputs.Body?[name]?.Type == JTokenType.String ? (string?)inputs.Body[name] : null;
    }

    /// <summary>One generated bill: what was applied for.</summary>
    internal sealed record Bill(string Operation, string Date, bool Gzip, long Size, string MerchantId);
}
