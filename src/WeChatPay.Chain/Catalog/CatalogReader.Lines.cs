using System.IO;
using System.Text;

namespace WeChatPay.Chain.Catalog;

/// <content>The lines of the catalog read as bytes: an operation's method and path without parsing its JSON.</content>
internal sealed partial class CatalogReader
{
    // An operation line begins {"m":"METHOD","p":"PATH" (the generator writes them first, and a path needs no escapes).
    private (string Method, string Path) MethodAndPath(int line)
    {
        var (start, length) = _lines[line];
        var end = start + length;
        var at = start;
        if (!Match(ref at, end, MethodStart)) throw InvalidLine(line, "an operation line must begin with its \"m\" and \"p\"");
        var method = Until(ref at, end, line);
        if (!Match(ref at, end, PathStart)) throw InvalidLine(line, "an operation line must begin with its \"m\" and \"p\"");
        var path = Until(ref at, end, line);
        return (Shared(method)!, path);
    }

    private bool Match(ref int at, int end, string expected)
    {
        if (end - at < expected.Length) return false;
        for (var i = 0; i < expected.Length; i++)
        {
            if (_text[at + i] != expected[i]) return false;
        }
        at += expected.Length;
        return true;
    }

    // Plain text up to the next quote; a backslash (an escape) or a control character is not plain.
    private string Until(ref int at, int end, int line)
    {
        var from = at;
        while (at < end && _text[at] != (byte)'"')
        {
            if (_text[at] == (byte)'\\' || _text[at] < 0x20) throw InvalidLine(line, "a method or path with an escape");
            at++;
        }
        if (at == end || at == from) throw InvalidLine(line, "an empty or unterminated method or path");
        try
        {
            return Utf8.GetString(_text, from, at - from);
        }
        catch (DecoderFallbackException)
        {
            throw InvalidLine(line, "not UTF-8");
        }
    }

    private bool Is(int line, string text) => _lines[line].Length == text.Length && EndsWith(line, text);

    private bool EndsWith(int line, string text)
    {
        var (start, length) = _lines[line];
        if (length < text.Length) return false;
        var at = start + length - text.Length;
        return Match(ref at, start + length, text);
    }

    private static InvalidDataException InvalidLine(int line, string what) =>
        new("The operation catalog is malformed at line " + (line + 1) + ": " + what + ".");
}
