using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace WeChatPay.Chain.Catalog;

/// <summary>Read-only views over the catalog's shared lists, so that public discovery types cannot be cast back to a mutable array.</summary>
internal static class ReadOnly
{
    /// <summary>A read-only view of <paramref name="items"/> (no copy).</summary>
    public static IReadOnlyList<T> Of<T>(IReadOnlyList<T> items) => items switch
    {
        ReadOnlyCollection<T> already => already,
        IList<T> list => new ReadOnlyCollection<T>(list),
        _ => new List<T>(items).AsReadOnly(),
    };
}
