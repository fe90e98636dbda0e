using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace WeChatPay.Chain.Analyzers;

/// <summary>
/// Checks an anonymous object against the documented fields of one operation, into nested anonymous objects and arrays of them:
/// WCP001, WCP003 and WCP004 at the member's name, WCP002 at the <c>new</c> keyword of the object that leaves a field out.
/// </summary>
internal sealed class BodyChecker
{
    private readonly OperationAnalysisContext _context;
    private readonly SemanticModel _model;
    private readonly DocumentedOperation _operation;
    private readonly bool _v3;

    public BodyChecker(OperationAnalysisContext context, SemanticModel model, DocumentedOperation operation)
    {
        _context = context;
        _model = model;
        _operation = operation;
        _v3 = operation.Path.StartsWith("v3/", StringComparison.Ordinal);
    }

    /// <summary>Checks the top-level object: a GET's query (where the path's placeholders may be filled too) or a body.</summary>
    public void CheckTop(AnonymousObjectCreationExpressionSyntax body)
    {
        var extra = _operation.Method == "GET" ? _operation.Placeholders : (IReadOnlyList<string>)Array.Empty<string>();
        CheckObject(body, _operation.Fields, string.Empty, extra);
    }

    private void CheckObject(AnonymousObjectCreationExpressionSyntax anonymous, IReadOnlyList<DocumentedField> fields, string prefix, IReadOnlyList<string> extra)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in anonymous.Initializers)
        {
            var (name, location) = NameOf(member);
            if (name is null) continue;
            present.Add(name);
            var field = fields.FirstOrDefault(f => f.Name == name);
            if (field is null)
            {
                if (extra.Contains(name, StringComparer.Ordinal)) continue;
                var nearest = Nearest.Name(name, fields.Select(f => f.Name).Concat(extra));
                Report(Descriptors.UndocumentedField, location, prefix + name, nearest is null ? string.Empty : "; did you mean '" + nearest + "'?");
                continue;
            }
            CheckValue(field, member.Expression, location, prefix + name);
        }
        foreach (var field in fields)
        {
            if (field.Required && !present.Contains(field.Name))
                Report(Descriptors.MissingRequiredField, anonymous.NewKeyword.GetLocation(), prefix + field.Name);
        }
    }

    private void CheckValue(DocumentedField field, ExpressionSyntax value, Location location, string path)
    {
        while (value is ParenthesizedExpressionSyntax parenthesized) value = parenthesized.Expression;
        if (value is AnonymousObjectCreationExpressionSyntax nested)
        {
            CheckNested(field, nested, location, path);
            return;
        }
        if (Elements(value) is { } elements)
        {
            foreach (var element in elements)
            {
                var item = element;
                while (item is ParenthesizedExpressionSyntax parenthesized) item = parenthesized.Expression;
                if (item is AnonymousObjectCreationExpressionSyntax anonymousItem) CheckNested(field, anonymousItem, location, path + "[]");
                else CheckScalar(field, item, location, path);
            }
            return;
        }
        CheckScalar(field, value, location, path);
    }

    private void CheckNested(DocumentedField field, AnonymousObjectCreationExpressionSyntax nested, Location location, string path)
    {
        if (_v3 && field.IsPlainString)
            Report(Descriptors.WrongShape, location, path, "a string", "an object");
        else if (field.Children.Count > 0)
            CheckObject(nested, field.Children, path + ".", Array.Empty<string>());
    }

    private void CheckScalar(DocumentedField field, ExpressionSyntax value, Location location, string path)
    {
        var type = _model.GetTypeInfo(value, _context.CancellationToken).Type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable) type = nullable.TypeArguments[0];
        if (type is null) return;
        if (field.IsInteger && type.SpecialType is SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Decimal)
            Report(Descriptors.NonIntegerNumber, location, path, type.ToDisplayString());
        else if (field.IsObject && type.SpecialType == SpecialType.System_String)
            Report(Descriptors.WrongShape, location, path, field.Type == "object" ? "an object" : "an array of objects", "a string");
    }

    // The elements of an array written in place: new[] { … }, new T[] { … }, or a collection expression [ … ].
    private static IEnumerable<ExpressionSyntax>? Elements(ExpressionSyntax value) => value switch
    {
        ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
        ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
        CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression),
        _ => null,
    };

    // The member's name and where to report on it: the name of `name = value`, or the whole of a projection such as `x.name`.
    private static (string? Name, Location Location) NameOf(AnonymousObjectMemberDeclaratorSyntax member)
    {
        if (member.NameEquals is { } nameEquals) return (nameEquals.Name.Identifier.ValueText, nameEquals.Name.GetLocation());
        var name = member.Expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            _ => null,
        };
        return (name, member.Expression.GetLocation());
    }

    private void Report(DiagnosticDescriptor descriptor, Location location, params object[] arguments) =>
        _context.ReportDiagnostic(Diagnostic.Create(descriptor, location, new object[] { _operation.ToString() }.Concat(arguments).ToArray()));
}
