namespace WeChatPay.Chain.Paths;

/// <summary>One URL path segment: an already percent-escaped literal, or a named template value filled at call time.</summary>
internal readonly struct PathSegment
{
    private PathSegment(string text, bool isTemplate)
    {
        Text = text;
        IsTemplate = isTemplate;
    }

    /// <summary>The escaped literal, or the template's name (without braces).</summary>
    public string Text { get; }

    /// <summary>True for a <c>{name}</c> segment.</summary>
    public bool IsTemplate { get; }

    /// <summary>A literal segment; <paramref name="escaped"/> must already be percent-escaped.</summary>
    public static PathSegment Literal(string escaped) => new PathSegment(escaped, false);

    /// <summary>A template segment named <paramref name="name"/>.</summary>
    public static PathSegment Template(string name) => new PathSegment(name, true);

    /// <inheritdoc />
    public override string ToString() => IsTemplate ? "{" + Text + "}" : Text;
}
