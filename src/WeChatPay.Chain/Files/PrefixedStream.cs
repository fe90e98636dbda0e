using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Files;

/// <summary>The first bytes of a download, already read to recognise it, then the rest of the source.</summary>
internal sealed class PrefixedStream : ReadOnlyStream
{
    private readonly byte[] _prefix;
    private readonly int _length;
    private readonly Stream _rest;
    private int _position;

    public PrefixedStream(byte[] prefix, int length, Stream rest)
    {
        _prefix = prefix;
        _length = length;
        _rest = rest;
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_position < _length)
        {
            var n = Math.Min(count, _length - _position);
            Buffer.BlockCopy(_prefix, _position, buffer, offset, n);
            _position += n;
            return n;
        }
        return await _rest.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
    }
}
