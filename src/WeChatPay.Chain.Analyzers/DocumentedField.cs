using System.Collections.Generic;

namespace WeChatPay.Chain.Analyzers;

/// <summary>One documented request field: its name, type, whether it is required, and its nested fields.</summary>
internal sealed class DocumentedField
{
    public DocumentedField(string name, string type, bool required)
    {
        Name = name;
        Type = type;
        Required = required;
    }

    public string Name { get; }

    /// <summary>The documented type: <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>object</c>, <c>object[]</c>, ...</summary>
    public string Type { get; }

    public bool Required { get; }

    public List<DocumentedField> Children { get; } = new List<DocumentedField>();

    /// <summary>Whether the documentation says a whole number (<c>integer</c> or <c>integer[]</c>).</summary>
    public bool IsInteger => Type == "integer" || Type == "integer[]";

    /// <summary>Whether the documentation says an object or an array of objects.</summary>
    public bool IsObject => Type == "object" || Type == "object[]";

    /// <summary>Whether the documentation says a plain string (no nested payload described under it).</summary>
    public bool IsPlainString => Type == "string" && Children.Count == 0;
}
