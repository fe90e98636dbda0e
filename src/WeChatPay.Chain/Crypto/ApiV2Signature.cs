using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using WeChatPay.Chain.Shared;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// The APIv2 signature of a set of flat fields (a request, an answer, a notification, v2 pay parameters): the string to sign is
/// <c>k=v</c> joined with <c>&amp;</c> over the fields sorted by the byte order of their names (UTF-8, ordinal), <c>sign</c> and
/// empty values left out, nothing URL-encoded, then <c>&amp;key=</c> and the APIv2 key; the sign is the upper-case hex MD5 of
/// its UTF-8 bytes, or their HMAC-SHA256 keyed with the APIv2 key.
/// </summary>
/// <remarks>
/// A value of white space only is not empty: it is signed. Every function checks the key (<see cref="ApiV2Key.Check"/>) and
/// never puts the key, a value or a sign in a message. Thread-safe: no state is shared between calls.
/// </remarks>
internal static partial class ApiV2Signature
{
    /// <summary>The field that carries the sign; never part of the string to sign.</summary>
    public const string SignField = "sign";

    private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The string to sign, key appended.</summary>
    /// <param name="fields">The fields, in any order; names must be unique.</param>
    /// <param name="apiV2Key">The APIv2 key.</param>
    /// <exception cref="ArgumentNullException">An argument, a field name or a field value is null.</exception>
    /// <exception cref="ArgumentException">The key is not an APIv2 key, a name is given twice, or a name or value is not valid
    /// UTF-16 text (a lone surrogate).</exception>
    public static string StringToSign(IEnumerable<KeyValuePair<string, string>> fields, string apiV2Key)
    {
        if (fields is null) throw new ArgumentNullException(nameof(fields));
        ApiV2Key.Check(apiV2Key, nameof(apiV2Key));
        var signed = new List<KeyValuePair<string, string>>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var name = field.Key ?? throw new ArgumentNullException(nameof(fields), "A field has a null name.");
            var value = field.Value ?? throw new ArgumentNullException(nameof(fields), $"The {Label(name)} field has a null value; give an empty string to leave it out of the sign.");
            if (!names.Add(name))
                throw new ArgumentException($"The {Label(name)} field is given twice; each APIv2 field appears once.", nameof(fields));
            RequireText(name, "The name of a field", name);
            RequireText(value, $"The {Label(name)} field", name);
            if (value.Length == 0 || string.Equals(name, SignField, StringComparison.Ordinal)) continue;
            signed.Add(field);
        }
        signed.Sort((a, b) => CompareUtf8(a.Key, b.Key));

        var text = new StringBuilder();
        foreach (var field in signed)
            text.Append(field.Key).Append('=').Append(field.Value).Append('&');
        return text.Append("key=").Append(apiV2Key).ToString();
    }

    /// <summary>The sign of <paramref name="fields"/>: upper-case hex, 32 characters (MD5) or 64 (HMAC-SHA256).</summary>
    /// <param name="fields">The fields; a <c>sign</c> field among them is left out.</param>
    /// <param name="apiV2Key">The APIv2 key.</param>
    /// <param name="type">The sign type (for a request, the one its <c>sign_type</c> names: <see cref="SignTypeOf"/>).</param>
    /// <exception cref="ArgumentNullException">An argument, a field name or a field value is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="StringToSign"/>.</exception>
    public static string Sign(IEnumerable<KeyValuePair<string, string>> fields, string apiV2Key, ApiV2SignType type)
    {
        var digest = Digest(fields, apiV2Key, type);
        try
        {
            return UpperHex(digest);
        }
        finally
        {
            Array.Clear(digest, 0, digest.Length);
        }
    }

    /// <summary>
    /// <paramref name="fields"/> as they are sent: in the order given, a <c>sign</c> among them dropped, and the sign by the type
    /// they declare (<see cref="SignTypeOf"/>: <c>sign_type</c>, else MD5) appended last.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument, a field name or a field value is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="StringToSign"/> and <see cref="SignTypeOf"/>.</exception>
    public static List<KeyValuePair<string, string>> WithSign(IEnumerable<KeyValuePair<string, string>> fields, string apiV2Key)
    {
        if (fields is null) throw new ArgumentNullException(nameof(fields));
        var sent = new List<KeyValuePair<string, string>>();
        foreach (var field in fields)
        {
            if (!string.Equals(field.Key, SignField, StringComparison.Ordinal)) sent.Add(field);
        }
        sent.Add(new KeyValuePair<string, string>(SignField, Sign(sent, apiV2Key, SignTypeOf(sent))));
        return sent;
    }

    /// <summary>
    /// Whether the <c>sign</c> field of <paramref name="fields"/> is the sign of the other fields by <paramref name="type"/>,
    /// compared in constant time. False when there is no <c>sign</c>, when it is not hex of the type's length (an MD5 sign
    /// where HMAC-SHA256 was asked for never passes), or when it differs. Upper- and lower-case hex are the same sign.
    /// </summary>
    /// <param name="fields">The fields as received, <c>sign</c> among them.</param>
    /// <param name="apiV2Key">The APIv2 key.</param>
    /// <param name="type">The expected type: for an answer, the type its request was signed with; for a notification, the one
    /// its own <c>sign_type</c> names.</param>
    /// <exception cref="ArgumentNullException">An argument, a field name or a field value is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="StringToSign"/>.</exception>
    public static bool Verify(IEnumerable<KeyValuePair<string, string>> fields, string apiV2Key, ApiV2SignType type)
    {
        if (fields is null) throw new ArgumentNullException(nameof(fields));
        string? given = null;
        foreach (var field in fields)
        {
            if (string.Equals(field.Key, SignField, StringComparison.Ordinal)) given = field.Value;
        }
        var expected = Digest(fields, apiV2Key, type);
        byte[]? received = null;
        try
        {
            received = given is null ? null : FromHex(given, expected.Length);
            return received is not null && FixedTime.Equals(expected, received);
        }
        finally
        {
            Array.Clear(expected, 0, expected.Length);
            if (received is not null) Array.Clear(received, 0, received.Length);
        }
    }

    private static byte[] Digest(IEnumerable<KeyValuePair<string, string>> fields, string apiV2Key, ApiV2SignType type)
    {
        var message = StrictUtf8.GetBytes(StringToSign(fields, apiV2Key));
        try
        {
            switch (type)
            {
                case ApiV2SignType.Md5:
                    // MD5 is what APIv2 documents for its default sign type; it is not a choice made here.
#pragma warning disable CA5351 // Do Not Use Broken Cryptographic Algorithms
                    using (var md5 = MD5.Create()) return md5.ComputeHash(message);
#pragma warning restore CA5351
                case ApiV2SignType.HmacSha256:
                    var key = Encoding.ASCII.GetBytes(apiV2Key);
                    try
                    {
                        using var hmac = new HMACSHA256(key);
                        return hmac.ComputeHash(message);
                    }
                    finally
                    {
                        Array.Clear(key, 0, key.Length);
                    }
                default:
                    throw new ArgumentOutOfRangeException(nameof(type), type, "An APIv2 sign type is MD5 or HMAC-SHA256.");
            }
        }
        finally
        {
            Array.Clear(message, 0, message.Length);
        }
    }

    /// <summary>Orders by the UTF-8 bytes of the names, that is by code point (UTF-16 code units order U+E000..U+FFFF after surrogates).</summary>
    internal static int CompareUtf8(string left, string right)
    {
        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            int a = left[i], b = right[i];
            if (a == b) continue;
            return CodePointRank(a) - CodePointRank(b);
        }
        return left.Length - right.Length;
    }

    // Surrogates (U+D800..U+DFFF, the start of a code point above U+FFFF) move above U+FFFF's units; U+E000..U+FFFF move down.
    private static int CodePointRank(int unit) => unit < 0xD800 ? unit : unit >= 0xE000 ? unit - 0x800 : unit + 0x2000;

    private static void RequireText(string text, string what, string field)
    {
        var at = WireText.LoneSurrogateAt(text);
        if (at >= 0)
            throw new ArgumentException(
                $"{what} is not valid UTF-16 text: it holds a lone surrogate at index {at}, which cannot be signed or sent. " +
                "Fix the string where it was built (a surrogate pair split in two?).", string.IsNullOrEmpty(field) ? "fields" : field);
    }

    /// <summary>A field name fit for a message: quoted when it is printable ASCII, else described.</summary>
    internal static string Label(string name)
    {
        if (name.Length == 0) return "unnamed";
        if (name.Length > 64) return "field name of " + name.Length + " characters";
        foreach (var c in name)
        {
            if (c <= ' ' || c > '~') return "field name of " + name.Length + " characters (not printable ASCII)";
        }
        return "\"" + name + "\"";
    }

    private static string UpperHex(byte[] bytes)
    {
        const string Digits = "0123456789ABCDEF";
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = Digits[bytes[i] >> 4];
            chars[(2 * i) + 1] = Digits[bytes[i] & 0xF];
        }
        return new string(chars);
    }

    private static byte[]? FromHex(string hex, int byteCount)
    {
        if (hex.Length != byteCount * 2) return null;
        var bytes = new byte[byteCount];
        for (var i = 0; i < byteCount; i++)
        {
            int high = HexValue(hex[2 * i]), low = HexValue(hex[(2 * i) + 1]);
            if ((high | low) < 0) return null;
            bytes[i] = (byte)((high << 4) | low);
        }
        return bytes;
    }

    private static int HexValue(char c) =>
        c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}
