using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Files;

/// <summary>Reads through to its source and digests every byte that passes.</summary>
internal sealed class DigestingStream : ReadOnlyStream
{
    private readonly Stream _source;
    private readonly IncrementalHash _hash;

    public DigestingStream(Stream source, IncrementalHash hash)
    {
        _source = source;
        _hash = hash;
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var read = await _source.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        if (read > 0) _hash.AppendData(buffer, offset, read);
        return read;
    }
}
