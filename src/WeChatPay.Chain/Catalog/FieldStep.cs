namespace WeChatPay.Chain.Catalog;

/// <summary>One step of a <see cref="FieldPath"/>: a property name, and whether it names an array whose every element goes on.</summary>
internal readonly struct FieldStep
{
    public FieldStep(string name, bool eachElement)
    {
        Name = name;
        EachElement = eachElement;
    }

    /// <summary>The JSON property name.</summary>
    public string Name { get; }

    /// <summary>True for <c>name[]</c>: the property is an array and every element is visited.</summary>
    public bool EachElement { get; }

    /// <inheritdoc />
    public override string ToString() => EachElement ? Name + "[]" : Name;
}
