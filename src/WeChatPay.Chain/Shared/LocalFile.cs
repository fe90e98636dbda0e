using System;
using System.IO;

namespace WeChatPay.Chain.Shared;

/// <summary>
/// A file named by a path, read within bounds: only a file that reports content is opened (a FIFO blocks its opener until a
/// writer comes, a device such as <c>/dev/zero</c> never ends; both report no length, as an empty file does), and never
/// more than a stated number of bytes read. Uploads by path and the <c>wxpay</c> tool's <c>-d @file</c> read through it;
/// key files share its bounded read.
/// </summary>
internal static class LocalFile
{
    /// <summary>Checks that <paramref name="path"/> names a file with content, without opening it.</summary>
    /// <param name="path">The path.</param>
    /// <param name="what">What the file is for, starting the message (<c>The file to upload</c>, <c>-d @body.json</c>).</param>
    /// <param name="parameter">The parameter the path came from; null for none (the message then ends with the sentence, as a tool prints it).</param>
    /// <exception cref="ArgumentException">The path names nothing, a directory, or something that reports no length.</exception>
    public static void RequireRegular(string path, string what, string? parameter)
    {
        if (Directory.Exists(path))
            throw new ArgumentException($"{what}: {path} is a directory; give the path of a file on disk.", parameter);
        var file = new FileInfo(path);
        if (!file.Exists)
            throw new ArgumentException($"{what}: {path} does not exist.", parameter);
        // Stat's size, read without opening: 0 for an empty file and for what is not a regular file (pipes, devices, sockets).
        if (file.Length == 0)
            throw new ArgumentException(
                $"{what}: {path} is empty or not a regular file (a pipe or a device reports no length, and may never end or never answer); give the path of a file on disk.", parameter);
    }

    /// <summary>Opens a file for reading, checked first (<see cref="RequireRegular"/>) so that no pipe or device is ever opened.</summary>
    /// <exception cref="ArgumentException">The path names nothing, a directory, or something that reports no length.</exception>
    public static FileStream OpenRead(string path, string what, string? parameter)
    {
        RequireRegular(path, what, parameter);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }

    /// <summary>Reads a regular file whole: at most <paramref name="maxBytes"/> + 1 bytes are read, and a larger file is refused.</summary>
    /// <exception cref="ArgumentException">The path names nothing, a directory or something that reports no length, or the file is larger than <paramref name="maxBytes"/>.</exception>
    public static byte[] ReadAll(string path, int maxBytes, string what, string? parameter)
    {
        using var stream = OpenRead(path, what, parameter);
        var bytes = ReadAtMost(stream, maxBytes + 1);
        if (bytes.Length > maxBytes)
            throw new ArgumentException($"{what}: {path} is larger than {maxBytes} bytes, the most it may hold.", parameter);
        return bytes;
    }

    /// <summary>Reads <paramref name="stream"/> to its end or to <paramref name="limit"/> bytes, whichever comes first, asking for no byte past the limit.</summary>
    public static byte[] ReadAtMost(Stream stream, int limit)
    {
        var buffer = new byte[Math.Min(limit, 16 * 1024)];
        var length = 0;
        while (length < limit)
        {
            if (length == buffer.Length)
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit));
            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0) break;
            length += read;
        }
        Array.Resize(ref buffer, length);
        return buffer;
    }
}
