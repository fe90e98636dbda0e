using System.Collections.Generic;

namespace WeChatPay.Chain;

/// <summary>A file WeChat Pay sent, written to the caller's stream or file as it arrived (never held in memory whole).</summary>
public sealed class WeChatPayDownload
{
    internal WeChatPayDownload(int statusCode, IReadOnlyDictionary<string, string> headers, long length, bool decompressed, bool decrypted, int parts,
        string? hashType, string? hashValue)
    {
        StatusCode = statusCode;
        Headers = headers;
        Length = length;
        Decompressed = decompressed;
        Decrypted = decrypted;
        Parts = parts;
        HashType = hashType;
        HashValue = hashValue;
    }

    /// <summary>The HTTP status (200).</summary>
    public int StatusCode { get; }

    /// <summary>The answer's headers (downloads carry no WeChat Pay signature).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The bytes written to the destination.</summary>
    public long Length { get; }

    /// <summary>Whether a gzip file was decompressed on its way to the destination.</summary>
    public bool Decompressed { get; }

    /// <summary>Whether the file came encrypted (an encrypted bill's <c>download_bill_list</c>) and was decrypted on its way.</summary>
    public bool Decrypted { get; }

    /// <summary>How many files were downloaded and merged, in <c>bill_sequence</c> order: 1, or an encrypted bill's part count.</summary>
    public int Parts { get; }

    /// <summary>The digest algorithm that was checked (<c>SHA1</c>, as a bill's <c>hash_type</c> says), or null when none was.</summary>
    public string? HashType { get; }

    /// <summary>
    /// The digest that matched the one WeChat Pay gave, in lower-case hex: of the original file (decompressed, for gzip); for an
    /// encrypted bill, each part's, joined by commas in <c>bill_sequence</c> order. Null when none was checked.
    /// </summary>
    public string? HashValue { get; }
}
