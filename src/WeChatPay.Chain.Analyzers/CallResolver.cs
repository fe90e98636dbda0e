using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace WeChatPay.Chain.Analyzers;

/// <summary>
/// Tells statically which documented operation a call reaches and what its first argument is: a verb on a typed-chain node
/// (however the node is held), a shorthand of a <c>…_Calls</c> class, or a verb on <c>Chain("…")</c> or <c>["…"]</c> with a
/// constant path. Anything else is left alone.
/// </summary>
internal sealed class CallResolver
{
    private const string NodesNamespace = "WeChatPay.Chain.Nodes";

    private static readonly Dictionary<string, string> Verbs = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GetAsync"] = "GET", ["Get"] = "GET", ["PostAsync"] = "POST", ["Post"] = "POST", ["PutAsync"] = "PUT", ["Put"] = "PUT",
        ["PatchAsync"] = "PATCH", ["Patch"] = "PATCH", ["DeleteAsync"] = "DELETE", ["Delete"] = "DELETE",
    };

    private readonly INamedTypeSymbol _node;
    private readonly INamedTypeSymbol? _client;
    private readonly OperationData _data;

    public CallResolver(INamedTypeSymbol node, INamedTypeSymbol? client, OperationData data)
    {
        _node = node;
        _client = client;
        _data = data;
    }

    /// <summary>The operation <paramref name="invocation"/> reaches when its first argument is an anonymous object (in place or a variable's initializer); otherwise null.</summary>
    public DocumentedOperation? Resolve(IInvocationOperation invocation, out AnonymousObjectCreationExpressionSyntax? body)
    {
        body = null;
        var method = invocation.TargetMethod;
        if (method.Parameters.Length == 0 || method.Parameters[0].Type.SpecialType != SpecialType.System_Object) return null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0 && argument.ArgumentKind == ArgumentKind.Explicit && argument.Syntax is ArgumentSyntax syntax)
                body = Anonymous(Unwrap(syntax.Expression), invocation.SemanticModel);
        }
        if (body is null) return null;

        var type = method.ContainingType;
        if (Verbs.TryGetValue(method.Name, out var verb) && SymbolEqualityComparer.Default.Equals(type, _node))
            return ReceiverPath(invocation.Instance) is { } path ? _data.Find(verb, path) : null;
        if (IsNodeClass(type) && type.Name.EndsWith("_Calls", StringComparison.Ordinal))
            return _data.ShorthandPath(type.Name, method.Name) is { } posted ? _data.Find("POST", posted) : null;
        return null;
    }

    // The documented or constant path of the node a verb is called on; null when it cannot be known statically.
    private string? ReceiverPath(IOperation? receiver)
    {
        while (receiver is IConversionOperation conversion && conversion.IsImplicit) receiver = conversion.Operand;
        if (receiver is null) return null;
        if (receiver.Type is INamedTypeSymbol type && IsNodeClass(type)) return _data.NodePath(type.Name);
        if (receiver is IInvocationOperation { TargetMethod.Name: "Chain" } chain && chain.Arguments.Length == 1 && IsChainType(chain.TargetMethod.ContainingType))
            return Combine(chain.Instance, chain.Arguments[0].Value, segment: false);
        if (receiver is IPropertyReferenceOperation { Property.IsIndexer: true } indexer && indexer.Arguments.Length == 1 && IsChainType(indexer.Property.ContainingType)
            && indexer.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
            return Combine(indexer.Instance, indexer.Arguments[0].Value, segment: !IsClient(indexer.Instance));
        return null;
    }

    // A constant path appended to the client (from the root) or to a node whose own path is known; a node's indexer adds one segment.
    private string? Combine(IOperation? instance, IOperation argument, bool segment)
    {
        if (!(argument.ConstantValue.HasValue && argument.ConstantValue.Value is string text) || text.IndexOfAny(new[] { '?', '#' }) >= 0) return null;
        if (segment && text.IndexOf('/') >= 0) return null;
        text = text.TrimStart('/');
        if (IsClient(instance)) return text;
        var prefix = ReceiverPath(instance);
        return prefix is null ? null : prefix + "/" + text;
    }

    private bool IsClient(IOperation? instance) => instance?.Type is { } type && SymbolEqualityComparer.Default.Equals(type, _client);

    private bool IsChainType(INamedTypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(type, _node) || SymbolEqualityComparer.Default.Equals(type, _client);

    private static bool IsNodeClass(INamedTypeSymbol type) => type.ContainingNamespace?.ToDisplayString() == NodesNamespace;

    // An anonymous object written in place, or the one a local (or a script's top-level variable) is declared with: an anonymous
    // type is immutable and a variable of it can only ever hold objects of that same shape.
    private static AnonymousObjectCreationExpressionSyntax? Anonymous(ExpressionSyntax expression, SemanticModel? model)
    {
        if (expression is AnonymousObjectCreationExpressionSyntax anonymous) return anonymous;
        if (!(expression is IdentifierNameSyntax) || model is null) return null;
        var symbol = model.GetSymbolInfo(expression).Symbol;
        if (!(symbol is ILocalSymbol || symbol is IFieldSymbol) || symbol.DeclaringSyntaxReferences.Length != 1) return null;
        return symbol.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer: { } initializer } declarator
            && declarator.SyntaxTree == expression.SyntaxTree
            ? Unwrap(initializer.Value) as AnonymousObjectCreationExpressionSyntax
            : null;
    }

    private static ExpressionSyntax Unwrap(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized) expression = parenthesized.Expression;
        return expression;
    }
}
