using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace WeChatPay.Chain.Analyzers;

/// <summary>
/// The embedded <c>operations.txt</c> (written by the catalog generator's AnalyzerDataWriter), read once on first use and
/// shared by every compilation: the documented operations, and which one each typed-chain call reaches.
/// </summary>
internal sealed class OperationData
{
    private static readonly Lazy<OperationData> Embedded = new Lazy<OperationData>(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, DocumentedOperation> _byKey = new Dictionary<string, DocumentedOperation>(StringComparer.Ordinal);
    private readonly Dictionary<string, List<KeyValuePair<string[], DocumentedOperation>>> _bySegments =
        new Dictionary<string, List<KeyValuePair<string[], DocumentedOperation>>>(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nodePaths = new Dictionary<string, string>(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _shorthandPaths = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The data embedded in this assembly.</summary>
    public static OperationData Default => Embedded.Value;

    /// <summary>The documented path prefix of a typed-chain node class (<c>V3_Pay_Transactions</c>), or null.</summary>
    public string? NodePath(string className) => _nodePaths.TryGetValue(className, out var path) ? path : null;

    /// <summary>The path a shorthand member of a <c>…_Calls</c> class posts to, or null.</summary>
    public string? ShorthandPath(string callsClassName, string member) =>
        _shorthandPaths.TryGetValue(callsClassName + "." + member, out var path) ? path : null;

    /// <summary>
    /// The operation a call with <paramref name="method"/> on <paramref name="path"/> reaches: the documented template itself, or
    /// the template a concrete path fills (a literal segment beats a placeholder); null when none is documented.
    /// </summary>
    public DocumentedOperation? Find(string method, string path)
    {
        if (_byKey.TryGetValue(method + " " + path, out var exact)) return exact;
        if (!_bySegments.TryGetValue(method, out var candidates)) return null;
        var segments = path.Split('/');
        DocumentedOperation? best = null;
        var bestLiterals = -1;
        foreach (var candidate in candidates)
        {
            var template = candidate.Key;
            if (template.Length != segments.Length) continue;
            var literals = 0;
            for (var i = 0; i < template.Length && literals >= 0; i++)
            {
                if (string.Equals(template[i], segments[i], StringComparison.Ordinal)) literals++;
                else if (!IsPlaceholder(template[i]) || segments[i].Length == 0) literals = -1;
            }
            if (literals > bestLiterals)
            {
                best = candidate.Value;
                bestLiterals = literals;
            }
        }
        return best;
    }

    /// <summary>Reads data in the format of <c>operations.txt</c>.</summary>
    public static OperationData Parse(TextReader reader)
    {
        var data = new OperationData();
        DocumentedOperation? operation = null;
        var open = new List<DocumentedField>();
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var words = line.Trim().Split(' ');
            switch (line[0])
            {
                case '>':
                    operation = new DocumentedOperation(words[1], words[2]);
                    data.Add(operation);
                    open.Clear();
                    break;
                case ' ' when operation != null:
                    var depth = line.Length - line.TrimStart(' ').Length;
                    var field = new DocumentedField(words[0], words[1], words.Length > 2 && words[2] == "!");
                    if (open.Count >= depth) open.RemoveRange(depth - 1, open.Count - depth + 1);
                    (depth == 1 ? operation.Fields : open[open.Count - 1].Children).Add(field);
                    open.Add(field);
                    break;
                case '{' when operation != null:
                    operation.Placeholders.Add(line.Substring(1, line.Length - 2));
                    break;
                case '=':
                    data._nodePaths[words[1]] = words[2];
                    break;
                case '+':
                    data._shorthandPaths[words[1] + "." + words[2]] = words[3];
                    break;
                default:
                    throw new InvalidDataException("Unreadable analyzer data line: " + line);
            }
        }
        return data;
    }

    private void Add(DocumentedOperation operation)
    {
        _byKey[operation.Method + " " + operation.Path] = operation;
        if (!_bySegments.TryGetValue(operation.Method, out var list)) _bySegments[operation.Method] = list = new List<KeyValuePair<string[], DocumentedOperation>>();
        list.Add(new KeyValuePair<string[], DocumentedOperation>(operation.Path.Split('/'), operation));
    }

    private static bool IsPlaceholder(string segment) => segment.Length > 2 && segment[0] == '{' && segment[segment.Length - 1] == '}';

    private static OperationData Load()
    {
        using var stream = typeof(OperationData).Assembly.GetManifestResourceStream("WeChatPay.Chain.Analyzers.operations.txt")
            ?? throw new InvalidOperationException("The analyzer data operations.txt is not embedded.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
