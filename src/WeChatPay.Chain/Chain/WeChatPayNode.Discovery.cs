using System;
using System.Collections.Generic;
using System.Text;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Paths;

namespace WeChatPay.Chain;

// Discovery from the embedded catalog: what is documented at and below a node. Nothing here runs on the request path.
public partial class WeChatPayNode
{
    /// <summary>
    /// The documented operations at and below this node, by path then method: <c>wxpay.V3.Papay.Operations()</c>. The node's path
    /// may hold templates (<c>_transaction_id_</c>) or concrete values (<c>["4200000001"]</c>).
    /// </summary>
    public IReadOnlyList<WeChatPayOperation> Operations() => WeChatPayOperation.Wrap(OperationCatalog.Default.Below(Path));

    /// <summary>
    /// The documented operation a call with <paramref name="method"/> on this node addresses, e.g.
    /// <c>wxpay.V3.Pay.Transactions.Id["4200000001"].Operation("GET")</c>; null when none is documented.
    /// </summary>
    /// <param name="method">The HTTP method, in any case.</param>
    /// <exception cref="ArgumentNullException"><paramref name="method"/> is null.</exception>
    public WeChatPayOperation? Operation(string method)
    {
        if (method is null) throw new ArgumentNullException(nameof(method));
        var operation = OperationCatalog.Default.Find(method, Path);
        return operation is null ? null : new WeChatPayOperation(operation);
    }

    /// <summary>
    /// A readable summary: the full <see cref="WeChatPayOperation.Describe"/> when exactly one operation is documented at this node and
    /// none below it, otherwise one line per operation at and below it (method, path, title).
    /// </summary>
    public string Describe()
    {
        var operations = OperationCatalog.Default.Below(Path);
        if (operations.Count == 1 && SegmentCount(operations[0].Path) == _path.Segments.Count)
            return new WeChatPayOperation(operations[0]).Describe();

        var where = Path.Length == 0 ? "the API root" : Path;
        if (operations.Count == 0) return "No documented operation at or below " + where + ".\n";

        var pathWidth = 0;
        foreach (var operation in operations) pathWidth = Math.Max(pathWidth, operation.Path.Length);
        var text = new StringBuilder(64 + operations.Count * (pathWidth + 32));
        text.Append(operations.Count).Append(operations.Count == 1 ? " documented operation" : " documented operations").Append(" at or below ").Append(where).Append(":\n");
        foreach (var operation in operations)
        {
            text.Append("  ").Append(operation.Method.PadRight(7)).Append(operation.Path.PadRight(pathWidth))
                .Append("  ").Append(operation.Title).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The segments documented right after this node, as the member names that reach them (<c>PreEntrustSign</c>, <c>ComplaintsV2</c>,
    /// <c>_out_trade_no_</c>, <c>video_upload</c>), so that debuggers and REPLs can offer them; segments no plain identifier reaches are left out.
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public override IEnumerable<string> GetDynamicMemberNames()
    {
        var depth = _path.Segments.Count;
        if (depth > 0 && _path.Segments[depth - 1].Text.Length == 0) return new string[0]; // a trailing '/' ends the path
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var operation in OperationCatalog.Default.Below(Path))
        {
            var segment = SegmentAt(operation.Path, depth);
            if (segment is null) continue;
            var member = MemberName.FromSegment(segment);
            if (member != null) names.Add(member);
        }

        return names;
    }

    private static int SegmentCount(string path)
    {
        var count = 1;
        foreach (var c in path)
        {
            if (c == '/') count++;
        }

        return count;
    }

    // The segment at a zero-based index of a documented path, or null when the path is shorter.
    private static string? SegmentAt(string path, int index)
    {
        var start = 0;
        for (var i = 0; i < index; i++)
        {
            var slash = path.IndexOf('/', start);
            if (slash < 0) return null;
            start = slash + 1;
        }

        var end = path.IndexOf('/', start);
        return end < 0 ? path.Substring(start) : path.Substring(start, end - start);
    }
}
