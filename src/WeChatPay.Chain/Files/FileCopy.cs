using System;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Files;

/// <summary>
/// Copies a download to its destination in chunks, never holding it whole: a gzip file (recognised by its first bytes)
/// is decompressed on the way when asked; the digest of the original file (the decompressed one, for gzip, as WeChat Pay
/// computes a bill's <c>hash_value</c>) is computed as the bytes pass.
/// </summary>
internal static class FileCopy
{
    private const int ChunkSize = 81920;

    /// <summary>The digest algorithms WeChat Pay names in <c>hash_type</c>.</summary>
    public static HashAlgorithmName? Algorithm(string hashType) => hashType.ToUpperInvariant() switch
    {
        "SHA1" => HashAlgorithmName.SHA1,
        "SHA256" => HashAlgorithmName.SHA256,
        _ => null,
    };

    /// <param name="source">The download, as it arrives.</param>
    /// <param name="destination">Where the file goes.</param>
    /// <param name="digest">The digest to compute, or null.</param>
    /// <param name="decompress">Write a gzip file decompressed (else as sent, inflated only to be digested).</param>
    /// <param name="maxInflated">The most bytes a gzip file may inflate to (<see cref="WeChatPayOptions.MaxDecompressedBillSize"/>).</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The bytes written, whether the file was decompressed, and the digest (lower-case hex) when one was asked for.</returns>
    /// <exception cref="Http.DecompressionLimitException">A gzip file inflated past <paramref name="maxInflated"/>: nothing past the limit was written or digested.</exception>
    public static async Task<(long Written, bool Decompressed, string? Digest)> CopyAsync(Stream source, Stream destination, HashAlgorithmName? digest,
        bool decompress, long maxInflated, CancellationToken cancellationToken)
    {
        // Two pooled chunks, whatever the file's size: the first bytes (to recognise gzip) and the pump's.
        var first = System.Buffers.ArrayPool<byte>.Shared.Rent(ChunkSize);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var firstLength = await ReadSomeAsync(source, first, cancellationToken).ConfigureAwait(false);
            var gzip = firstLength >= 2 && first[0] == 0x1F && first[1] == 0x8B;
            Stream input = new PrefixedStream(first, firstLength, source);
            using var hash = digest is { } name ? IncrementalHash.CreateHash(name) : null;

            if (!gzip)
                return (await PumpAsync(input, buffer, hash, destination, long.MaxValue, cancellationToken).ConfigureAwait(false), false, Hex(hash));
            if (decompress)
            {
                using var inflated = new GZipStream(input, CompressionMode.Decompress);
                return (await PumpAsync(inflated, buffer, hash, destination, maxInflated, cancellationToken).ConfigureAwait(false), true, Hex(hash));
            }
            // Kept compressed: the compressed bytes go to the destination, and are inflated only to be digested.
            var tee = new TeeStream(input, destination);
            using (var inflated = new GZipStream(tee, CompressionMode.Decompress))
                await PumpAsync(inflated, buffer, hash, null, maxInflated, cancellationToken).ConfigureAwait(false);
            await tee.DrainAsync(buffer, cancellationToken).ConfigureAwait(false); // anything after the gzip member
            return (tee.Written, false, Hex(hash));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(first);
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Reads at most one byte past the limit: a chunk that would cross it is neither written nor digested.
    private static async Task<long> PumpAsync(Stream input, byte[] buffer, IncrementalHash? hash, Stream? destination, long limit, CancellationToken cancellationToken)
    {
        long total = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, 0, limit - total >= ChunkSize ? ChunkSize : (int)(limit - total) + 1, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (read > limit - total) throw new Http.DecompressionLimitException(limit);
            hash?.AppendData(buffer, 0, read);
            if (destination is not null) await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
            total += read;
        }
        return total;
    }

    private static async Task<int> ReadSomeAsync(Stream source, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        while (length < 2)
        {
            var read = await source.ReadAsync(buffer, length, ChunkSize - length, cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            length += read;
        }
        return length;
    }

    private static string? Hex(IncrementalHash? hash) => hash is null ? null : Hex(hash.GetHashAndReset());

    /// <summary>Lower-case hex, as WeChat Pay writes digests.</summary>
    public static string Hex(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            chars[2 * i + 1] = "0123456789abcdef"[bytes[i] & 0xF];
        }
        return new string(chars);
    }

    // Every byte read from the source is also written to the destination.
    private sealed class TeeStream : ReadOnlyStream
    {
        private readonly Stream _source;
        private readonly Stream _copy;

        public TeeStream(Stream source, Stream copy)
        {
            _source = source;
            _copy = copy;
        }

        public long Written { get; private set; }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            var read = await _source.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            if (read > 0)
            {
                await _copy.WriteAsync(buffer, offset, read, cancellationToken).ConfigureAwait(false);
                Written += read;
            }
            return read;
        }

        public async Task DrainAsync(byte[] buffer, CancellationToken cancellationToken)
        {
            while (await ReadAsync(buffer, 0, ChunkSize, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
    }
}
