using System;
using System.Diagnostics;
using WeChatPay.Chain.Paths;
using WeChatPay.Chain.Http;

namespace WeChatPay.Chain;

/// <summary>
/// One point of the URL chain, e.g. <c>v3/pay/transactions/id/{transaction_id}</c>. Members become segments
/// (<c>PreEntrustSign</c> → <c>pre-entrust-sign</c>), the indexer appends a literal value, and the verbs send the call.
/// Use it as <c>dynamic</c> for the pure chain style.
/// </summary>
[DebuggerDisplay("{Display,nq}")]
public partial class WeChatPayNode : System.Dynamic.DynamicObject
{
    private readonly CallPipeline _pipeline;
    private readonly PathTemplate _path;

    internal WeChatPayNode(CallPipeline pipeline, PathTemplate path)
    {
        _pipeline = pipeline;
        _path = path;
    }

    /// <summary>The path as documented, without leading slash; templates shown as <c>{name}</c>.</summary>
    public string Path => _path.Text;

    /// <summary>Appends one literal value as a segment, percent-escaped and never case-mangled (a '/' in the value becomes %2F).</summary>
    /// <exception cref="ArgumentException">The value is null, empty, <c>.</c> or <c>..</c>, or not valid UTF-16.</exception>
    public WeChatPayNode this[string value]
    {
        get => new WeChatPayNode(_pipeline, ValuePath(value));
    }

    /// <summary>Appends a number as a segment, written in invariant digits (<c>stocks[98065001]</c>).</summary>
    public WeChatPayNode this[long value] => this[value.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>Appends a relative path written as in the docs (split on '/', <c>{name}</c> segments are templates, nothing case-mangled).</summary>
    /// <exception cref="ArgumentException">The path is empty or malformed.</exception>
    public WeChatPayNode Chain(string path) => new WeChatPayNode(_pipeline, _path.AppendPath(path));

    /// <summary>The path, e.g. <c>v3/pay/transactions/id/{transaction_id}</c>.</summary>
    public override string ToString() => Path;

    // What a debugger or a REPL shows: the path and what is documented at and below it (up to three operations by name).
    internal string Display
    {
        get
        {
            var operations = Catalog.OperationCatalog.Default.Below(Path);
            if (operations.Count == 0) return Path + " (no documented operation at or below it; Chain() and the indexer still call it)";
            if (operations.Count > 3) return $"{Path} ({operations.Count} documented operations at and below; Describe() lists them)";
            var text = new System.Text.StringBuilder(Path).Append(':');
            foreach (var operation in operations) text.Append(' ').Append(operation.Method).Append(' ').Append(operation.Path).Append(' ').Append(operation.Title).Append(';');
            return text.ToString(0, text.Length - 1);
        }
    }

    private WeChatPayNode Member(string name) => new WeChatPayNode(_pipeline, MemberPath(name));

    // For the generated typed chain (Nodes.g.cs): the pipeline, and the paths a member and a path value reach, exactly as
    // the dynamic member and the indexer reach them.
    private protected CallPipeline Pipeline => _pipeline;

    private protected PathTemplate MemberPath(string name)
    {
        var segment = SegmentName.Normalize(name);
        return _path.Append(SegmentName.IsTemplate(name)
            ? PathSegment.Template(segment.Substring(1, segment.Length - 2))
            : PathSegment.Literal(PathTemplate.EscapeValue(segment, null, Path)));
    }

    private protected PathTemplate ValuePath(string value)
    {
        if (string.IsNullOrEmpty(value))
            throw new ArgumentException($"A path value after '{Path}' cannot be null or empty.", nameof(value));
        return _path.Append(PathSegment.Literal(PathTemplate.EscapeValue(value, null, Path)));
    }
}
