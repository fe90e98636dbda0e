using Microsoft.CodeAnalysis;

namespace WeChatPay.Chain.Analyzers;

/// <summary>The diagnostics of <see cref="WeChatPayBodyAnalyzer"/>: each says what the documentation of the operation expects.</summary>
internal static class Descriptors
{
    private const string Category = "WeChatPay";

    /// <summary>WCP001, at the member's name: the operation documents no field of that name here.</summary>
    public static readonly DiagnosticDescriptor UndocumentedField = new DiagnosticDescriptor(
        "WCP001",
        "Field not documented for this operation",
        "{0} does not document the field '{1}'{2}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        description: "The anonymous object names a field the operation's documentation does not list at this level; WeChat Pay rejects or ignores it.");

    /// <summary>WCP002, at the <c>new</c> keyword of the anonymous object that should hold the field.</summary>
    public static readonly DiagnosticDescriptor MissingRequiredField = new DiagnosticDescriptor(
        "WCP002",
        "Required field missing",
        "{0} requires the field '{1}'",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        description: "The anonymous object leaves out a field the operation's documentation marks required.");

    /// <summary>WCP003, at the member's name: a fractional number where the documentation says integer.</summary>
    public static readonly DiagnosticDescriptor NonIntegerNumber = new DiagnosticDescriptor(
        "WCP003",
        "Integer field given a fractional number",
        "{0} documents '{1}' as an integer (amounts are whole fen), but it is given a {2}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        description: "The documentation types the field integer; a double, float or decimal value is sent as a fractional number (0.01 yuan is 1 fen).");

    /// <summary>WCP004, at the member's name: a string where an object is documented, or an object where a string is.</summary>
    public static readonly DiagnosticDescriptor WrongShape = new DiagnosticDescriptor(
        "WCP004",
        "Object and string mixed up",
        "{0} documents '{1}' as {2}, but it is given {3}",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        description: "The documentation types the field as an object (or array of objects) and the value is a string, or the reverse.");
}
