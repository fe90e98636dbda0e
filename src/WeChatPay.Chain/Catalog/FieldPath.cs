using System;
using System.Collections.Generic;
using System.Text;

namespace WeChatPay.Chain.Catalog;

/// <summary>
/// A sensitive field, parsed once: where it lives (<see cref="FieldLocation"/>) and the steps from that root,
/// e.g. <c>identity.real_name</c> or <c>receivers[].name</c> (<c>[]</c>: every element of an array).
/// </summary>
internal sealed class FieldPath : IEquatable<FieldPath>
{
    private const string CallbackResourcePrefix = "body.resource.ciphertext.";

    private FieldPath(FieldLocation location, FieldStep[] steps)
    {
        Location = location;
        Steps = steps;
        var text = new StringBuilder();
        foreach (var step in steps)
        {
            if (text.Length > 0) text.Append('.');
            text.Append(step);
        }
        Text = text.ToString();
    }

    /// <summary>Where the field lives.</summary>
    public FieldLocation Location { get; }

    /// <summary>The steps from the root of <see cref="Location"/>.</summary>
    public IReadOnlyList<FieldStep> Steps { get; }

    /// <summary>The steps as dotted text, without the location: <c>identity.real_name</c>, <c>receivers[].name</c>; for a query parameter, its name.</summary>
    public string Text { get; }

    /// <summary>Reads a path of an operation's request as the catalog writes it (<c>json.x</c>, <c>query.x</c>, <c>body.x</c>).</summary>
    /// <exception cref="FormatException">The text has no known location prefix or an empty step.</exception>
    public static FieldPath Request(string catalogText) =>
        catalogText.StartsWith("json.", StringComparison.Ordinal) ? Parse(FieldLocation.Body, catalogText.Substring(5))
        : catalogText.StartsWith("query.", StringComparison.Ordinal) ? Parse(FieldLocation.Query, catalogText.Substring(6))
        : catalogText.StartsWith("body.", StringComparison.Ordinal) ? Parse(FieldLocation.Multipart, catalogText.Substring(5))
        : throw new FormatException($"The request field path '{catalogText}' has no location (json., query. or body.).");

    /// <summary>Reads a path of a callback's decrypted resource as the catalog writes it (<c>body.resource.ciphertext.x</c>).</summary>
    /// <exception cref="FormatException">The text does not start with <c>body.resource.ciphertext.</c> or has an empty step.</exception>
    public static FieldPath Callback(string catalogText) =>
        catalogText.StartsWith(CallbackResourcePrefix, StringComparison.Ordinal)
            ? Parse(FieldLocation.CallbackResource, catalogText.Substring(CallbackResourcePrefix.Length))
            : throw new FormatException($"The callback field path '{catalogText}' is not inside body.resource.ciphertext.");

    /// <summary>Reads dotted steps (<c>a.b[].c</c>) at a given location.</summary>
    /// <exception cref="FormatException">A step is empty or holds a bracket other than a trailing <c>[]</c>.</exception>
    public static FieldPath Parse(FieldLocation location, string steps)
    {
        if (steps is null) throw new ArgumentNullException(nameof(steps));
        var parts = location == FieldLocation.Query ? new[] { steps } : steps.Split('.');
        var parsed = new FieldStep[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var each = location != FieldLocation.Query && part.EndsWith("[]", StringComparison.Ordinal);
            var name = each ? part.Substring(0, part.Length - 2) : part;
            if (name.Length == 0 || (location != FieldLocation.Query && name.IndexOfAny(Brackets) >= 0))
                throw new FormatException($"The field path '{steps}' has an empty or malformed step '{part}'.");
            parsed[i] = new FieldStep(name, each);
        }
        return new FieldPath(location, parsed);
    }

    private static readonly char[] Brackets = { '[', ']' };

    /// <summary>
    /// Reads a path the way a caller writes it in <see cref="WeChatPayRequestOptions.EncryptFields"/> or
    /// <see cref="WeChatPayRequestOptions.DecryptFields"/>: <c>query.name</c> for a query parameter, otherwise dotted steps from
    /// the root of <paramref name="bodyLocation"/>.
    /// </summary>
    /// <exception cref="FormatException">The text is empty or has an empty or malformed step.</exception>
    public static FieldPath FromCaller(string text, FieldLocation bodyLocation)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0) throw new FormatException("A field path is empty.");
        return bodyLocation == FieldLocation.Body && trimmed.StartsWith("query.", StringComparison.Ordinal)
            ? Parse(FieldLocation.Query, trimmed.Substring(6))
            : Parse(bodyLocation, trimmed);
    }

    /// <summary>The path the way a caller writes it: <c>identity.real_name</c>, <c>query.card_no</c>, <c>multipart.meta.x</c>.</summary>
    public string CallerText => Location switch
    {
        FieldLocation.Query => "query." + Text,
        FieldLocation.Multipart => "multipart." + Text,
        _ => Text,
    };

    /// <summary>The path as the catalog writes it: <c>json.identity.real_name</c>, <c>query.card_no</c>, <c>body.x</c>, <c>contact.name</c> (answer), <c>body.resource.ciphertext.x</c>.</summary>
    public override string ToString() => Location switch
    {
        FieldLocation.Body => "json." + Text,
        FieldLocation.Query => "query." + Text,
        FieldLocation.Multipart => "body." + Text,
        FieldLocation.CallbackResource => CallbackResourcePrefix + Text,
        _ => Text,
    };

    /// <inheritdoc />
    public bool Equals(FieldPath? other) => other is not null && other.Location == Location && other.Text == Text;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FieldPath);

    /// <inheritdoc />
    public override int GetHashCode() => ((int)Location * 397) ^ StringComparer.Ordinal.GetHashCode(Text);
}
