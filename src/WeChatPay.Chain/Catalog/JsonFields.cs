using System;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;
using System.Security.Cryptography;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Catalog;

/// <summary>Visits the string fields a <see cref="FieldPath"/> names in a JSON tree (every element of a <c>[]</c> step) and replaces them.</summary>
internal static class JsonFields
{
    /// <summary>
    /// Replaces every string the path names with <paramref name="transform"/>(concrete path, value), unless it returns null;
    /// adds the concrete paths replaced (<c>receivers[0].name</c>) to <paramref name="changed"/>. Absent and null fields are skipped.
    /// </summary>
    /// <exception cref="ArgumentException">A field the path names holds a number, boolean, object or array instead of a string.</exception>
    public static void Apply(JToken root, FieldPath path, Func<string, string, string?> transform, List<string> changed) =>
        Walk(root, path.Steps, 0, string.Empty, transform, changed);

    /// <summary>
    /// Decrypts, with the merchant private key, every field the paths name (the one decrypt-and-wrap of answers and
    /// callbacks); a field that does not decrypt becomes the exception <paramref name="fail"/> makes of it.
    /// </summary>
    /// <exception cref="WeChatPayException">A field is not a string or does not decrypt.</exception>
    public static void DecryptMerchantFields(JToken json, IReadOnlyList<FieldPath> paths, SigningKey key, List<string> decrypted,
        Func<FieldPath, Exception, WeChatPayException> fail)
    {
        foreach (var path in paths)
        {
            try
            {
                Apply(json, path, (_, value) => key.Decrypt(value), decrypted);
            }
            catch (Exception e) when (e is CryptographicException || e is ArgumentException)
            {
                throw fail(path, e);
            }
        }
    }

    private static void Walk(JToken node, IReadOnlyList<FieldStep> steps, int index, string at, Func<string, string, string?> transform, List<string> changed)
    {
        if (!(node is JObject obj)) return;
        var step = steps[index];
        var value = obj[step.Name];
        if (value is null || value.Type == JTokenType.Null) return;
        var here = at.Length == 0 ? step.Name : at + "." + step.Name;
        var last = index == steps.Count - 1;

        if (!step.EachElement)
        {
            if (last) Replace(value, here, transform, changed);
            else Walk(value, steps, index + 1, here, transform, changed);
            return;
        }

        if (!(value is JArray array))
            throw new ArgumentException($"The field {here} should be an array.");
        for (var i = 0; i < array.Count; i++)
        {
            var element = array[i];
            if (element.Type == JTokenType.Null) continue;
            var elementPath = here + "[" + i + "]";
            if (last) Replace(element, elementPath, transform, changed);
            else Walk(element, steps, index + 1, elementPath, transform, changed);
        }
    }

    private static void Replace(JToken value, string path, Func<string, string, string?> transform, List<string> changed)
    {
        if (value.Type != JTokenType.String)
            throw new ArgumentException($"The field {path} is sensitive and must be a string, not {value.Type.ToString().ToLowerInvariant()}.");
        var replacement = transform(path, (string)value!);
        if (replacement is null) return;
        ((JValue)value).Value = replacement;
        changed.Add(path);
    }
}
