using WeChatPay.Chain.Shared;
using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Http;

/// <summary>Reads name/value pairs from an anonymous object, a dictionary or a <see cref="JObject"/>, and writes values as invariant text.</summary>
internal static class KeyValues
{
    /// <summary>The pairs of <paramref name="source"/>, in declaration order; null values are kept (the caller decides). With <paramref name="underscoreToHyphen"/>, property names of plain objects have '_' replaced by '-' (for header names).</summary>
    /// <exception cref="ArgumentException">The source is a string, a number or a list: there are no names to read.</exception>
    public static List<KeyValuePair<string, object?>> From(object? source, string what, bool underscoreToHyphen = false)
    {
        var pairs = new List<KeyValuePair<string, object?>>();
        switch (source)
        {
            case null:
                return pairs;
            case JObject json:
                foreach (var property in json.Properties())
                    pairs.Add(new KeyValuePair<string, object?>(property.Name, property.Value is JValue v ? v.Value : property.Value));
                return pairs;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                    pairs.Add(new KeyValuePair<string, object?>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, entry.Value));
                return pairs;
            case IEnumerable<KeyValuePair<string, string>> stringPairs:
                foreach (var pair in stringPairs) pairs.Add(new KeyValuePair<string, object?>(pair.Key, pair.Value));
                return pairs;
            case IEnumerable<KeyValuePair<string, object?>> objectPairs:
                pairs.AddRange(objectPairs);
                return pairs;
            case string _:
            case IEnumerable _:
            case IConvertible _:
                throw new ArgumentException($"{what} must be an object or a dictionary of names to values, not {source.GetType().Name}.", what);
        }

        foreach (var property in source.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.GetIndexParameters().Length == 0 && property.CanRead)
                pairs.Add(new KeyValuePair<string, object?>(underscoreToHyphen ? property.Name.Replace('_', '-') : property.Name, property.GetValue(source)));
        }
        return pairs;
    }

    /// <summary>
    /// Writes one value the way WeChat Pay expects in a query, a path or a header: invariant culture, lower-case booleans,
    /// ISO-8601 times. Only single values have a text form: a list, an object or a JSON container is refused rather than sent
    /// as a type name.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="kind">What the value is, for the error, e.g. <c>The query parameter</c>.</param>
    /// <param name="name">Its name, for the error, e.g. <c>limit</c>.</param>
    /// <exception cref="ArgumentException">The value is not a single text, number, boolean, time, enum or id, or it is not valid UTF-16.</exception>
    public static string ToText(object value, string kind, string name)
    {
        var text = value switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            char c => c.ToString(),
            DateTimeOffset t => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            DateTime t => t.ToString(t.Kind == DateTimeKind.Utc ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            Enum e => e.ToString(),
            WeChatPayEnum e => e.Value,
            Guid g => g.ToString(),
            Uri u => u.OriginalString,
            JValue j when j.Value is not null => ToText(j.Value, kind, name),
            IFormattable f when f.GetType().IsPrimitive || f is decimal => f.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };
        if (text is null)
            throw new ArgumentException($"{kind} {name} is a {value.GetType().Name}, which has no text form: give one text, number, boolean or time.", name);
        if (WireText.LoneSurrogateAt(text) >= 0) WireText.RequireUtf16(text, kind + " " + name);
        return text;
    }
}
