using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace WeChatPay.Chain.Analyzers;

/// <summary>
/// Checks the anonymous-object bodies and queries passed to WeChatPay.Chain calls whose operation is known statically against
/// the documented fields (WCP001 undocumented field, WCP002 required field missing, WCP003 fractional number for an integer,
/// WCP004 object and string mixed up).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WeChatPayBodyAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The four diagnostics this analyzer reports.</summary>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.UndocumentedField, Descriptors.MissingRequiredField, Descriptors.NonIntegerNumber, Descriptors.WrongShape);

    /// <summary>Registers the invocation check for compilations that reference WeChatPay.Chain, and nothing for the others.</summary>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var node = start.Compilation.GetTypeByMetadataName("WeChatPay.Chain.WeChatPayNode");
            if (node is null) return;
            var client = start.Compilation.GetTypeByMetadataName("WeChatPay.Chain.WeChatPayClient");
            CallResolver? resolver = null;
            start.RegisterOperationAction(action =>
            {
                // The embedded data is read on the first call worth checking, once for every compilation.
                resolver ??= new CallResolver(node, client, OperationData.Default);
                var invocation = (IInvocationOperation)action.Operation;
                if (resolver.Resolve(invocation, out var body) is { } operation && body is not null && invocation.SemanticModel is { } model)
                    new BodyChecker(action, model, operation).CheckTop(body);
            }, OperationKind.Invocation);
        });
    }
}
