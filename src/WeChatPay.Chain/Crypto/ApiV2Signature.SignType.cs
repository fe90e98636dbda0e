using System;
using System.Collections.Generic;

namespace WeChatPay.Chain.Crypto;

/// <summary>The sign type a set of fields declares.</summary>
internal static partial class ApiV2Signature
{
    /// <summary>The field a request, an answer or a notification names its sign type in.</summary>
    public const string SignTypeField = "sign_type";

    /// <summary>The field v2 pay parameters (JSAPI <c>getBrandWCPayRequest</c>) name their sign type in.</summary>
    public const string SignTypeFieldCamel = "signType";

    /// <summary>The wire name of <see cref="ApiV2SignType.Md5"/>.</summary>
    public const string Md5Name = "MD5";

    /// <summary>The wire name of <see cref="ApiV2SignType.HmacSha256"/>.</summary>
    public const string HmacSha256Name = "HMAC-SHA256";

    /// <summary>
    /// The sign type <paramref name="fields"/> declare in <c>sign_type</c> or <c>signType</c>: <c>MD5</c> when neither is
    /// given or both are empty, <c>HMAC-SHA256</c> when one says so. Names and values are compared exactly (ordinal).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/> is null.</exception>
    /// <exception cref="ArgumentException">A sign type field holds another value (the message names the field, the two
    /// choices, and the value when it is short printable ASCII), or <c>sign_type</c> and <c>signType</c> disagree.</exception>
    public static ApiV2SignType SignTypeOf(IEnumerable<KeyValuePair<string, string>> fields)
    {
        if (fields is null) throw new ArgumentNullException(nameof(fields));
        ApiV2SignType? snake = null, camel = null;
        foreach (var field in fields)
        {
            if (string.IsNullOrEmpty(field.Value)) continue;
            if (string.Equals(field.Key, SignTypeField, StringComparison.Ordinal)) snake = ParseSignType(field.Value, SignTypeField);
            else if (string.Equals(field.Key, SignTypeFieldCamel, StringComparison.Ordinal)) camel = ParseSignType(field.Value, SignTypeFieldCamel);
        }
        if (snake is not null && camel is not null && snake != camel)
            throw new ArgumentException(
                $"The {SignTypeField} field says {NameOf(snake.Value)} and the {SignTypeFieldCamel} field says {NameOf(camel.Value)}; give one sign type.",
                SignTypeField);
        return snake ?? camel ?? ApiV2SignType.Md5;
    }

    /// <summary>The sign type a <c>sign_type</c> value names.</summary>
    /// <param name="value">The value: <c>MD5</c> or <c>HMAC-SHA256</c>, exactly.</param>
    /// <param name="field">The field it came from, named in the message.</param>
    /// <exception cref="ArgumentException">The value is anything else.</exception>
    public static ApiV2SignType ParseSignType(string value, string field)
    {
        if (string.Equals(value, Md5Name, StringComparison.Ordinal)) return ApiV2SignType.Md5;
        if (string.Equals(value, HmacSha256Name, StringComparison.Ordinal)) return ApiV2SignType.HmacSha256;
        throw new ArgumentException(
            $"The {field} field is {Shown(value)}; APIv2 signs with {Md5Name} (the default, when the field is absent or empty) " +
            $"or {HmacSha256Name}, spelt exactly so.", field);
    }

    /// <summary>The wire name of a sign type: <c>MD5</c> or <c>HMAC-SHA256</c>.</summary>
    public static string NameOf(ApiV2SignType type) => type == ApiV2SignType.HmacSha256 ? HmacSha256Name : Md5Name;

    private static string Shown(string value)
    {
        if (value.Length > 24) return $"a value of {value.Length} characters";
        foreach (var c in value)
        {
            if (c < ' ' || c > '~') return $"a value of {value.Length} characters that is not printable ASCII";
        }
        return "\"" + value + "\"";
    }
}
