using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>The example payloads of the seed pages (PHP arrays in their first code block), read as JSON.</summary>
internal static class SeedPayloads
{
    /// <summary>The <c>'json' =&gt; [...]</c> payload of the first PHP sample of a seed page.</summary>
    public static JObject Json(string seedFile)
    {
        var page = TestData.Text("seeds/" + seedFile);
        var start = page.IndexOf("'json' => [", System.StringComparison.Ordinal);
        var php = Balanced(page, page.IndexOf('[', start));
        return (JObject)JToken.Parse(PhpToJson(php));
    }

    /// <summary>The <c>'headers' =&gt; [...]</c> of the first PHP sample, or null.</summary>
    public static JObject? Headers(string seedFile)
    {
        var page = TestData.Text("seeds/" + seedFile);
        var start = page.IndexOf("'headers' => [", System.StringComparison.Ordinal);
        return start < 0 ? null : (JObject)JToken.Parse(PhpToJson(Balanced(page, page.IndexOf('[', start))));
    }

    private static string Balanced(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '[') depth++;
            else if (text[i] == ']' && --depth == 0) return text.Substring(open, i - open + 1);
        }
        throw new System.FormatException("Unbalanced PHP array in the seed page.");
    }

    // Every array in these payloads is associative: [ 'k' => v, ... ] becomes { "k": v, ... }.
    private static string PhpToJson(string php)
    {
        var json = Regex.Replace(php, @"'((?:[^'\\]|\\.)*)'", m => JToken.FromObject(m.Groups[1].Value.Replace("\\'", "'")).ToString(Newtonsoft.Json.Formatting.None));
        json = json.Replace("=>", ":").Replace('[', '{').Replace(']', '}');
        return Regex.Replace(json, @",(\s*})", "$1");
    }
}
