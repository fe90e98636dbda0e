using WeChatPay.Chain.Shared;
using System;
using System.ComponentModel;
using System.Dynamic;
using System.Globalization;
using System.Threading;
using WeChatPay.Chain.Paths;

namespace WeChatPay.Chain;

// The dynamic face of the node: the only place in the library where `dynamic` binding happens.
public partial class WeChatPayNode
{
    /// <summary><c>node.PreEntrustSign</c>: appends the member as a segment (probe names such as <c>GetAwaiter</c> are refused).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool TryGetMember(GetMemberBinder binder, out object? result)
    {
        result = null;
        if (ProbeNames.Contains(binder.Name)) return false;
        result = Member(binder.Name);
        return true;
    }

    /// <summary><c>node[value]</c> and <c>node[a, b]</c>: appends each value as a literal segment.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool TryGetIndex(GetIndexBinder binder, object?[] indexes, out object? result)
    {
        var node = this;
        foreach (var index in indexes)
        {
            var text = index switch
            {
                null => null,
                string s => s,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => index.ToString(),
            };
            node = node[text!];
        }
        result = node;
        return true;
    }

    /// <summary>
    /// <c>node.Presign(body)</c> is the shorthand for <c>node.Presign.PostAsync(body)</c>; <c>node.post(body)</c> and the other
    /// verb names in any case are the verbs themselves.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool TryInvokeMember(InvokeMemberBinder binder, object?[]? args, out object? result)
    {
        result = null;
        if (ProbeNames.Contains(binder.Name)) return false;
        args ??= new object?[0];
        if (TryVerb(binder.Name, args, out result)) return true;
        result = Member(binder.Name).Shorthand(args);
        return true;
    }

    /// <summary>Invoking a node held as dynamic (<c>dynamic presign = wxpay.V3.Eduschoolpay.Contracts.Presign; await presign(body);</c>) is an async POST.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool TryInvoke(InvokeBinder binder, object?[]? args, out object? result)
    {
        result = Shorthand(args ?? new object?[0]);
        return true;
    }

    // The DynamicObject members a chain does not use, hidden from completion (they behave as DynamicObject's own: a node
    // cannot be assigned to, deleted from, converted or operated on).

    /// <summary>A node's members cannot be assigned.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool TrySetMember(SetMemberBinder binder, object? value) => false;

    /// <summary>A node's path values cannot be assigned.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool TrySetIndex(SetIndexBinder binder, object[] indexes, object? value) => false;

    /// <summary>A node's members cannot be deleted.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool TryDeleteMember(DeleteMemberBinder binder) => false;

    /// <summary>A node's path values cannot be deleted.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool TryDeleteIndex(DeleteIndexBinder binder, object[] indexes) => false;

    /// <summary>A node converts only as an object does.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool TryConvert(ConvertBinder binder, out object? result)
    {
        result = null;
        return false;
    }

    /// <summary>A node has no operators.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool TryBinaryOperation(BinaryOperationBinder binder, object arg, out object? result)
    {
        result = null;
        return false;
    }

    /// <summary>A node has no operators.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool TryUnaryOperation(UnaryOperationBinder binder, out object? result)
    {
        result = null;
        return false;
    }

    /// <summary>The dynamic binding of the chain (DynamicObject's own).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override DynamicMetaObject GetMetaObject(System.Linq.Expressions.Expression parameter) => base.GetMetaObject(parameter);

    private object Shorthand(object?[] args)
    {
        ReadArguments(args, "a shorthand call", out var body, out var options, out var token);
        return PostAsync(body, options, token);
    }

    private bool TryVerb(string name, object?[] args, out object? result)
    {
        result = null;
        var isAsync = name.EndsWith("Async", StringComparison.OrdinalIgnoreCase);
        var verb = (isAsync ? name.Substring(0, name.Length - 5) : name).ToUpperInvariant();
        if (verb != "GET" && verb != "POST" && verb != "PUT" && verb != "PATCH" && verb != "DELETE") return false;

        ReadArguments(args, name, out var first, out var options, out var token);
        var method = verb == "PATCH" ? PatchMethod : new System.Net.Http.HttpMethod(verb);
        result = isAsync
            ? SendAsync(method, first, options, token)
            : SyncOverAsync.Run(() => SendAsync(method, first, options, token));
        return true;
    }

    // Arguments of a dynamic verb or shorthand call: (data?, options?, cancellationToken?) told apart by type.
    private static void ReadArguments(object?[] args, string call, out object? first, out WeChatPayRequestOptions? options, out CancellationToken token)
    {
        first = null;
        options = null;
        token = default;
        var seenFirst = false;
        foreach (var arg in args)
        {
            switch (arg)
            {
                case CancellationToken t:
                    token = t;
                    break;
                case WeChatPayRequestOptions o when options is null:
                    options = o;
                    break;
                default:
                    if (seenFirst)
                        throw new ArgumentException($"Too many arguments for {call}: expected (body or query, WeChatPayRequestOptions, CancellationToken).");
                    first = arg;
                    seenFirst = true;
                    break;
            }
        }
    }
}
