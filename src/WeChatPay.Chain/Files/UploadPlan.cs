using WeChatPay.Chain.Shared;
using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Files;

/// <summary>
/// What one documented upload needs, read from the catalog: the name of its file part (<c>file</c>,
/// <c>submission_file</c>…), the meta field for the file name (<c>filename</c> or <c>file_name</c>) and the one for the
/// digest (<c>sha256</c>, or <c>digest</c>/<c>file_digest</c>: SM3 where the operation names an SM3 algorithm field, else
/// SHA-256), and the documented size and type limits where WeChat Pay states them.
/// </summary>
internal sealed class UploadPlan
{
    private UploadPlan(string filePart, string? fileNameField, string? digestField, string? algorithmField, string? algorithmValue, bool sm3,
        long? maxBytes, string[]? extensions, FileSignature[]? types, bool isV2 = false)
    {
        IsV2 = isV2;
        Types = types;
        FilePart = filePart;
        FileNameField = fileNameField;
        DigestField = digestField;
        AlgorithmField = algorithmField;
        AlgorithmValue = algorithmValue;
        Sm3 = sm3;
        MaxBytes = maxBytes;
        Extensions = extensions;
    }

    public string FilePart { get; }

    public string? FileNameField { get; }

    public string? DigestField { get; }

    public string? AlgorithmField { get; }

    public string? AlgorithmValue { get; }

    public bool Sm3 { get; }

    /// <summary>
    /// An APIv2 upload: its fields are form parts beside the file, signed as APIv2 fields, not a <c>meta</c> JSON, and its
    /// digest (<c>media_hash</c>) is MD5.
    /// </summary>
    public bool IsV2 { get; }

    public long? MaxBytes { get; }

    public string[]? Extensions { get; }

    /// <summary>The file types the operation documents, where it does: the content type must be one of theirs.</summary>
    public FileSignature[]? Types { get; }

    /// <exception cref="ArgumentException">The operation is not a documented upload.</exception>
    public static UploadPlan For(CatalogOperation? operation, string shown)
    {
        if (operation is null || operation.RequestBody != "multipart")
            throw new ArgumentException($"{shown} is not a documented upload (multipart/form-data) operation; UploadAsync is for those (e.g. v3/merchant/media/upload).", "path");
        var body = operation.BodyFields;
        var filePart = body.FirstOrDefault(f => f.Name != "meta" && f.Type == "object")?.Name ?? "file";
        // APIv2's upload documents its fields beside the file (media_hash, the MD5 of the file), not in a meta part.
        var v2 = operation.Path.StartsWith("v2/", StringComparison.Ordinal);
        var meta = v2 ? body.Where(f => f.Name != filePart).ToArray() : body.FirstOrDefault(f => f.Name == "meta")?.Children ?? Array.Empty<CatalogField>();
        string? Named(params string[] names) => names.FirstOrDefault(n => meta.Any(f => f.Name == n));
        var algorithm = meta.FirstOrDefault(f => f.Name.StartsWith("digest_al", StringComparison.Ordinal));
        var sm3 = algorithm is not null;
        var algorithmValue = algorithm is null ? null : algorithm.Enum.FirstOrDefault(v => v.IndexOf("SM3", StringComparison.Ordinal) >= 0) ?? "SM3";
        var (maxBytes, extensions, types) = operation.Path switch
        {
            // The documented limits: images of 2 MB (JPG, BMP, PNG), videos of 5 MB.
            "v3/merchant/media/upload" => ((long?)2 * 1024 * 1024, new[] { ".jpg", ".jpeg", ".bmp", ".png" },
                new[] { FileSignature.Jpeg, FileSignature.Png, FileSignature.Bmp }),
            "v2/secapi/mch/uploadmedia" => ((long?)2 * 1024 * 1024, new[] { ".jpg", ".jpeg", ".bmp", ".png" },
                new[] { FileSignature.Jpeg, FileSignature.Png, FileSignature.Bmp }),
            "v3/merchant/media/video_upload" => ((long?)5 * 1024 * 1024, new[] { ".avi", ".wmv", ".mpeg", ".mp4", ".mov", ".mkv", ".flv", ".f4v", ".m4v", ".rmvb" },
                new[] { FileSignature.Avi, FileSignature.Asf, FileSignature.Mpeg, FileSignature.IsoMedia, FileSignature.Matroska, FileSignature.Flv, FileSignature.RealMedia }),
            _ => ((long?)null, (string[]?)null, (FileSignature[]?)null),
        };
        return new UploadPlan(filePart, Named("filename", "file_name"), Named("sha256", "digest", "file_digest", "media_hash"), algorithm?.Name, algorithmValue, sm3,
            maxBytes, extensions, types, isV2: v2);
    }

    /// <summary>Checks what can be checked before the file is read, where the operation documents the types it takes: its name's extension and its content type.</summary>
    /// <exception cref="ArgumentException">The file breaks a documented limit.</exception>
    public void CheckName(string shown, WeChatPayFile file)
    {
        if (Extensions is not null && !Extensions.Contains(Path.GetExtension(file.FileName).ToLowerInvariant()))
            throw new ArgumentException($"{shown} accepts {string.Join(", ", Extensions.Select(e => e.TrimStart('.').ToUpperInvariant()))} files; {file.FileName} is not one.", "file");
        if (Types is not null && !Types.Any(t => t.Declares(file.ContentType)))
            throw new ArgumentException($"{shown} accepts {string.Join(", ", Types.Select(t => t.Types[0]))} files; {file.FileName} is declared {file.ContentType}.", "file");
    }

    /// <summary>
    /// Checks that the content type agrees with the file's first bytes both ways: a type whose bytes are known (image/png)
    /// is declared only for a file with them, and a file with known bytes (a PNG's) only as one of their types or as
    /// <c>application/octet-stream</c>, which claims nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The content type is not the file's own.</exception>
    public static void CheckContent(WeChatPayFile file, byte[] head, int length)
    {
        var declared = FileSignature.For(file.ContentType);
        if (declared is not null && !declared.Matches(head, length))
            throw new ArgumentException($"{file.FileName} is declared {file.ContentType}, but its first bytes are not {declared.Name}'s: give the content type of what the file holds.", "file");
        var actual = FileSignature.Of(head, length);
        if (actual is not null && !actual.Declares(file.ContentType) && !string.Equals(file.ContentType, "application/octet-stream", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{file.FileName} is declared {file.ContentType}, but its first bytes are {actual.Name}'s: give {actual.Types[0]}.", "file");
    }

    /// <summary>The first <see cref="FileSignature.HeadLength"/> bytes of an opened upload (or fewer, for a shorter file); the stream is left at its start.</summary>
    public static async Task<(byte[] Head, int Length)> HeadAsync(Stream content, CancellationToken cancellationToken)
    {
        var start = content.Position;
        var head = new byte[FileSignature.HeadLength];
        var length = 0;
        int read;
        while (length < head.Length && (read = await content.ReadAsync(head, length, head.Length - length, cancellationToken).ConfigureAwait(false)) > 0)
            length += read;
        content.Position = start;
        return (head, length);
    }

    private ArgumentException TooLarge(string shown, WeChatPayFile file, string size) =>
        new($"{shown} accepts files of at most {MaxBytes / (1024 * 1024)} MB; {file.FileName} has {size} bytes.", "file");

    /// <summary>Adds the file name and digest to the caller's meta, unless the caller gave them.</summary>
    public void Fill(JObject meta, WeChatPayFile file, string digest)
    {
        if (FileNameField is not null && meta[FileNameField] is null) meta[FileNameField] = file.FileName;
        if (DigestField is not null && meta[DigestField] is null) meta[DigestField] = digest;
        if (AlgorithmField is not null && meta[AlgorithmField] is null) meta[AlgorithmField] = AlgorithmValue;
    }

    /// <summary>
    /// The file as a stream at its start, its length and its digest (lower-case hex): a path or a seekable stream is read
    /// twice; anything else is spooled to a temporary file (deleted when the returned stream is disposed) while it is digested.
    /// Where the operation documents a size limit, a file known to be larger is refused before it is read, and no read goes
    /// past one byte over the limit (a stream without end is refused there).
    /// </summary>
    /// <exception cref="ArgumentException">The file is larger than the operation's documented limit, or its path no longer names a regular file.</exception>
    public async Task<(Stream Content, long Length, string Digest)> OpenAsync(string shown, WeChatPayFile file, CancellationToken cancellationToken)
    {
        var limit = MaxBytes is { } max ? max + 1 : long.MaxValue;
        var spooled = file.Stream is { CanSeek: false };
        Stream source;
        if (file.Bytes is not null)
            source = new MemoryStream(file.Bytes, writable: false);
        else if (file.Path is not null)
            source = LocalFile.OpenRead(file.Path, "The file to upload", "file"); // checked again: it may have changed since FromPath
        else if (file.Stream!.CanSeek)
            source = new NotClosing(file.Stream);
        else // spooled
            source = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            if (source.CanSeek && source.Length - source.Position >= limit)
                throw TooLarge(shown, file, (source.Length - source.Position).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (spooled)
            {
                await PumpAsync(file.Stream!, limit, (buffer, count) => source.WriteAsync(buffer, 0, count, cancellationToken), cancellationToken).ConfigureAwait(false);
                source.Position = 0;
            }
            var start = source.Position;
            var digest = await DigestAsync(source, limit, cancellationToken).ConfigureAwait(false);
            var length = source.Position - start;
            if (length >= limit) throw TooLarge(shown, file, "more than " + (limit - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            source.Position = start;
            return (source, length, digest);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    // Copies chunks of the source to the sink until the source ends or limit bytes have passed; never asks for a byte past the limit.
    private static async Task PumpAsync(Stream source, long limit, Func<byte[], int, Task> sink, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while (total < limit && (read = await source.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, limit - total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            await sink(buffer, read).ConfigureAwait(false);
            total += read;
        }
    }

    private async Task<string> DigestAsync(Stream source, long limit, CancellationToken cancellationToken)
    {
        var sm3 = Sm3 ? new Org.BouncyCastle.Crypto.Digests.SM3Digest() : null;
        using var sha = Sm3 ? null : IncrementalHash.CreateHash(IsV2 ? HashAlgorithmName.MD5 : HashAlgorithmName.SHA256);
        await PumpAsync(source, limit, (buffer, count) =>
        {
            if (sm3 is not null) sm3.BlockUpdate(buffer, 0, count);
            else sha!.AppendData(buffer, 0, count);
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        if (sm3 is null) return FileCopy.Hex(sha!.GetHashAndReset());
        var output = new byte[sm3.GetDigestSize()];
        sm3.DoFinal(output, 0);
        return FileCopy.Hex(output);
    }

    // The caller's stream: read, not disposed.
    private sealed class NotClosing : Stream
    {
        private readonly Stream _inner;

        public NotClosing(Stream inner) => _inner = inner;

        public override bool CanRead => true;
        public override bool CanSeek => _inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => _inner.Length;
        public override long Position { get => _inner.Position; set => _inner.Position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
