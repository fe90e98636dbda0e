using System;
using System.Collections.Generic;

namespace WeChatPay.Chain.Paths;

/// <summary>Member names that the runtime, the debugger or tooling probe for; they never become URL segments.</summary>
internal static class ProbeNames
{
    private static readonly HashSet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        // pattern-based probes of the compiler and runtime
        "GetAwaiter", "ConfigureAwait", "GetEnumerator", "GetAsyncEnumerator", "Dispose", "DisposeAsync", "Deconstruct",
        // System.Object members reached as properties or through reflection-based tools
        "ToString", "Equals", "GetHashCode", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
        // JavaScript-style thenable probe (a Node SDK once sent requests to /then)
        "then", "Then",
    };

    /// <summary>True when <paramref name="name"/> is a probe, not a path segment.</summary>
    public static bool Contains(string name) => Names.Contains(name);
}
