using System;
using System.Collections.Generic;
using System.Text;

namespace WeChatPay.Chain.CatalogGenerator;

// The C# names of the generated types, members and enumeration values: PascalCase from the documented name, made a valid
// identifier, kept clear of the names the types already use, and made unique with a deterministic suffix.
internal static partial class ModelWriter
{
    // Names a generated member must not take: inherited members, the nested Types class, and the type names the generated code
    // writes by simple name (a sibling nested type of that name would hide them).
    private static readonly string[] Common =
    {
        "AdditionalData", "Types", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "ReferenceEquals", "Finalize",
        "System", "Newtonsoft", "IList", "List", "KeyValuePair", "IEnumerable", "JsonProperty", "JsonPropertyAttribute", "JsonIgnore",
        "JsonIgnoreAttribute", "WeChatPay", "WeChatPayModel", "WeChatPayEnum", "WeChatPayRequest",
    };

    private static readonly HashSet<string> ModelReserved = new(Common, StringComparer.Ordinal);

    private static readonly HashSet<string> RequestReserved = new(Common, StringComparer.Ordinal)
    {
        "OperationMethod", "OperationPath", "OperationHasBody", "OperationPathValues", "OperationQuery",
    };

    private static readonly HashSet<string> EnumReserved = new(Common, StringComparer.Ordinal) { "Value" };

    /// <summary>
    /// PascalCase: every run of letters and digits is a word whose first letter is capitalised (<c>out_trade_no</c> →
    /// <c>OutTradeNo</c>, <c>appId</c> → <c>AppId</c>, <c>addInstitutionsub</c> → <c>AddInstitutionsub</c>); with
    /// <paramref name="lowerUpperWords"/> a word in capitals is lowered after its first letter (<c>SIGN_SCENE_APP</c> →
    /// <c>SignSceneApp</c>). Two numbers in a row keep an underscore between them (<c>1.0</c> → <c>1_0</c>); a leading minus
    /// sign is <c>Minus</c>.
    /// </summary>
    internal static string Pascal(string text, bool lowerUpperWords)
    {
        var name = new StringBuilder(text.Length + 4);
        if (text.StartsWith("-", StringComparison.Ordinal)) name.Append("Minus");
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            var word = text.Substring(start, i - start);
            if (lowerUpperWords && word.ToUpperInvariant() == word) word = word.Substring(0, 1) + word.Substring(1).ToLowerInvariant();
            if (name.Length > 0 && char.IsDigit(name[name.Length - 1]) && char.IsDigit(word[0])) name.Append('_');
            name.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
        }
        return name.ToString();
    }

    // A valid identifier: letters (any script), digits and underscores, not starting with a digit; "Value" when nothing is left.
    internal static string Identifier(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
            if (char.IsLetterOrDigit(c) || c == '_') builder.Append(c);
        if (builder.Length == 0) return "Value";
        if (char.IsDigit(builder[0])) builder.Insert(0, '_');
        return builder.ToString();
    }

    // The name, or the name with the first free suffix _2, _3, ...: never reserved, never the enclosing type's, never taken.
    private static string Unique(string name, ISet<string> taken, ISet<string> reserved, string enclosing)
    {
        bool Free(string candidate) => !taken.Contains(candidate) && !reserved.Contains(candidate) && candidate != enclosing;
        var unique = name;
        for (var i = 2; !Free(unique); i++) unique = name + "_" + i;
        taken.Add(unique);
        return unique;
    }
}
