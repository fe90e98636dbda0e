using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Shared;

/// <summary>
/// Where <see cref="AnonymousJson"/> writes a body: <see cref="JsonText"/> (compact text, written by the library itself) or
/// <see cref="JsonWriterOutput"/> (Newtonsoft's own writers: a tree, or text that <see cref="JsonText"/> refused).
/// </summary>
internal abstract class JsonOutput
{
    /// <summary>Opens an object.</summary>
    public abstract void StartObject();

    /// <summary>Closes the open object.</summary>
    public abstract void EndObject();

    /// <summary>Opens an array.</summary>
    public abstract void StartArray();

    /// <summary>Closes the open array.</summary>
    public abstract void EndArray();

    /// <summary>Writes a property name of the open object.</summary>
    public abstract void Name(string name);

    /// <summary>Writes null.</summary>
    public abstract void Null();

    /// <summary>Writes a string.</summary>
    public abstract void Text(string text);

    /// <summary>Writes a decimal: a whole one as an integer (<see cref="IntegralDecimalConverter"/>), a fraction as Newtonsoft writes it.</summary>
    public abstract void Decimal(decimal value);

    /// <summary>Writes any other leaf (a number, bool, char, enum, date, time span, Guid or byte array) as Newtonsoft's <c>JsonWriter.WriteValue(object)</c> does.</summary>
    public abstract void Leaf(object value);

    /// <summary>Writes a JSON tree as <c>JToken.WriteTo</c> does with <see cref="IntegralDecimalConverter"/>.</summary>
    public abstract void Token(JToken token);
}
