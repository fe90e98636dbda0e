using System;

namespace WeChatPay.Chain;

/// <summary>
/// A documented enumeration, held as the text WeChat Pay sends: the generated types name the documented values, and any other
/// value (one the documentation does not list yet) is still read and written as it is. Two values are equal when their text is.
/// </summary>
[Newtonsoft.Json.JsonConverter(typeof(WeChatPayEnumConverter))]
public abstract class WeChatPayEnum : IEquatable<WeChatPayEnum>
{
    /// <summary>Holds <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    protected WeChatPayEnum(string value)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The text as sent on the wire, e.g. <c>SUCCESS</c>.</summary>
    public string Value { get; }

    /// <summary>Whether <paramref name="other"/> is the same type with the same text.</summary>
    public bool Equals(WeChatPayEnum? other) => other is not null && other.GetType() == GetType() && string.Equals(other.Value, Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as WeChatPayEnum);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The text, e.g. <c>SUCCESS</c>.</summary>
    public override string ToString() => Value;

    /// <summary>Whether both are null, or hold the same text.</summary>
    public static bool operator ==(WeChatPayEnum? left, WeChatPayEnum? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether they differ.</summary>
    public static bool operator !=(WeChatPayEnum? left, WeChatPayEnum? right) => !(left == right);
}
