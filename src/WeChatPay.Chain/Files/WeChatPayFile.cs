using System;
using System.IO;

namespace WeChatPay.Chain;

/// <summary>
/// A file to upload (<c>v3/merchant/media/upload</c> and the catalog's other multipart operations): a path, a stream or
/// bytes, with the file name WeChat Pay records and its content type. The client reads it twice at most — once for its
/// digest, once to send it — and never holds it whole; a stream that cannot seek is spooled to a temporary file first.
/// </summary>
public sealed class WeChatPayFile
{
    private WeChatPayFile(string fileName, string contentType, string? path, Stream? stream, byte[]? bytes)
    {
        FileName = fileName;
        ContentType = contentType;
        Path = path;
        Stream = stream;
        Bytes = bytes;
    }

    /// <summary>The file name sent in the <c>meta</c> and the file part, e.g. <c>logo.png</c>.</summary>
    public string FileName { get; }

    /// <summary>The file part's content type; guessed from the file name's extension unless given.</summary>
    public string ContentType { get; }

    internal string? Path { get; }

    internal Stream? Stream { get; }

    internal byte[]? Bytes { get; }

    /// <summary>
    /// A regular file on disk; its name is the path's file name unless <paramref name="fileName"/> says otherwise. A FIFO, a
    /// device or a socket is refused: it could block the upload or never end.
    /// </summary>
    /// <exception cref="ArgumentException">The path is empty, names no file, or names something other than a regular file.</exception>
    public static WeChatPayFile FromPath(string path, string? fileName = null, string? contentType = null)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("Give the path of the file to upload.", nameof(path));
        if (!File.Exists(path)) throw new ArgumentException($"{path} names no file.", nameof(path));
        Files.LocalFile.RequireRegular(path, "The file to upload", nameof(path));
        var name = Name(fileName ?? System.IO.Path.GetFileName(path), nameof(fileName));
        return new WeChatPayFile(name, contentType ?? Guess(name), path, null, null);
    }

    /// <summary>A stream, read from its current position to its end; not disposed by the client.</summary>
    /// <exception cref="ArgumentException">The file name is empty or holds a line break, a quote or a control character.</exception>
    public static WeChatPayFile FromStream(Stream stream, string fileName, string? contentType = null)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        if (!stream.CanRead) throw new ArgumentException("The stream cannot be read.", nameof(stream));
        var name = Name(fileName, nameof(fileName));
        return new WeChatPayFile(name, contentType ?? Guess(name), null, stream, null);
    }

    /// <summary>Bytes already in memory.</summary>
    /// <exception cref="ArgumentException">The file name is empty or holds a line break, a quote or a control character.</exception>
    public static WeChatPayFile FromBytes(byte[] bytes, string fileName, string? contentType = null)
    {
        if (bytes is null) throw new ArgumentNullException(nameof(bytes));
        var name = Name(fileName, nameof(fileName));
        return new WeChatPayFile(name, contentType ?? Guess(name), null, null, bytes);
    }

    // The name goes into a Content-Disposition header and the signed meta: no line break, quote or control character.
    private static string Name(string? fileName, string option)
    {
        if (string.IsNullOrWhiteSpace(fileName)) throw new ArgumentException("Give the file name WeChat Pay should record, e.g. logo.png.", option);
        foreach (var c in fileName!)
        {
            if (c < ' ' || c == '"' || c == '\\' || c == 0x7F)
                throw new ArgumentException($"The file name has {Http.WireText.Describe(c)}, which cannot go into the upload's headers.", option);
        }
        return fileName;
    }

    private static string Guess(string fileName) => System.IO.Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".bmp" => "image/bmp",
        ".gif" => "image/gif",
        ".mp4" => "video/mp4",
        ".avi" => "video/x-msvideo",
        ".mov" => "video/quicktime",
        ".pdf" => "application/pdf",
        ".csv" => "text/csv",
        _ => "application/octet-stream",
    };
}
