using System;
using System.Collections.Generic;

namespace WeChatPay.Chain.Analyzers;

/// <summary>The documented name closest to a misspelt one, by edit distance (Levenshtein), when it is close enough to suggest.</summary>
internal static class Nearest
{
    /// <summary>The candidate nearest <paramref name="name"/> within 1 edit (names up to 4 characters) or 2 edits; otherwise null.</summary>
    public static string? Name(string name, IEnumerable<string> candidates)
    {
        var limit = name.Length <= 4 ? 1 : 2;
        string? best = null;
        var bestDistance = limit + 1;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>The number of single-character insertions, deletions and substitutions that turn one string into the other; int.MaxValue when the lengths differ by more than 2 (never close).</summary>
    public static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2) return int.MaxValue;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
