using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace WeChatPay.Chain.Files;

/// <summary>
/// A file named by a path, read within bounds: only a regular file is opened (a FIFO blocks its opener until a writer comes,
/// a device such as <c>/dev/zero</c> never ends), its kind checked before it is opened, and never more than a stated number
/// of bytes read. Uploads by path and the <c>wxpay</c> tool's <c>-d @file</c> read through it; key files share its bounded read.
/// </summary>
internal static class LocalFile
{
    /// <summary>What <paramref name="path"/> names when it is not a regular file (<c>a named pipe (FIFO)</c>, <c>a character device</c>…); null for a regular file, or where the platform cannot tell.</summary>
    public static string? NotRegular(string path)
    {
        if (Directory.Exists(path)) return "a directory";
        return Mode(path) switch
        {
            null or Regular => null,
            0x1000 => "a named pipe (FIFO)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "a special file",
        };
    }

    /// <summary>Checks that <paramref name="path"/> names a regular file, without opening it.</summary>
    /// <param name="path">The path.</param>
    /// <param name="what">What the file is for, starting the message (<c>The file to upload</c>, <c>-d @body.json</c>).</param>
    /// <param name="parameter">The parameter the path came from; null for none (the message then ends with the sentence, as a tool prints it).</param>
    /// <exception cref="ArgumentException">The path names nothing, or something other than a regular file.</exception>
    public static void RequireRegular(string path, string what, string? parameter)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new ArgumentException($"{what}: {path} does not exist.", parameter);
        if (NotRegular(path) is { } kind)
            throw new ArgumentException(
                $"{what}: {path} is {kind}, not a regular file; give the path of a file on disk (a pipe or a device may never end, or never answer).", parameter);
    }

    /// <summary>Opens a regular file for reading, its kind checked first so that nothing else is ever opened.</summary>
    /// <exception cref="ArgumentException">The path names nothing, or something other than a regular file.</exception>
    public static FileStream OpenRead(string path, string what, string? parameter)
    {
        RequireRegular(path, what, parameter);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }

    /// <summary>Reads a regular file whole: at most <paramref name="maxBytes"/> + 1 bytes are read, and a larger file is refused.</summary>
    /// <exception cref="ArgumentException">The path names nothing or something other than a regular file, or the file is larger than <paramref name="maxBytes"/>.</exception>
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

    private const int Regular = 0x8000;

    // The file type bits (S_IFMT) of stat(2), following symbolic links; null where they cannot be read. .NET has no public API
    // for them (FileSystemInfo shows a FIFO and /dev/zero as Normal files), so they come from the runtime's own native shim,
    // whose FileStatus begins with Flags and Mode on every Unix .NET supports; a buffer far larger than the struct is passed.
    private static int? Mode(string path)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return null;
        try
        {
            var status = new byte[512];
            return Stat(Encoding.UTF8.GetBytes(path + "\0"), status) == 0 ? BitConverter.ToInt32(status, 4) & 0xF000 : null;
        }
        catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat(byte[] path, byte[] status);
}
