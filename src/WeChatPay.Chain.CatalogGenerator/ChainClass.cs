using System.Collections.Generic;

namespace WeChatPay.Chain.CatalogGenerator;

/// <summary>
/// One class of the typed chain as <see cref="ChainWriter"/> names it: the node class, the documented path prefix it stands
/// for, and, when it has shorthand calls, its <c>…_Calls</c> base class with each member and the child path it posts to.
/// </summary>
internal sealed class ChainClass
{
    public ChainClass(string name, string path, string? callsName, IReadOnlyList<KeyValuePair<string, string>> shorthands)
    {
        Name = name;
        Path = path;
        CallsName = callsName;
        Shorthands = shorthands;
    }

    /// <summary>The node class name in <c>WeChatPay.Chain.Nodes</c> (<c>V3_Pay_Transactions</c>).</summary>
    public string Name { get; }

    /// <summary>The documented path prefix the node stands for, placeholders kept (<c>v3/pay/transactions/id/{transaction_id}</c>).</summary>
    public string Path { get; }

    /// <summary>The base class holding the shorthand calls (<c>V3_Pay_Transactions_Calls</c>), or null when there are none.</summary>
    public string? CallsName { get; }

    /// <summary>Each shorthand member and the documented path of the child it posts to.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Shorthands { get; }
}
