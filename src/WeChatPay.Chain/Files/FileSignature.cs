using System;
using System.Linq;

namespace WeChatPay.Chain.Files;

/// <summary>
/// The first bytes ("magic") of the file types uploads carry, each with the media types it may be declared as: an upload's
/// content type must agree with its bytes both ways (a PNG is not sent as <c>text/html</c>, nor text as <c>image/png</c>).
/// </summary>
internal sealed class FileSignature
{
    private readonly Func<byte[], int, bool> _matches;

    private FileSignature(string name, string[] types, Func<byte[], int, bool> matches)
    {
        Name = name;
        Types = types;
        _matches = matches;
    }

    /// <summary>What the bytes are, as a message names them: <c>a PNG image</c>.</summary>
    public string Name { get; }

    /// <summary>The media types a file with these bytes may be declared as, the usual one first.</summary>
    public string[] Types { get; }

    /// <summary>How many first bytes <see cref="Of"/> and <see cref="Matches"/> look at.</summary>
    public const int HeadLength = 16;

    public static readonly FileSignature Png = new("a PNG image", new[] { "image/png" }, (b, n) => Starts(b, n, 0, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A));
    public static readonly FileSignature Jpeg = new("a JPEG image", new[] { "image/jpeg", "image/jpg", "image/pjpeg" }, (b, n) => Starts(b, n, 0, 0xFF, 0xD8, 0xFF));
    public static readonly FileSignature Bmp = new("a BMP image", new[] { "image/bmp", "image/x-ms-bmp" }, (b, n) => Starts(b, n, 0, 'B', 'M'));
    public static readonly FileSignature Gif = new("a GIF image", new[] { "image/gif" }, (b, n) => Starts(b, n, 0, 'G', 'I', 'F', '8'));
    public static readonly FileSignature Pdf = new("a PDF document", new[] { "application/pdf" }, (b, n) => Starts(b, n, 0, '%', 'P', 'D', 'F', '-'));
    public static readonly FileSignature IsoMedia = new("an MP4 or QuickTime video", new[] { "video/mp4", "video/quicktime", "video/x-m4v", "video/x-f4v" },
        (b, n) => Starts(b, n, 4, 'f', 't', 'y', 'p'));
    public static readonly FileSignature Avi = new("an AVI video", new[] { "video/x-msvideo", "video/avi" }, (b, n) => Starts(b, n, 0, 'R', 'I', 'F', 'F') && Starts(b, n, 8, 'A', 'V', 'I', ' '));
    public static readonly FileSignature Asf = new("a WMV video", new[] { "video/x-ms-wmv", "video/x-ms-asf" }, (b, n) => Starts(b, n, 0, 0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11));
    public static readonly FileSignature Matroska = new("a Matroska video", new[] { "video/x-matroska" }, (b, n) => Starts(b, n, 0, 0x1A, 0x45, 0xDF, 0xA3));
    public static readonly FileSignature Flv = new("an FLV video", new[] { "video/x-flv" }, (b, n) => Starts(b, n, 0, 'F', 'L', 'V'));
    public static readonly FileSignature Mpeg = new("an MPEG video", new[] { "video/mpeg" }, (b, n) => Starts(b, n, 0, 0, 0, 1, 0xBA) || Starts(b, n, 0, 0, 0, 1, 0xB3));
    public static readonly FileSignature RealMedia = new("a RealMedia video", new[] { "application/vnd.rn-realmedia-vbr", "application/vnd.rn-realmedia" },
        (b, n) => Starts(b, n, 0, '.', 'R', 'M', 'F'));

    private static readonly FileSignature[] All = { Png, Jpeg, Bmp, Gif, Pdf, IsoMedia, Avi, Asf, Matroska, Flv, Mpeg, RealMedia };

    /// <summary>Whether the file's first bytes are this type's.</summary>
    public bool Matches(byte[] head, int length) => _matches(head, length);

    /// <summary>Whether a file with these bytes may be declared <paramref name="contentType"/>.</summary>
    public bool Declares(string contentType) => Types.Contains(contentType, StringComparer.OrdinalIgnoreCase);

    /// <summary>The type whose first bytes the file has, or null when it has none of theirs.</summary>
    public static FileSignature? Of(byte[] head, int length) => Array.Find(All, s => s.Matches(head, length));

    /// <summary>The type a file declared <paramref name="contentType"/> must have the bytes of, or null when the table knows none.</summary>
    public static FileSignature? For(string contentType) => Array.Find(All, s => s.Declares(contentType));

    private static bool Starts(byte[] head, int length, int at, params int[] magic)
    {
        if (length < at + magic.Length) return false;
        for (var i = 0; i < magic.Length; i++)
            if (head[at + i] != magic[i]) return false;
        return true;
    }
}
