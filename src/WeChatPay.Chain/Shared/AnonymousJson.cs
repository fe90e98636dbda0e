using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Shared;

/// <summary>
/// Writes an anonymous-object body — the usual body of a script — by walking its properties, without Newtonsoft's contract
/// serializer, whose first use (contracts built by reflection, getters emitted and compiled) is most of a one-call script's
/// start-up. The JSON is the serializer's with <see cref="WeChatPayJson.Settings"/>, byte for byte: properties in
/// declaration order, null properties left out, array items written even when null, whole decimals as integers, every
/// other value as <see cref="JsonWriter.WriteValue(object)"/> writes it. It writes to a <see cref="JsonOutput"/>: text of the
/// library's own (<see cref="JsonText"/>) or one of Newtonsoft's writers. A body holding anything else (a dictionary, a list,
/// a class, a value typed <see cref="object"/>) goes to the serializer whole; whether a type can be walked depends on its
/// declared types alone, so it is decided once per type. In a process that sets <see cref="JsonConvert.DefaultSettings"/>
/// every body keeps going to the serializer, which applies them to the text (a converter of the application's own, say) as
/// it always has.
/// </summary>
internal static class AnonymousJson
{
    private static readonly ConcurrentDictionary<Type, Shape> Shapes = new ConcurrentDictionary<Type, Shape>();

    /// <summary>Whether <paramref name="body"/> is an anonymous object (or an array of them) that <see cref="Write"/> writes.</summary>
    public static bool Handles(object body) => body is not JToken && JsonConvert.DefaultSettings is null && ShapeOf(body.GetType()).Walkable;

    /// <summary>Writes <paramref name="value"/>, of a type <see cref="Handles"/> accepts (or a member of one).</summary>
    public static void Write(JsonOutput output, object? value)
    {
        switch (value)
        {
            case null:
                output.Null();
                return;
            case JToken token:
                output.Token(token);
                return;
            case decimal number:
                output.Decimal(number);
                return;
            case string text:
                output.Text(text);
                return;
            case byte[] _:
                output.Leaf(value);
                return;
            case Array items:
                output.StartArray();
                foreach (var item in items) Write(output, item);
                output.EndArray();
                return;
        }
        var members = ShapeOf(value.GetType()).Members;
        if (members is null)
        {
            output.Leaf(value); // a number, bool, char, enum, date, time span or Guid
            return;
        }
        output.StartObject();
        foreach (var member in members)
        {
            var memberValue = member.Field.GetValue(value);
            if (memberValue is null) continue;
            output.Name(member.Name);
            Write(output, memberValue);
        }
        output.EndObject();
    }

    private static Shape ShapeOf(Type type) => Shapes.TryGetValue(type, out var shape) ? shape : Shapes.GetOrAdd(type, Describe(type));

    // A type is walkable when every value it can hold is known from its declared type: leaves are value types or string,
    // anonymous types are sealed, and an array's items are of a sealed or value type (or JToken, which writes itself).
    private static Shape Describe(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (IsLeaf(underlying)) return Shape.Plain;
        if (typeof(JToken).IsAssignableFrom(type)) return Shape.Plain;
        if (type.IsArray)
        {
            var item = type.GetElementType()!;
            var exact = item.IsValueType || item.IsSealed || typeof(JToken).IsAssignableFrom(item);
            return type.GetArrayRank() == 1 && exact && ShapeOf(item).Walkable ? Shape.Plain : Shape.Refused;
        }
        if (!IsAnonymous(type)) return Shape.Refused;
        // Each property reads the field the C# compiler backs it with: a field's value is read without invoking a getter,
        // which .NET would compile a stub for on its second call.
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var members = new Member[properties.Length];
        for (var i = 0; i < properties.Length; i++)
        {
            var property = properties[i];
            var field = type.GetField($"<{property.Name}>i__Field", BindingFlags.NonPublic | BindingFlags.Instance);
            if (field is null || field.FieldType != property.PropertyType || !ShapeOf(field.FieldType).Walkable) return Shape.Refused;
            members[i] = new Member(property.Name, field);
        }
        return new Shape(true, members);
    }

    private static bool IsLeaf(Type type) =>
        type == typeof(string) || type == typeof(byte[]) || type.IsPrimitive && type != typeof(IntPtr) && type != typeof(UIntPtr) ||
        type == typeof(decimal) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid) ||
        type.IsEnum && !type.IsDefined(typeof(JsonConverterAttribute), false);

    private static bool IsAnonymous(Type type) =>
        type.IsSealed && type.IsGenericType && type.Name.Contains("AnonymousType") && type.IsDefined(typeof(CompilerGeneratedAttribute), false);

    private sealed class Shape
    {
        public static readonly Shape Plain = new Shape(true, null);
        public static readonly Shape Refused = new Shape(false, null);

        public Shape(bool walkable, Member[]? members)
        {
            Walkable = walkable;
            Members = members;
        }

        public bool Walkable { get; }

        /// <summary>An anonymous type's properties in declaration order; null for a value or an array.</summary>
        public Member[]? Members { get; }
    }

    private sealed class Member
    {
        public Member(string name, FieldInfo field)
        {
            Name = name;
            Field = field;
        }

        public string Name { get; }

        public FieldInfo Field { get; }
    }
}
