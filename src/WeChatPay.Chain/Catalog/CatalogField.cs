using System;
using System.Collections.Generic;

namespace WeChatPay.Chain.Catalog;

/// <summary>One documented request or response field: its name, type, flags and nested fields.</summary>
internal sealed class CatalogField
{
    /// <summary>Creates a field row.</summary>
    public CatalogField(string name, string type, bool required, string? encrypted, IReadOnlyList<string> @enum, IReadOnlyList<CatalogField> children)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Type = type ?? throw new ArgumentNullException(nameof(type));
        Required = required;
        Encrypted = encrypted;
        Enum = @enum ?? throw new ArgumentNullException(nameof(@enum));
        Children = children ?? throw new ArgumentNullException(nameof(children));
    }

    /// <summary>The field name as documented (top-level request rows are options: <c>json</c>, <c>query</c>, <c>headers</c>, path parameters, ...).</summary>
    public string Name { get; }

    /// <summary>The documented type: <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>object</c>, <c>object[]</c>, <c>string[]</c>, ... or <c>true</c> for v2 flags.</summary>
    public string Type { get; }

    /// <summary>Whether the field is marked required.</summary>
    public bool Required { get; }

    /// <summary>The encryption marker (see <see cref="CatalogEncryption"/>), or null for a plain field.</summary>
    public string? Encrypted { get; }

    /// <summary>The documented enum values; empty when the field has none.</summary>
    public IReadOnlyList<string> Enum { get; }

    /// <summary>The nested fields; under a string field they describe its decoded or decrypted payload.</summary>
    public IReadOnlyList<CatalogField> Children { get; }

    /// <summary>Whether the type is an array (<c>object[]</c>, <c>string[]</c>, ...).</summary>
    public bool IsArray => Type.EndsWith("[]", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Encrypted is null ? Name + ": " + Type : Name + ": " + Type + " (" + Encrypted + ")";
}
