using System.Text;
using WeChatPay.Chain.Files;

namespace WeChatPay.Chain.Cli;

/// <summary>
/// A file the tool is given (<c>-d @file</c>, <c>--config</c>), read as UTF-8 through the library's bounded file read: a
/// regular file of at most <see cref="MaxSize"/> bytes; a FIFO or a device such as <c>/dev/zero</c> is refused before it is
/// opened, a larger file after <see cref="MaxSize"/> + 1 bytes. Its <see cref="System.ArgumentException"/> names no parameter:
/// the message is the one line the tool prints.
/// </summary>
internal static class InputFile
{
    /// <summary>The most bytes read: far more than any JSON body WeChat Pay documents or any configuration.</summary>
    public const int MaxSize = 1024 * 1024;

    /// <exception cref="System.ArgumentException">The path names nothing or something other than a regular file, or the file is larger than <see cref="MaxSize"/>.</exception>
    public static string Read(string path, string what)
    {
        var text = Encoding.UTF8.GetString(WeChatPay.Chain.Shared.LocalFile.ReadAll(path, MaxSize, what, parameter: null));
        return text.StartsWith('\uFEFF') ? text.Substring(1) : text; // a byte order mark, as File.ReadAllText drops it
    }
}
