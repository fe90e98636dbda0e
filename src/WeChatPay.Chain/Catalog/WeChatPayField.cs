using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain;

/// <summary>One documented request, query or response field of a <see cref="WeChatPayOperation"/>, with its nested fields.</summary>
public sealed class WeChatPayField
{
    private static readonly IReadOnlyList<WeChatPayField> NoFields = new ReadOnlyCollection<WeChatPayField>(new WeChatPayField[0]);

    private readonly CatalogField _field;
    private IReadOnlyList<WeChatPayField>? _children;
    private IReadOnlyList<string>? _enum;

    internal WeChatPayField(CatalogField field) => _field = field;

    /// <summary>The field name as documented, e.g. <c>sign_scene</c>.</summary>
    public string Name => _field.Name;

    /// <summary>The documented type: <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>object</c>, <c>object[]</c>, <c>string[]</c>, ...</summary>
    public string Type => _field.Type;

    /// <summary>Whether the field is marked required.</summary>
    public bool Required => _field.Required;

    /// <summary>
    /// Whether the field is sensitive: a request field encrypted with the platform key before sending, or a response field
    /// that arrives encrypted with the merchant key.
    /// </summary>
    public bool IsEncrypted =>
        string.Equals(_field.Encrypted, CatalogEncryption.RsaPlatform, StringComparison.Ordinal) ||
        string.Equals(_field.Encrypted, CatalogEncryption.RsaMerchant, StringComparison.Ordinal);

    /// <summary>The documented enum values; empty when the field takes any value of its type.</summary>
    public IReadOnlyList<string> Enum => _enum ??= ReadOnly.Of(_field.Enum);

    /// <summary>The nested fields (of an object, of the elements of an array); empty for a plain value.</summary>
    public IReadOnlyList<WeChatPayField> Children => _children ??= Wrap(_field.Children);

    /// <summary>The name and type, e.g. <c>plan_id: number</c>.</summary>
    public override string ToString() => Name + ": " + Type;

    internal static IReadOnlyList<WeChatPayField> Wrap(IReadOnlyList<CatalogField> fields)
    {
        if (fields.Count == 0) return NoFields;
        var wrapped = new WeChatPayField[fields.Count];
        for (var i = 0; i < wrapped.Length; i++) wrapped[i] = new WeChatPayField(fields[i]);
        return new ReadOnlyCollection<WeChatPayField>(wrapped);
    }
}
