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
        long? maxBytes, string[]? extensions)
    {
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

    public long? MaxBytes { get; }

    public string[]? Extensions { get; }

    /// <exception cref="ArgumentException">The operation is not a documented upload.</exception>
    public static UploadPlan For(CatalogOperation? operation, string shown)
    {
        if (operation is null || operation.RequestBody != "multipart")
            throw new ArgumentException($"{shown} is not a documented upload (multipart/form-data) operation; UploadAsync is for those (e.g. v3/merchant/media/upload).", "path");
        var body = operation.BodyFields;
        var filePart = body.FirstOrDefault(f => f.Name != "meta" && f.Type == "object")?.Name ?? "file";
        var meta = body.FirstOrDefault(f => f.Name == "meta")?.Children ?? Array.Empty<CatalogField>();
        string? Named(params string[] names) => names.FirstOrDefault(n => meta.Any(f => f.Name == n));
        var algorithm = meta.FirstOrDefault(f => f.Name.StartsWith("digest_al", StringComparison.Ordinal));
        var sm3 = algorithm is not null;
        var algorithmValue = algorithm is null ? null : algorithm.Enum.FirstOrDefault(v => v.IndexOf("SM3", StringComparison.Ordinal) >= 0) ?? "SM3";
        var (maxBytes, extensions) = operation.Path switch
        {
            // The documented limits: images of 2 MB (JPG, BMP, PNG), videos of 5 MB.
            "v3/merchant/media/upload" => ((long?)2 * 1024 * 1024, new[] { ".jpg", ".jpeg", ".bmp", ".png" }),
            "v3/merchant/media/video_upload" => ((long?)5 * 1024 * 1024, new[] { ".avi", ".wmv", ".mpeg", ".mp4", ".mov", ".mkv", ".flv", ".f4v", ".m4v", ".rmvb" }),
            _ => ((long?)null, (string[]?)null),
        };
        return new UploadPlan(filePart, Named("filename", "file_name"), Named("sha256", "digest", "file_digest"), algorithm?.Name, algorithmValue, sm3, maxBytes, extensions);
    }

    /// <exception cref="ArgumentException">The file breaks a documented limit.</exception>
    public void CheckLimits(string shown, WeChatPayFile file, long length)
    {
        if (Extensions is not null && !Extensions.Contains(Path.GetExtension(file.FileName).ToLowerInvariant()))
            throw new ArgumentException($"{shown} accepts {string.Join(", ", Extensions.Select(e => e.TrimStart('.').ToUpperInvariant()))} files; {file.FileName} is not one.", "file");
        if (MaxBytes is { } max && length > max)
            throw new ArgumentException($"{shown} accepts files of at most {max / (1024 * 1024)} MB; {file.FileName} has {length} bytes.", "file");
    }

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
    /// </summary>
    public async Task<(Stream Content, long Length, string Digest)> OpenAsync(WeChatPayFile file, CancellationToken cancellationToken)
    {
        Stream source;
        if (file.Bytes is not null)
            source = new MemoryStream(file.Bytes, writable: false);
        else if (file.Path is not null)
            source = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        else if (file.Stream!.CanSeek)
            source = file.Stream;
        else
        {
            var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            await file.Stream.CopyToAsync(spool, 81920, cancellationToken).ConfigureAwait(false);
            spool.Position = 0;
            source = spool;
        }
        var start = source.Position;
        var digest = await DigestAsync(source, cancellationToken).ConfigureAwait(false);
        var length = source.Position - start;
        source.Position = start;
        return (ReferenceEquals(source, file.Stream) ? new NotClosing(source) : source, length, digest);
    }

    private async Task<string> DigestAsync(Stream source, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        var sm3 = Sm3 ? new Org.BouncyCastle.Crypto.Digests.SM3Digest() : null;
        using var sha = Sm3 ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        int read;
        while ((read = await source.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (sm3 is not null) sm3.BlockUpdate(buffer, 0, read);
            else sha!.AppendData(buffer, 0, read);
        }
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
