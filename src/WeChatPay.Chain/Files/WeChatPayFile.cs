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

    /// <summary>
    /// The file part's content type (a media type such as <c>image/png</c>); guessed from the file name's extension unless
    /// given. An upload checks it before sending: it must be one the operation documents, and agree with the file's first bytes.
    /// </summary>
    public string ContentType { get; }

    internal string? Path { get; }

    internal Stream? Stream { get; }

    internal byte[]? Bytes { get; }

    /// <summary>
    /// A regular file on disk; its name is the path's file name unless <paramref name="fileName"/> says otherwise. A FIFO, a
    /// device or a socket is refused: it could block the upload or never end.
    /// </summary>
    /// <exception cref="ArgumentException">The path is empty, names no file, or names something other than a regular file; the file name or content type cannot be sent.</exception>
    public static WeChatPayFile FromPath(string path, string? fileName = null, string? contentType = null)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("Give the path of the file to upload.", nameof(path));
        if (!File.Exists(path)) throw new ArgumentException($"{path} names no file.", nameof(path));
        Shared.LocalFile.RequireRegular(path, "The file to upload", nameof(path));
        var name = Name(fileName ?? System.IO.Path.GetFileName(path), nameof(fileName));
        return new WeChatPayFile(name, Type(contentType, name), path, null, null);
    }

    /// <summary>A stream, read from its current position to its end; not disposed by the client.</summary>
    /// <exception cref="ArgumentException">The file name is empty, has no name before its extension, or holds a quote, a backslash, a control or formatting character or a line or paragraph separator; or the content type is not a media type.</exception>
    public static WeChatPayFile FromStream(Stream stream, string fileName, string? contentType = null)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        if (!stream.CanRead) throw new ArgumentException("The stream cannot be read.", nameof(stream));
        var name = Name(fileName, nameof(fileName));
        return new WeChatPayFile(name, Type(contentType, name), null, stream, null);
    }

    /// <summary>Bytes already in memory.</summary>
    /// <exception cref="ArgumentException">The file name is empty, has no name before its extension, or holds a quote, a backslash, a control or formatting character or a line or paragraph separator; or the content type is not a media type.</exception>
    public static WeChatPayFile FromBytes(byte[] bytes, string fileName, string? contentType = null)
    {
        if (bytes is null) throw new ArgumentNullException(nameof(bytes));
        var name = Name(fileName, nameof(fileName));
        return new WeChatPayFile(name, Type(contentType, name), null, null, bytes);
    }

    // The name goes into a Content-Disposition header and the signed meta, and WeChat Pay records and shows it: no quote,
    // backslash, control or invisible formatting character, no line or paragraph separator, and a name before the extension.
    private static string Name(string? fileName, string option)
    {
        if (string.IsNullOrWhiteSpace(fileName)) throw new ArgumentException("Give the file name WeChat Pay should record, e.g. logo.png.", option);
        var lone = Shared.WireText.LoneSurrogateAt(fileName!);
        if (lone >= 0)
            throw new ArgumentException($"The file name has {Shared.WireText.Describe(fileName![lone])} at index {lone}, a lone surrogate, which is no text.", option);
        for (var i = 0; i < fileName!.Length; i++)
        {
            var c = fileName[i];
            if (c == '"' || c == '\\' || Unprintable(c))
                throw new ArgumentException(
                    $"The file name has {Shared.WireText.Describe(c)} at index {i}, which cannot go into the upload's headers or be recorded as a name " +
                    "(quotes, backslashes, control characters, line or paragraph separators and invisible formatting characters cannot).", option);
        }
        var extension = System.IO.Path.GetExtension(fileName);
        if (fileName.Substring(0, fileName.Length - extension.Length).Trim().Trim('.').Length == 0)
            throw new ArgumentException($"The file name {fileName} has no name before its extension: give one such as logo{extension}.", option);
        return fileName;
    }

    private static bool Unprintable(char c) => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is
        System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
        or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator;

    // The content type goes into the file part's Content-Type header: a media type (type/subtype), nothing more.
    private static string Type(string? contentType, string fileName)
    {
        if (contentType is null) return Guess(fileName);
        if (!Shared.WireText.IsMediaType(contentType))
            throw new ArgumentException(
                "The content type given is not a media type such as image/png (type \"/\" subtype, letters, digits and !#$%&'*+-.^_`|~ only, no parameters), " +
                "so it cannot go into the file part's Content-Type header.", nameof(contentType));
        return contentType;
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
        ".wmv" => "video/x-ms-wmv",
        ".mpeg" or ".mpg" => "video/mpeg",
        ".mkv" => "video/x-matroska",
        ".flv" => "video/x-flv",
        ".f4v" => "video/x-f4v",
        ".m4v" => "video/x-m4v",
        ".rmvb" => "application/vnd.rn-realmedia-vbr",
        ".pdf" => "application/pdf",
        ".csv" => "text/csv",
        _ => "application/octet-stream",
    };
}
