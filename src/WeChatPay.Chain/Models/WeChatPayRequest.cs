using System.Collections.Generic;

namespace WeChatPay.Chain;

/// <summary>
/// A typed request of one documented operation (generated into the package <c>WeChatPay.Chain.Models</c>): its public members
/// are the body's fields, and the members that the documentation puts in the path or the query are written there instead. Any
/// verb of any node takes it in place of an anonymous object; the node must be the operation's path and the verb its method.
/// </summary>
public abstract class WeChatPayRequest : WeChatPayModel
{
    private static readonly KeyValuePair<string, object?>[] None = new KeyValuePair<string, object?>[0];

    /// <summary>Only generated types derive from this one.</summary>
    protected WeChatPayRequest()
    {
    }

    /// <summary>The documented method, e.g. <c>POST</c>.</summary>
    protected internal abstract string OperationMethod { get; }

    /// <summary>The documented path, e.g. <c>v3/pay/transactions/id/{transaction_id}</c>.</summary>
    protected internal abstract string OperationPath { get; }

    /// <summary>Whether the operation documents a body (JSON, or APIv2's XML); when not, only the path and query members are sent.</summary>
    protected internal abstract bool OperationHasBody { get; }

    /// <summary>The values of the path's <c>{placeholders}</c>, by placeholder name.</summary>
    protected internal virtual IEnumerable<KeyValuePair<string, object?>> OperationPathValues() => None;

    /// <summary>The query parameters, by documented name (null values are left out, as for any query).</summary>
    protected internal virtual IEnumerable<KeyValuePair<string, object?>> OperationQuery() => None;

    /// <summary>The operation, e.g. <c>POST v3/pay/transactions/jsapi</c>.</summary>
    public override string ToString() => OperationMethod + " " + OperationPath + " (" + GetType().Name + ")";
}
