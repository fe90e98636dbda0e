using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;

namespace WeChatPay.Chain.Cli.Repl;

/// <summary>
/// One <c>wxpay repl</c> session: C# submissions evaluated by Roslyn scripting one after another (state carried over),
/// whether a submission is complete (multi-line input), and completion at the prompt from Roslyn's completion service
/// over everything submitted so far, the same machinery editors use.
/// </summary>
internal sealed class ReplSession : IDisposable
{
    private static readonly string[] Imports = { "System", "System.Linq", "System.Threading.Tasks", "WeChatPay.Chain", "Newtonsoft.Json.Linq" };

    private readonly ReplGlobals _globals;
    private readonly ScriptOptions _options;
    private readonly StringBuilder _history = new();
    private readonly AdhocWorkspace _workspace;
    private readonly ProjectId _project;
    private ScriptState<object?>? _state;

    public ReplSession(ReplGlobals globals)
    {
        _globals = globals;
        var assemblies = new[] { typeof(WeChatPayClient).Assembly, typeof(Newtonsoft.Json.Linq.JToken).Assembly, typeof(Sandbox.WeChatPaySandbox).Assembly, typeof(ReplGlobals).Assembly };
        _options = ScriptOptions.Default.AddReferences(assemblies).AddImports(Imports);

        _workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(assemblies.Select(a => a.Location)).Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path, documentation: Documentation(path)));
        _project = ProjectId.CreateNewId();
        _workspace.AddProject(ProjectInfo.Create(_project, VersionStamp.Create(), "repl", "repl", LanguageNames.CSharp, isSubmission: true,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: Imports),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script),
            metadataReferences: references, hostObjectType: typeof(ReplGlobals)));
    }

    /// <summary>Whether <paramref name="code"/> is a whole submission (else the prompt reads another line).</summary>
    public static bool IsComplete(string code) =>
        SyntaxFactory.IsCompleteSubmission(SyntaxFactory.ParseSyntaxTree(code, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script)));

    /// <summary>Evaluates one submission; returns its value (null for a statement) or throws what the script threw.</summary>
    /// <exception cref="CompilationErrorException">The submission does not compile.</exception>
    public async Task<object?> EvaluateAsync(string code, CancellationToken cancellationToken)
    {
        _state = _state is null
            ? await CSharpScript.RunAsync<object?>(code, _options, _globals, typeof(ReplGlobals), cancellationToken).ConfigureAwait(false)
            : await _state.ContinueWithAsync<object?>(code, _options, cancellationToken).ConfigureAwait(false);
        // Kept for completion as a statement: a trailing expression (the REPL's way to print) gets its semicolon.
        var trimmed = code.TrimEnd();
        _history.Append(trimmed).Append(trimmed.EndsWith(";", StringComparison.Ordinal) || trimmed.EndsWith("}", StringComparison.Ordinal) ? "\n" : ";\n");
        var value = _state.ReturnValue;
        // An awaited expression's value is already there; a Task result is awaited for the reader.
        if (value is Task task)
        {
            await task.ConfigureAwait(false);
            var result = task.GetType().GetProperty("Result");
            value = result is not null && result.PropertyType.Name != "VoidTaskResult" ? result.GetValue(task) : null;
        }
        return value;
    }

    /// <summary>The completions at the end of <paramref name="line"/>, after everything submitted so far: (text, description).</summary>
    public async Task<IReadOnlyList<(string Text, string Description)>> CompleteAsync(string line, CancellationToken cancellationToken)
    {
        var text = _history + line;
        var document = _workspace.CurrentSolution.GetProject(_project)!.Documents.FirstOrDefault()
            ?? _workspace.AddDocument(DocumentInfo.Create(DocumentId.CreateNewId(_project), "submission.csx", sourceCodeKind: SourceCodeKind.Script,
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(string.Empty), VersionStamp.Create()))));
        document = document.WithText(SourceText.From(text));
        var service = CompletionService.GetService(document);
        if (service is null) return Array.Empty<(string, string)>();
        var list = await service.GetCompletionsAsync(document, text.Length, cancellationToken: cancellationToken).ConfigureAwait(false);
        var word = CurrentWord(line);
        var items = new List<(string, string)>();
        var first = true;
        foreach (var item in list.ItemsList.Where(i => i.DisplayText.StartsWith(word, StringComparison.OrdinalIgnoreCase)).Take(200))
        {
            // The documentation of the first candidate only: it is what the prompt shows.
            var description = first ? await service.GetDescriptionAsync(document, item, cancellationToken).ConfigureAwait(false) : null;
            first = false;
            items.Add((item.DisplayText, description?.Text ?? string.Empty));
        }
        return items;
    }

    /// <summary>The identifier being typed at the end of <paramref name="line"/>.</summary>
    public static string CurrentWord(string line)
    {
        var start = line.Length;
        while (start > 0 && (char.IsLetterOrDigit(line[start - 1]) || line[start - 1] == '_')) start--;
        return line.Substring(start);
    }

    public void Dispose() => _workspace.Dispose();

    private static DocumentationProvider? Documentation(string assemblyPath)
    {
        var xml = Path.ChangeExtension(assemblyPath, ".xml");
        return File.Exists(xml) ? XmlDocumentationProvider.CreateFromFile(xml) : null;
    }
}
