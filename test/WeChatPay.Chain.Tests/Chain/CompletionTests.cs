using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Paths;

namespace WeChatPay.Chain.Tests.Chain;

/// <summary>
/// What an editor offers after <c>wxpay.V3.</c>: Roslyn's own completion service (the machinery of csharprepl and the IDEs)
/// on a document that references the built library; for every documented path prefix of the catalog, the members the
/// compiler finds there that an editor lists, checked against the completion service on a sample of the prefixes.
/// </summary>
public class CompletionTests
{
    private const string Prefix = "using WeChatPay.Chain;\nvar wxpay = new WeChatPayClient(new WeChatPayOptions());\n";

    private AdhocWorkspace _workspace = null!;
    private Document _document = null!;

    [OneTimeSetUp]
    public void Workspace()
    {
        _workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(WeChatPayClient).Assembly.Location, documentation: XmlDocumentationProvider.CreateFromFile(
                Path.ChangeExtension(typeof(WeChatPayClient).Assembly.Location, ".xml"))));
        var project = _workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Create(), "Script", "Script", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: references));
        _document = _workspace.AddDocument(project.Id, "Script.cs", SourceText.From(Prefix));
    }

    [OneTimeTearDown]
    public void Dispose() => _workspace.Dispose();

    private async Task<(CompletionList List, Document Document)> CompleteAsync(string chain)
    {
        var document = _document.WithText(SourceText.From(Prefix + chain + "\n"));
        var service = CompletionService.GetService(document)!;
        var position = Prefix.Length + chain.Length;
        return (await service.GetCompletionsAsync(document, position), document);
    }

    [Test]
    public async Task After_V3_the_documented_segments_are_offered()
    {
        var (list, _) = await CompleteAsync("wxpay.V3.");
        var names = list.ItemsList.Select(i => i.DisplayText).ToHashSet();

        Assert.That(names, Does.Contain("Papay").And.Contain("Pay").And.Contain("Marketing").And.Contain("Refund"));
        Assert.That(names, Does.Contain("PostAsync").And.Contain("Operations"), "the node's own members stay");
    }

    [Test]
    public async Task A_deep_node_offers_its_children_with_the_operations_they_lead_to()
    {
        var (list, document) = await CompleteAsync("wxpay.V3.Papay.Sign.Contracts.");
        var item = list.ItemsList.Single(i => i.DisplayText == "PreEntrustSign");
        var description = await CompletionService.GetService(document)!.GetDescriptionAsync(document, item);

        Assert.That(description!.Text, Does.Contain("POST v3/papay/sign/contracts/pre-entrust-sign").And.Contain("预签约"));
    }

    [Test]
    public async Task Templates_appear_as_their_members_and_path_values_stay_typed()
    {
        var (byTemplate, _) = await CompleteAsync("wxpay.V3.Pay.Transactions.Id.");
        var (afterValue, _) = await CompleteAsync("wxpay.V3.Pay.Transactions.OutTradeNo[\"order-1\"].");

        Assert.That(byTemplate.ItemsList.Select(i => i.DisplayText), Does.Contain("_transaction_id_"));
        Assert.That(afterValue.ItemsList.Select(i => i.DisplayText), Does.Contain("Close"));
    }

    [Test]
    public async Task After_V2_the_documented_v2_segments_are_offered_with_what_signs_them()
    {
        var (root, _) = await CompleteAsync("wxpay.V2.");
        var (pay, payDocument) = await CompleteAsync("wxpay.V2.Pay.");
        var (secapi, secapiDocument) = await CompleteAsync("wxpay.V2.Secapi.Pay.");
        var service = CompletionService.GetService(payDocument)!;
        var micropay = (await service.GetDescriptionAsync(payDocument, pay.ItemsList.Single(i => i.DisplayText == "Micropay")))!.Text;
        var refund = (await service.GetDescriptionAsync(secapiDocument, secapi.ItemsList.Single(i => i.DisplayText == "Refund")))!.Text;

        Assert.That(root.ItemsList.Select(i => i.DisplayText), Does.Contain("Pay").And.Contain("Mmpaymkttransfers").And.Contain("CgiBin").And.Contain("PostAsync"));
        Assert.That(micropay, Does.Contain("POST v2/pay/micropay").And.Contain("提交付款码支付").And.Contain("APIv2").And.Contain("ApiV2Key"));
        Assert.That(micropay, Does.Not.Contain("certificate"), "micropay needs no client certificate");
        Assert.That(refund, Does.Contain("POST v2/secapi/pay/refund").And.Contain("申请退款").And.Contain("client certificate"));
    }

    [TestCase("v3", 800)]
    [TestCase("v2", 35)]
    public async Task Every_documented_path_prefix_completes_to_its_documented_children(string root, int atLeast)
    {
        // Every node of the catalog's tree that identifiers reach, with the children documented after it.
        var children = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var operation in OperationCatalog.Default.Operations.Where(o => o.Path.StartsWith(root + "/", StringComparison.Ordinal)))
        {
            var chain = "wxpay." + root.ToUpperInvariant();
            foreach (var segment in operation.Path.Split('/').Skip(1))
            {
                var member = MemberName.FromSegment(segment) ?? MemberName.AsWritten(segment); // as the generator names them
                if (member is null) break;
                if (!children.TryGetValue(chain, out var set)) children[chain] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add(member);
                chain += "." + member;
            }
        }

        // One document holds every prefix, a statement each, so that Roslyn binds the library once for the whole sweep.
        var text = new System.Text.StringBuilder(Prefix);
        var positions = new List<(string Chain, int Position)>();
        foreach (var chain in children.Keys)
        {
            text.Append(chain).Append('.');
            positions.Add((chain, text.Length));
            text.Append(";\n");
        }
        var document = _document.WithText(SourceText.From(text.ToString()));
        var service = CompletionService.GetService(document)!;
        var model = (await document.GetSemanticModelAsync())!;
        var deepest = positions.Max(p => p.Chain.Count(c => c == '.'));

        // Every prefix is asked of the compiler (the members an editor may list after the dot: by name, reachable from the
        // script, on an instance, not hidden from editors); every 20th and the deepest also of the completion service (one
        // request each, ~40 ms), which must offer the same documented children.
        var missing = new List<string>();
        for (var i = 0; i < positions.Count; i++)
        {
            var (chain, position) = positions[i];
            var listed = Listed(model, position);
            foreach (var member in children[chain])
                if (!listed.Contains(member)) missing.Add(chain + "." + member);
            if (i % 20 != 0 && chain.Count(c => c == '.') < deepest) continue;
            var offered = (await service.GetCompletionsAsync(document, position)).ItemsList.Select(item => item.DisplayText).ToHashSet();
            foreach (var member in children[chain])
                if (!offered.Contains(member)) missing.Add(chain + "." + member + " (the completion service)");
        }

        Assert.That(children.Count, Is.GreaterThan(atLeast), "the sweep covered every node with documented children");
        Assert.That(missing, Is.Empty);
    }

    // The names of the members the compiler finds on the expression before the dot at `position` that an editor lists:
    // accessible from there, instance members with a name, not [EditorBrowsable(Never)].
    private static HashSet<string> Listed(SemanticModel model, int position)
    {
        var dot = model.SyntaxTree.GetRoot().FindToken(position - 1);
        var access = (Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax)dot.Parent!;
        var type = model.GetTypeInfo(access.Expression).Type;
        if (type is null) return new HashSet<string>();
        return model.LookupSymbols(position, type)
            .Where(symbol => !symbol.IsStatic && symbol.CanBeReferencedByName && symbol.Kind is SymbolKind.Property or SymbolKind.Method or SymbolKind.Field)
            .Where(symbol => !symbol.GetAttributes().Any(a => a.AttributeClass?.Name == "EditorBrowsableAttribute"
                && a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is (int)System.ComponentModel.EditorBrowsableState.Never))
            .Select(symbol => symbol.Name)
            .ToHashSet();
    }
}
