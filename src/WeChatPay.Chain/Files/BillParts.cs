using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Files;

/// <summary>One part of an encrypted bill (<c>download_bill_list[]</c>): where it lies, its sealed key and nonce, its digest.</summary>
internal sealed class BillPart
{
    public BillPart(int sequence, string downloadUrl, string encryptKey, string nonce, string? hashType, string? hashValue)
    {
        Sequence = sequence;
        DownloadUrl = downloadUrl;
        EncryptKey = encryptKey;
        Nonce = nonce;
        HashType = hashType;
        HashValue = hashValue;
    }

    public int Sequence { get; }

    public string DownloadUrl { get; }

    /// <summary>base64 RSA-OAEP (or SM2) of the file key, sealed with the merchant certificate's public key.</summary>
    public string EncryptKey { get; }

    public string Nonce { get; }

    public string? HashType { get; }

    public string? HashValue { get; }
}

/// <summary>
/// Reads the <c>download_bill_list</c> of an encrypted bill's apply answer (<c>v3/bill/sub-merchant-fundflowbill</c>,
/// <c>v3/ecommerce/bill/fundflowbill</c>, <c>v3/payscore/merchant-bill</c>): every part complete, numbered 1…N by
/// <c>bill_sequence</c> with none missing or repeated, and as many as <c>download_bill_count</c> says.
/// </summary>
internal static class BillParts
{
    private const string Option = "applied";

    /// <returns>The parts in <c>bill_sequence</c> order.</returns>
    /// <exception cref="ArgumentException">The list is empty, a part lacks a field, or the numbering or count is off.</exception>
    public static IReadOnlyList<BillPart> Read(JObject answer, JArray list)
    {
        if (list.Count == 0)
            throw new ArgumentException("The answer's download_bill_list is empty: there is no bill for that day (yet); apply again later.", Option);
        var parts = new List<BillPart>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"download_bill_list[{i}]";
            if (!(list[i] is JObject part)) throw new ArgumentException($"{at} is not an object.", Option);
            if (part["bill_sequence"]?.Type != JTokenType.Integer)
                throw new ArgumentException($"{at}.bill_sequence is missing or not an integer, so the parts cannot be put in order.", Option);
            var hashType = Text(part, "hash_type", at, required: false);
            var hashValue = Text(part, "hash_value", at, required: false);
            if ((hashType is null) != (hashValue is null))
                throw new ArgumentException($"{at} gives only one of hash_type and hash_value, so the part cannot be checked.", Option);
            parts.Add(new BillPart((int)part["bill_sequence"]!, Text(part, "download_url", at, true)!, Text(part, "encrypt_key", at, true)!,
                Text(part, "nonce", at, true)!, hashType, hashValue));
        }
        parts.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        for (var i = 0; i < parts.Count; i++)
            if (parts[i].Sequence != i + 1)
                throw new ArgumentException(
                    $"The bill's parts are numbered {string.Join(", ", parts.Select(p => p.Sequence))}, not 1 to {parts.Count}: a part is missing or repeated, so the bill cannot be put together.", Option);
        if (answer["download_bill_count"] is { } count && (count.Type != JTokenType.Integer || (int)count != parts.Count))
            throw new ArgumentException($"download_bill_count is {count}, but download_bill_list has {parts.Count} parts: the answer is incomplete.", Option);
        return parts;
    }

    private static string? Text(JObject part, string name, string at, bool required)
    {
        var token = part[name];
        if (token is null || token.Type == JTokenType.Null)
            return required ? throw new ArgumentException($"{at}.{name} is missing, so the part cannot be downloaded and decrypted.", Option) : null;
        if (token.Type != JTokenType.String || ((string)token!).Length == 0)
            throw new ArgumentException($"{at}.{name} is not a non-empty string.", Option);
        return (string)token!;
    }
}
