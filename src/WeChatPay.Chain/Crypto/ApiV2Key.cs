using System;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// The check of an APIv2 key (the merchant's 32-character "API密钥", set in the merchant platform under API安全), made where
/// a client configures it and again by every primitive that uses it. A failed check never shows the key or any part of it.
/// </summary>
internal static class ApiV2Key
{
    /// <summary>The length of every APIv2 key, in characters (and in bytes: the key is ASCII).</summary>
    internal const int Length = 32;

    /// <summary>Refuses a key that is not 32 printable ASCII characters (U+0021 to U+007E).</summary>
    /// <param name="key">The APIv2 key.</param>
    /// <param name="option">What the key was configured as (an option or parameter name), named in the message.</param>
    /// <exception cref="ArgumentNullException">The key is null.</exception>
    /// <exception cref="ArgumentException">The key is not 32 characters, or holds white space, a control character or non-ASCII
    /// text. The message says which, never the key.</exception>
    public static void Check(string? key, string option)
    {
        if (key is null)
            throw new ArgumentNullException(option, $"{option}: no APIv2 key was given. APIv2 calls, their answers and notifications are signed with it.");
        var problem = Problem(key);
        if (problem is not null)
            throw new ArgumentException($"{option}: the APIv2 key must be 32 ASCII characters (letters, digits or punctuation); this one {problem}.", option);
    }

    /// <summary>Whether <paramref name="key"/> passes <see cref="Check"/>.</summary>
    public static bool IsValid(string? key) => key is not null && Problem(key) is null;

    private static string? Problem(string key)
    {
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c > ' ' && c <= '~') continue;
            if (char.IsWhiteSpace(c) && (i == 0 || i == key.Length - 1))
                return "has white space at its " + (i == 0 ? "start" : "end") + " (a line break read from a file, or a copy-and-paste?)";
            return $"holds {(char.IsWhiteSpace(c) ? "white space" : c < ' ' || c == '\u007F' ? "a control character" : "a non-ASCII character")} at index {i}";
        }
        if (key.Length != Length)
            return $"is {key.Length} characters long";
        return null;
    }
}
