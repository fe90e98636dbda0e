using System;
using Newtonsoft.Json;

namespace WeChatPay.Chain.Shared;

/// <summary>
/// Writes a whole <see cref="decimal"/> as an integer (<c>12535</c>, where Newtonsoft writes <c>12535.0</c>), so that a value a
/// caller gives as a decimal — a generated model's <c>number</c> field such as <c>plan_id</c>, or <c>100m</c> in an anonymous
/// body — reaches WeChat Pay as the number it is; a fraction is written as Newtonsoft writes it. Reading is Newtonsoft's own.
/// </summary>
internal sealed class IntegralDecimalConverter : JsonConverter
{
    public override bool CanRead => false;

    public override bool CanConvert(Type objectType) => objectType == typeof(decimal) || objectType == typeof(decimal?);

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        switch (value)
        {
            case null:
                writer.WriteNull();
                break;
            default:
                Write(writer, (decimal)value);
                break;
        }
    }

    /// <summary>Writes <paramref name="value"/>: a whole one as an integer, a fraction as Newtonsoft writes it.</summary>
    public static void Write(JsonWriter writer, decimal value)
    {
        if (TryWhole(value, out var whole)) writer.WriteValue(whole);
        else writer.WriteValue(value);
    }

    /// <summary>Whether <paramref name="value"/> is written as the integer <paramref name="whole"/>: whole, and within a long.</summary>
    public static bool TryWhole(decimal value, out long whole)
    {
        var isWhole = decimal.Truncate(value) == value && value >= long.MinValue && value <= long.MaxValue;
        whole = isWhole ? (long)value : 0;
        return isWhole;
    }

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
        throw new NotSupportedException("Only written: Newtonsoft reads decimals itself.");
}
