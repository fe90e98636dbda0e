using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Cli.Repl;

/// <summary>
/// A prompt line for a terminal: typing, Left/Right, Home/End, Backspace/Delete, Up/Down through the history, Tab to
/// complete (the common prefix of the candidates; a second Tab lists them with the first one's documentation).
/// </summary>
internal static class LineEditor
{
    public static async Task<string?> ReadAsync(string prompt, IReadOnlyList<string> history,
        Func<string, Task<IReadOnlyList<(string Text, string Description)>>> complete)
    {
        var line = new StringBuilder();
        var caret = 0;
        var recalled = history.Count;
        var tabs = 0;
        var scroll = 0;
        Console.Write(prompt);
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key != ConsoleKey.Tab) tabs = 0;
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    return line.ToString();
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control) && line.Length == 0:
                    Console.WriteLine();
                    return null;
                case ConsoleKey.Backspace when caret > 0:
                    line.Remove(--caret, 1);
                    break;
                case ConsoleKey.Delete when caret < line.Length:
                    line.Remove(caret, 1);
                    break;
                case ConsoleKey.LeftArrow when caret > 0:
                    caret--;
                    break;
                case ConsoleKey.RightArrow when caret < line.Length:
                    caret++;
                    break;
                case ConsoleKey.Home:
                    caret = 0;
                    break;
                case ConsoleKey.End:
                    caret = line.Length;
                    break;
                case ConsoleKey.UpArrow when recalled > 0:
                case ConsoleKey.DownArrow when recalled < history.Count:
                    recalled += key.Key == ConsoleKey.UpArrow ? -1 : 1;
                    line.Clear().Append(recalled < history.Count ? history[recalled].Replace('\n', ' ') : string.Empty);
                    caret = line.Length;
                    break;
                case ConsoleKey.Tab:
                    tabs++;
                    var before = line.ToString(0, caret);
                    IReadOnlyList<(string Text, string Description)> items;
                    try
                    {
                        items = await complete(before).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        items = Array.Empty<(string, string)>(); // completion is a help, never the end of the prompt
                    }
                    var word = ReplSession.CurrentWord(before);
                    if (items.Count == 0) break;
                    var common = CommonPrefix(items.Select(i => i.Text).ToList());
                    if (common.Length > word.Length)
                    {
                        line.Insert(caret, common.Substring(word.Length));
                        caret += common.Length - word.Length;
                    }
                    else if (tabs > 1 || items.Count == 1)
                    {
                        Console.WriteLine();
                        Console.WriteLine(string.Join("  ", items.Take(40).Select(i => i.Text)) + (items.Count > 40 ? $"  … {items.Count - 40} more" : ""));
                        var first = items[0].Description.Split('\n').Take(6);
                        Console.WriteLine(string.Join("\n", first));
                    }
                    break;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        line.Insert(caret++, key.KeyChar);
                    }
                    break;
            }
            scroll = Redraw(prompt, line.ToString(), caret, scroll);
        }
    }

    // Redraws the one terminal row the prompt owns; a line longer than the row scrolls sideways (see View).
    private static int Redraw(string prompt, string text, int caret, int scroll)
    {
        int columns;
        try
        {
            columns = Console.WindowWidth;
        }
        catch (System.IO.IOException)
        {
            columns = 80;
        }
        var (visible, back, next) = View(text, caret, Math.Max(10, columns - prompt.Length - 1), scroll);
        Console.Write("\r" + prompt + visible + "\u001b[K");
        if (back > 0) Console.Write($"\u001b[{back}D");
        return next;
    }

    /// <summary>
    /// The part of <paramref name="text"/> that fits in <paramref name="width"/> columns with the caret in view, the
    /// window moved as little as possible from <paramref name="scroll"/>; a cut end shows as <c>…</c>. Returns the text
    /// to write, how many columns to move back from its end to the caret, and the window's new start. (One column a
    /// char: wide characters are not measured.)
    /// </summary>
    internal static (string Visible, int Back, int Scroll) View(string text, int caret, int width, int scroll)
    {
        if (text.Length <= width) return (text, text.Length - caret, 0);
        var inner = width - 2; // room for a … at each end
        scroll = Math.Min(Math.Max(scroll, caret - inner), caret);
        scroll = Math.Max(0, Math.Min(scroll, text.Length - inner));
        var left = scroll > 0 ? "…" : string.Empty;
        var shown = text.Substring(scroll, Math.Min(text.Length - scroll, left.Length == 0 ? inner + 1 : inner));
        var right = scroll + shown.Length < text.Length ? "…" : string.Empty;
        var visible = left + shown + right;
        return (visible, visible.Length - (left.Length + caret - scroll), scroll);
    }

    private static string CommonPrefix(IReadOnlyList<string> words)
    {
        var prefix = words[0];
        foreach (var word in words.Skip(1))
        {
            var n = 0;
            while (n < prefix.Length && n < word.Length && char.ToLowerInvariant(prefix[n]) == char.ToLowerInvariant(word[n])) n++;
            prefix = prefix.Substring(0, n);
        }
        return prefix;
    }
}
