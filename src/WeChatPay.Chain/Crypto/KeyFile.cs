using System;
using System.IO;
using System.Security;
using System.Text;
using System.Threading;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// Reads a key or certificate file with a bound on its size and on the time it may take, so that a FIFO with no writer
/// cannot hang start-up and an endless device (<c>/dev/zero</c>) cannot exhaust memory; pipes and other special files work.
/// </summary>
internal static class KeyFile
{
    /// <summary>The largest file accepted: far more than any PEM key or certificate chain.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>How long a file may take to give its content (a pipe's writer may be slow; a FIFO without one never answers).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>Reads the file as UTF-8 text.</summary>
    /// <exception cref="ArgumentException">The path is a directory, the file cannot be read, is empty, too large, or gave no data in time.</exception>
    public static string Read(string path, string optionName) => Encoding.UTF8.GetString(ReadBytes(path, optionName));

    /// <summary>Reads the file's bytes (a PKCS#12 file is binary).</summary>
    /// <exception cref="ArgumentException">The path is a directory, the file cannot be read, is empty, too large, or gave no data in time.</exception>
    public static byte[] ReadBytes(string path, string optionName) => ReadBytes(path, optionName, Deadline);

    /// <summary>Reads the file's bytes, waiting at most <paramref name="deadline"/> for them.</summary>
    /// <exception cref="ArgumentException">The path is a directory, the file cannot be read, is empty, too large, or gave no data in time.</exception>
    public static byte[] ReadBytes(string path, string optionName, TimeSpan deadline)
    {
        if (Directory.Exists(path))
            throw new ArgumentException($"{optionName}: '{path}' is a directory; give the path of the PEM file inside it (e.g. apiclient_key.pem), or the PEM text.", optionName);

        byte[]? bytes = null;
        Exception? failure = null;
        // A dedicated background thread: opening a FIFO blocks until a writer comes, possibly never, and must not hold a pool thread.
        var reader = new Thread(() =>
        {
            try
            {
                bytes = ReadBounded(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException || e is NotSupportedException)
            {
                failure = e;
            }
        }) { IsBackground = true, Name = "WeChatPay.Chain key file" };
        reader.Start();
        if (!reader.Join(deadline))
            throw new ArgumentException(
                $"{optionName}: '{path}' gave no data within {deadline.TotalSeconds:0.#} s. It is not a regular file (a FIFO with no writer?); give a PEM file or the PEM text.", optionName);
        if (failure is not null)
            throw new ArgumentException($"{optionName}: the file '{path}' could not be read: {failure.Message}", optionName, failure);
        if (bytes!.Length > MaxBytes)
            throw new ArgumentException($"{optionName}: '{path}' is too large to be a PEM key or certificate file (more than {MaxBytes / 1024} KiB).", optionName);
        if (bytes.Length == 0)
            throw new ArgumentException($"{optionName}: the file '{path}' is empty.", optionName);
        return bytes;
    }

    // At most MaxBytes + 1 bytes: enough to tell a key file from something too large to be one.
    private static byte[] ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        return Shared.LocalFile.ReadAtMost(stream, MaxBytes + 1);
    }
}
