using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using WeChatPay.Chain.Http;
using WeChatPay.Chain.Paths;

namespace WeChatPay.Chain.Files;

/// <summary>
/// A GET whose 2xx answer is a file (a bill, an image, a statement), on top of the pipeline's fetch: streamed to its
/// destination as it arrives, gzip decompressed on the way when asked, its digest checked against the one given.
/// </summary>
internal static class FileDownload
{
    /// <summary>Downloads one file to <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The call cannot be built, or <paramref name="hashType"/> is not SHA1 or SHA256.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, the call failed, or the digest does not match.</exception>
    public static async Task<WeChatPayDownload> DownloadAsync(CallPipeline pipeline, PathTemplate path, object? query, WeChatPayRequestOptions? options,
        Stream destination, bool decompress, string? hashType, string? expectedDigest, CancellationToken cancellationToken)
    {
        var algorithm = DigestAlgorithm(hashType, nameof(hashType));
        (long Written, bool Decompressed, string? Digest) copied = default;
        var (answer, call) = await pipeline.FetchAsync(path, query, options, string.Empty,
            async (stream, token) => copied = await FileCopy.CopyAsync(stream, destination, algorithm, decompress, pipeline.MaxInflated, token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        if (expectedDigest is not null && !string.Equals(copied.Digest, expectedDigest.Trim(), StringComparison.OrdinalIgnoreCase))
            throw DigestMismatch(call, answer, string.Empty, hashType!, copied.Digest, expectedDigest);
        return new WeChatPayDownload(answer.StatusCode, answer.Headers, copied.Written, copied.Decompressed, false, 1,
            expectedDigest is null ? null : hashType!.ToUpperInvariant(), copied.Digest);
    }

    /// <summary>The digest a <c>hash_type</c> names, or null for none.</summary>
    /// <exception cref="ArgumentException">It is not SHA1 or SHA256.</exception>
    public static HashAlgorithmName? DigestAlgorithm(string? hashType, string option) =>
        hashType is null ? null
            : FileCopy.Algorithm(hashType) ?? throw new ArgumentException($"hash_type {hashType} is not one WeChat Pay documents (SHA1, SHA256).", option);

    /// <summary>The error of a downloaded file whose digest is not the one WeChat Pay gave.</summary>
    public static WeChatPayException DigestMismatch(PreparedCall call, Answer answer, string label, string hashType, string? actual, string expected) =>
        new($"GET {call.ShownTarget}: {label}the file's {hashType} is {actual}, not the {expected} WeChat Pay gave for it: it is incomplete or was altered; " +
            "do not use it (download it again).", "GET", call.ShownTarget, answer.StatusCode, null, answer.Headers);
}
